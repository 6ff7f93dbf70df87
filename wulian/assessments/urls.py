from django.urls import path

from wulian.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.system_list, name="list"),
    path("new/", views.system_create, name="create"),
    path("<int:pk>/", views.system_detail, name="detail"),
    path("<int:pk>/indicators/", views.system_indicators, name="indicators"),
    path("<int:pk>/export/", views.system_export, name="export"),
    path("indicators/<int:pk>/scores/", views.manual_scores, name="scores"),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/evaluate/", views.report_evaluate, name="report_evaluate"),
]
