from django.urls import path

from wulian.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("read-all/", views.read_all, name="read_all"),
    path("bell/", views.bell, name="bell"),
    path("preferences/", views.preferences, name="preferences"),
]
