from django.urls import path

from wulian.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<str:code>/", views.dashboard, name="dashboard"),
    path("areas/<str:code>/charts.json", views.chart_data, name="charts"),
    path("areas/<str:code>/export/", views.export, name="export"),
    path("areas/<str:code>/screen-link/", views.screen_link, name="screen_link"),
    path("screen-links/", views.screen_links, name="screen_links"),
    path("screen-links/<int:pk>/revoke/", views.screen_link_revoke, name="screen_link_revoke"),
    path("screen/<str:token>/", views.big_screen, name="screen"),
    path("screen/<str:token>/data.json", views.big_screen_data, name="screen_data"),
]
