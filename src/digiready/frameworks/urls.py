from django.urls import path

from digiready.frameworks import views

app_name = "frameworks"

version = "<slug:slug>/<str:version>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_framework, name="import"),
    path("crosswalks/", views.crosswalks, name="crosswalks"),
    path("crosswalks/<int:pk>/", views.crosswalk_detail, name="crosswalk"),
    path("<slug:slug>/", views.framework_detail, name="framework"),
    path("<slug:slug>/compare/", views.compare_versions, name="compare"),
    path("<slug:slug>/role-profiles/", views.role_profiles, name="role-profiles"),
    path("<slug:slug>/role-profiles/<int:pk>/", views.edit_role_profile, name="role-profile"),
    path(version, views.version_detail, name="version"),
    path(version + "download/<str:kind>/", views.download, name="download"),
    path(version + "new-draft/", views.new_draft, name="new-draft"),
    path(version + "edit/", views.edit_version, name="edit"),
    path(version + "publish/", views.publish, name="publish"),
    path(version + "retire/", views.retire, name="retire"),
    path(version + "delete/", views.delete_draft, name="delete"),
    path(version + "domains/add/", views.edit_domain, name="add-domain"),
    path(version + "domains/<uuid:lineage>/", views.domain_detail, name="domain"),
    path(version + "domains/<uuid:lineage>/edit/", views.edit_domain, name="edit-domain"),
    path(
        version + "domains/<uuid:lineage>/delete/",
        views.delete_node,
        {"kind": "domain"},
        name="delete-domain",
    ),
    path(version + "capabilities/add/", views.edit_capability, name="add-capability"),
    path(version + "capabilities/<uuid:lineage>/", views.capability_detail, name="capability"),
    path(
        version + "capabilities/<uuid:lineage>/edit/",
        views.edit_capability,
        name="edit-capability",
    ),
    path(
        version + "capabilities/<uuid:lineage>/delete/",
        views.delete_node,
        {"kind": "capability"},
        name="delete-capability",
    ),
]
