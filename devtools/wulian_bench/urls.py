"""Routed under ``bench/`` by ``wulian.urls`` only when the tools app is installed (never in
production)."""

from django.urls import path

from wulian_bench import views

app_name = "bench"
urlpatterns = [
    path("bare", views.bare, name="bare"),
    path("bare-write", views.bare_write, name="bare_write"),
]
