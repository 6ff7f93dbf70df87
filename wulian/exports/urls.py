from django.urls import path

from wulian.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:pk>/", views.job_detail, name="detail"),
    path("<uuid:pk>/download/", views.job_download, name="download"),
    path("imports/<uuid:pk>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:pk>/confirm/", views.import_confirm, name="import_confirm"),
]
