from django.urls import path

from wulian.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("new/", views.org_create, name="create"),
    path("import/", views.org_import, name="import"),
    path("import/template/", views.org_import_template, name="import_template"),
    path("export/", views.org_export, name="export"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:pk>/party-body/", views.org_change_body, name="change_body"),
]
