from django.urls import path

from wulian.schedules import views

app_name = "schedules"
urlpatterns = [
    path("", views.schedule_list, name="list"),
    path("new/", views.schedule_create, name="create"),
    path("<int:pk>/", views.schedule_detail, name="detail"),
    path("<int:pk>/edit/", views.schedule_edit, name="edit"),
    path("occurrences/", views.occurrence_list, name="occurrences"),
    path("occurrences/export/", views.occurrence_export, name="occurrence_export"),
]
