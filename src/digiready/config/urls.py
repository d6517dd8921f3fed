from django.contrib import admin
from django.urls import include, path

from digiready.config.api import api

urlpatterns = [
    path("", include("digiready.core.urls")),
    path("accounts/", include("digiready.accounts.urls")),
    path("organisations/", include("digiready.organisations.urls")),
    path("frameworks/", include("digiready.frameworks.urls")),
    path("conversations/", include("digiready.consultation.urls")),
    path("learning/", include("digiready.learning.urls")),
    path("assessment/", include("digiready.assessments.urls")),
    path("your-data/", include("digiready.assessments.personal_data_urls")),
    path("fhir/", include("digiready.assessments.fhir_urls")),
    path("dashboards/", include("digiready.analytics.dashboard_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler403 = "digiready.core.views.forbidden"
handler404 = "digiready.core.views.not_found"
handler500 = "digiready.core.views.server_error"
