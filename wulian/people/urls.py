from django.urls import path

from wulian.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("import/", views.person_import, name="import"),
    path("import/template/", views.person_import_template, name="import_template"),
    path("export/", views.person_export, name="export"),
    path("me/erasure/", views.erasure_request, name="erasure_request"),
    path("erasures/", views.erasure_list, name="erasure_list"),
    path("erasures/<int:pk>/decide/", views.erasure_decide, name="erasure_decide"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/reveal/<str:field>/", views.person_reveal, name="reveal"),
]
