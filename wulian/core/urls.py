from django.urls import path

from wulian.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("retention/", views.retention, name="retention"),
    path("bench/bare", views.bare, name="bare"),
]
