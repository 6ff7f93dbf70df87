from django.urls import path

from wulian.dispatches.views import dispatches, oversight, rectifications

app_name = "dispatches"
urlpatterns = [
    path("", dispatches.dispatch_list, name="list"),
    path("generate/", dispatches.dispatch_generate, name="generate"),
    path("export/", dispatches.dispatch_export, name="export"),
    path("<int:pk>/", dispatches.dispatch_detail, name="detail"),
    path("<int:pk>/edit/", dispatches.dispatch_edit, name="edit"),
    path("<int:pk>/criticize/", dispatches.dispatch_criticize, name="criticize"),
    path("<int:pk>/publish/", dispatches.dispatch_publish, name="publish"),
    path("<int:pk>/correct/", dispatches.dispatch_correct, name="correct"),
    path("<int:pk>/pdf/", dispatches.dispatch_pdf, name="pdf"),
    path("<int:pk>/figures.xlsx", dispatches.figures_export, name="figures_export"),
    path("criticisms/<int:pk>/delete/", dispatches.criticism_delete, name="criticism_delete"),
    path("rectifications/", rectifications.rectification_list, name="rectifications"),
    path(
        "rectifications/export/", rectifications.rectification_export, name="rectification_export"
    ),
    path(
        "rectifications/<int:pk>/", rectifications.rectification_detail, name="rectification_detail"
    ),
    path(
        "rectifications/<int:pk>/report/",
        rectifications.rectification_report,
        name="rectification_report",
    ),
    path(
        "rectifications/<int:pk>/verify/",
        rectifications.rectification_verify,
        name="rectification_verify",
    ),
    path(
        "rectifications/evidence/<int:pk>/",
        rectifications.rectification_evidence,
        name="rectification_evidence",
    ),
    path("inspections/", oversight.inspection_list, name="inspections"),
    path("inspections/new/", oversight.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", oversight.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/record/", oversight.inspection_record, name="inspection_record"),
    path("inspections/<int:pk>/findings/", oversight.inspection_finding, name="inspection_finding"),
    path("inquiries/", oversight.inquiry_list, name="inquiries"),
    path("inquiries/new/", oversight.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:pk>/", oversight.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/reply/", oversight.inquiry_reply, name="inquiry_reply"),
    path("inquiries/<int:pk>/decide/", oversight.inquiry_decide, name="inquiry_decide"),
    path("orgs/<int:pk>/record/", oversight.org_record_page, name="org_record"),
]
