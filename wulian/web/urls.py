from django.urls import path

from wulian.web import pickers, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("retention/", views.retention, name="retention"),
    path("pick/orgs", pickers.pick_orgs, name="pick_orgs"),
    path("pick/people", pickers.pick_people, name="pick_people"),
    path("pick/areas", pickers.pick_areas, name="pick_areas"),
]
