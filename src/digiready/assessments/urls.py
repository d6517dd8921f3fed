from django.urls import path

from digiready.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("history/", views.history_page, name="history"),
    path("organisation/<str:ods_code>/", views.organisation, name="organisation"),
    path(
        "organisation/<str:ods_code>/start/",
        views.organisation_start,
        name="organisation-start",
    ),
    path("<uuid:public_id>/", views.tasks, name="tasks"),
    path("<uuid:public_id>/check/", views.check, name="check"),
    path("<uuid:public_id>/submit/", views.submit, name="submit"),
    path("<uuid:public_id>/submitted/", views.submitted, name="submitted"),
    path("<uuid:public_id>/report/", views.report, name="report"),
    path("<uuid:public_id>/report.pdf", views.report_pdf, name="report-pdf"),
    path("<uuid:public_id>/<slug:slug>/", views.section, name="section"),
]
