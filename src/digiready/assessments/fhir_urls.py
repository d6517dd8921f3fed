"""FHIR resources at the addresses their canonical URLs name: /fhir/Questionnaire/… and
/fhir/QuestionnaireResponse/…"""

from django.urls import path

from digiready.assessments import fhir_views

app_name = "fhir"

urlpatterns = [
    path("Questionnaire/<str:slug>", fhir_views.questionnaire_fhir, name="questionnaire"),
    path(
        "Questionnaire/<slug:slug>/<str:role>",
        fhir_views.questionnaire_fhir,
        name="questionnaire-current",
    ),
    path("QuestionnaireResponse/<uuid:public_id>", fhir_views.response_fhir, name="response"),
]
