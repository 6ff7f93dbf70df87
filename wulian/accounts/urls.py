from django.urls import path

from wulian.accounts import views, views_phone

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("signup/", views_phone.signup, name="signup"),
    path("login/sms/", views_phone.sms_login, name="sms_login"),
    path("password/reset/", views_phone.sms_reset, name="sms_reset"),
    path("signups/", views_phone.signup_list, name="signup_list"),
    path("signups/<int:pk>/verify/", views_phone.signup_verify, name="signup_verify"),
    path("signups/<int:pk>/refuse/", views_phone.signup_refuse, name="signup_refuse"),
    path("local/", views_phone.local_account_list, name="local_account_list"),
    path("local/new/", views_phone.local_account_create, name="local_account_create"),
    path("local/<int:pk>/active/", views_phone.local_account_active, name="local_account_active"),
    path(
        "local/<int:pk>/password/",
        views_phone.local_account_password,
        name="local_account_password",
    ),
    path("mfa/", views.mfa_verify, name="mfa_verify"),
    path("mfa/enrol/", views.mfa_enrol, name="mfa_enrol"),
    path("mfa/recovery/", views.mfa_recovery, name="mfa_recovery"),
    path("me/", views.account, name="account"),
    path("me/data/<str:fmt>/", views.my_data, name="my_data"),
    path("me/tokens/", views.account_token_create, name="account_token_create"),
    path("me/tokens/<int:pk>/revoke/", views.account_token_revoke, name="account_token_revoke"),
    path("me/sessions/<int:pk>/end/", views.account_session_end, name="account_session_end"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("roles/orgs/", views.role_org_options, name="role_org_options"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("users/<int:pk>/unlock/", views.lockout_reset, name="lockout_reset"),
    path("users/<int:pk>/password/", views.user_set_password, name="user_set_password"),
]
