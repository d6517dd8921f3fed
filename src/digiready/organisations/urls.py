from django.urls import path

from digiready.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("<str:ods_code>/", views.detail, name="detail"),
    path("<str:ods_code>/people/", views.people, name="people"),
]
