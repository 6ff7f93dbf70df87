from django.urls import path

from wulian.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/grids/new/", views.grid_create, name="grid_create"),
]
