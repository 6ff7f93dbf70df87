from django.urls import path

from wulian.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("new/", views.org_create, name="create"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:pk>/party-body/", views.org_change_body, name="change_body"),
]
