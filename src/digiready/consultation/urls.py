from django.urls import path

from digiready.consultation import manage_views, views

app_name = "consultation"

urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", views.moderation_queue, name="queue"),
    path("moderation/<str:kind>/<int:pk>/", views.moderate, name="moderate"),
    # Before the campaign pages, so that "manage" is never read as a campaign's address.
    path("manage/", manage_views.campaigns, name="manage-campaigns"),
    path("manage/new/", manage_views.edit_campaign, name="manage-create"),
    path("manage/<slug:slug>/", manage_views.manage_campaign, name="manage-campaign"),
    path("manage/<slug:slug>/edit/", manage_views.edit_campaign, name="manage-edit"),
    path("manage/<slug:slug>/phases/new/", manage_views.edit_phase, name="manage-add-phase"),
    path(
        "manage/<slug:slug>/phases/<int:phase_id>/",
        manage_views.edit_phase,
        name="manage-edit-phase",
    ),
    path(
        "manage/<slug:slug>/phases/<int:phase_id>/delete/",
        manage_views.delete_phase,
        name="manage-delete-phase",
    ),
    path(
        "manage/<slug:slug>/phases/<int:phase_id>/questions/new/",
        manage_views.add_question,
        name="manage-add-question",
    ),
    path(
        "manage/<slug:slug>/questions/<int:question_id>/",
        manage_views.edit_question,
        name="manage-edit-question",
    ),
    path(
        "manage/<slug:slug>/questions/<int:question_id>/delete/",
        manage_views.delete_question,
        name="manage-delete-question",
    ),
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
