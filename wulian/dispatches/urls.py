from django.urls import path

from wulian.dispatches import views

app_name = "dispatches"
urlpatterns = [
    path("", views.dispatch_list, name="list"),
    path("generate/", views.dispatch_generate, name="generate"),
    path("export/", views.dispatch_export, name="export"),
    path("<int:pk>/", views.dispatch_detail, name="detail"),
    path("<int:pk>/edit/", views.dispatch_edit, name="edit"),
    path("<int:pk>/criticize/", views.dispatch_criticize, name="criticize"),
    path("<int:pk>/publish/", views.dispatch_publish, name="publish"),
    path("<int:pk>/correct/", views.dispatch_correct, name="correct"),
    path("<int:pk>/pdf/", views.dispatch_pdf, name="pdf"),
    path("<int:pk>/figures.xlsx", views.figures_export, name="figures_export"),
    path("criticisms/<int:pk>/delete/", views.criticism_delete, name="criticism_delete"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/export/", views.rectification_export, name="rectification_export"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path("rectifications/<int:pk>/report/", views.rectification_report, name="rectification_report"),
    path("rectifications/<int:pk>/verify/", views.rectification_verify, name="rectification_verify"),
    path("rectifications/evidence/<int:pk>/", views.rectification_evidence, name="rectification_evidence"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/record/", views.inspection_record, name="inspection_record"),
    path("inspections/<int:pk>/findings/", views.inspection_finding, name="inspection_finding"),
    path("inquiries/", views.inquiry_list, name="inquiries"),
    path("inquiries/new/", views.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/reply/", views.inquiry_reply, name="inquiry_reply"),
    path("inquiries/<int:pk>/decide/", views.inquiry_decide, name="inquiry_decide"),
    path("orgs/<int:pk>/record/", views.org_record_page, name="org_record"),
]
