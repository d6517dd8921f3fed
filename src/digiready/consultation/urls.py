from django.urls import path

from digiready.consultation import views

app_name = "consultation"

urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", views.moderation_queue, name="queue"),
    path("moderation/<str:kind>/<int:pk>/", views.moderate, name="moderate"),
    path("<slug:slug>/", views.campaign_detail, name="campaign"),
    path("<slug:slug>/questions/<int:question_id>/", views.contribute, name="contribute"),
    path("<slug:slug>/questions/<int:question_id>/thanks/", views.thanks, name="thanks"),
    path("<slug:slug>/contributions/<int:pk>/", views.contribution_detail, name="contribution"),
    path("<slug:slug>/contributions/<int:pk>/vote/", views.vote, name="vote"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/report/report.pdf", views.report_pdf, name="report-pdf"),
    path("<slug:slug>/report/runs/<int:pk>/", views.run_status, name="run"),
    path("<slug:slug>/report/themes/", views.edit_themes, name="edit-themes"),
    path("<slug:slug>/report/<str:kind>.csv", views.export, {"fmt": "csv"}, name="export"),
    path("<slug:slug>/report/<str:kind>.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
]
