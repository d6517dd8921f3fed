from django.urls import path

from digiready.accounts import token_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("create/", views.sign_up, name="sign-up"),
    path("details/", views.profile, name="profile"),
    path("password-reset/", views.ResetRequestView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.ResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.ResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("audit/", views.audit_log, name="audit-log"),
    path("api-tokens/", token_views.tokens, name="tokens"),
    path("api-tokens/create/", token_views.create, name="token-create"),
    path("api-tokens/<int:pk>/revoke/", token_views.revoke_token, name="token-revoke"),
]
