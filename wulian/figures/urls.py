from django.urls import path

from wulian.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<str:code>/", views.dashboard, name="dashboard"),
    path("areas/<str:code>/charts.json", views.chart_data, name="charts"),
    path("areas/<str:code>/export/", views.export, name="export"),
    path("areas/<str:code>/screen-link/", views.screen_link, name="screen_link"),
    path("screen/<str:token>/", views.big_screen, name="screen"),
    path("screen/<str:token>/data.json", views.big_screen_data, name="screen_data"),
]
