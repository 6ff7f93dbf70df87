from django.urls import path

from wulian.duties import views

app_name = "duties"
urlpatterns = [
    path("", views.duty_index, name="index"),
    path("export/", views.duty_export, name="export"),
    path("import/", views.duty_import, name="import"),
    path("import/template/", views.duty_import_template, name="import_template"),
    path("assign/", views.duty_assign, name="assign"),
    path("assignments/<uuid:assignment>/", views.assignment, name="assignment"),
    path("<int:pk>/", views.duty_detail, name="detail"),
    path("<int:pk>/report/", views.duty_report, name="report"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("lists/", views.list_index, name="lists"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/export/", views.list_export, name="list_export"),
    path("lists/<int:pk>/new/", views.duty_create, name="duty_create"),
    path("holidays/", views.holiday_list, name="holidays"),
    path("holidays/new/", views.holiday_create, name="holiday_create"),
    path("holidays/confirm/", views.holiday_confirm, name="holiday_confirm"),
    path("holidays/<int:pk>/edit/", views.holiday_edit, name="holiday_edit"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
]
