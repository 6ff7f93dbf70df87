from django.urls import path

from wulian.public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("evaluations/<int:pk>/", views.round_results, name="round"),
    path("<str:code>/", views.area_page, name="area"),
    path("<str:code>/data.json", views.area_json, name="area_json"),
    path("<str:code>/<slug:section>.csv", views.area_csv, name="area_csv"),
]
