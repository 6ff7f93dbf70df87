from django.urls import path

from wulian.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<str:code>/", views.dashboard, name="dashboard"),
]
