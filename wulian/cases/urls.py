from django.urls import path

from wulian.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("export/", views.case_export, name="export"),
    path("import/", views.case_import, name="import"),
    path("import/template/", views.case_import_template, name="import_template"),
    path("report/", views.case_report, name="report"),
    path("mine/", views.mine_list, name="mine_list"),
    path("mine/<int:pk>/", views.mine_detail, name="mine_detail"),
    path("stats/", views.case_stats, name="stats"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/resolve/", views.case_resolve, name="resolve"),
]
