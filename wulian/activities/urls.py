from django.urls import path

from wulian.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("export/", views.activity_export, name="export"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/signins/", views.signin_add, name="signin_add"),
    path("<int:pk>/qr/", views.activity_qr, name="qr"),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
]
