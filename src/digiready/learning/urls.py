from django.urls import path

from digiready.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalogue.csv", views.export, name="export"),
    path("coverage/", views.coverage, name="coverage"),
    path("import/", views.import_catalogue, name="import"),
    path("import/done/", views.imported, name="imported"),
    path("<uuid:public_id>/", views.resource, name="resource"),
]
