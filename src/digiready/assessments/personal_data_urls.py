"""Your data, at /your-data/: what is held, a copy to download, and erasure."""

from django.urls import path

from digiready.assessments import personal_data_views as views

app_name = "your_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("your-data.json", views.download_json, name="json"),
    path("your-data.pdf", views.download_pdf, name="pdf"),
    path("erase/", views.erase, name="erase"),
    path("erased/", views.erased, name="erased"),
]
