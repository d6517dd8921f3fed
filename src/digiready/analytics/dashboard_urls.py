from django.urls import path

from digiready.analytics import dashboard_views as views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:level>/", views.dashboard, name="place"),
    path("<slug:level>/export.<slug:fmt>", views.export, name="export"),
    path("<slug:level>/<str:code>/", views.dashboard, name="place"),
    path("<slug:level>/<str:code>/export.<slug:fmt>", views.export, name="export"),
]
