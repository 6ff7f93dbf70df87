from django.urls import path

from wulian.funds import views

app_name = "funds"
urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("new/", views.fund_create, name="fund_create"),
    path("<int:pk>/", views.fund_detail, name="fund_detail"),
    path("<int:pk>/sources/new/", views.source_create, name="source_create"),
    path("<int:pk>/allocate/", views.allocation_create, name="allocation_create"),
    path("allocations/", views.allocation_list, name="allocation_list"),
    path("allocations/export/", views.allocation_export, name="allocation_export"),
    path("allocations/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("allocations/<int:pk>/pdf/", views.allocation_pdf, name="allocation_pdf"),
    path("allocations/<int:pk>/return/", views.allocation_return, name="allocation_return"),
    path("allocations/<int:pk>/projects/new/", views.project_create, name="project_create"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/export/", views.project_export, name="project_export"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/advance/", views.project_advance, name="project_advance"),
    path("projects/<int:pk>/spend/", views.project_spend, name="project_spend"),
    path("projects/<int:pk>/facilities/new/", views.facility_create, name="facility_create"),
    path("facilities/", views.facility_list, name="facility_list"),
    path("facilities/export/", views.facility_export, name="facility_export"),
    path("report/", views.report, name="report"),
    path("report/export/", views.report_export, name="report_export"),
]
