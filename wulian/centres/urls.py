from django.urls import path

from wulian.centres import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list, name="list"),
    path("new/", views.centre_create, name="create"),
    path("<int:pk>/", views.centre_detail, name="detail"),
    path("<int:pk>/edit/", views.centre_edit, name="edit"),
    path("<int:pk>/services/", views.service_add, name="service_add"),
    path("<int:pk>/services/<int:service_pk>/delete/", views.service_delete, name="service_delete"),
    path("<int:pk>/resources/", views.resource_link, name="resource_link"),
    path(
        "<int:pk>/resources/<int:resource_pk>/unlink/",
        views.resource_unlink,
        name="resource_unlink",
    ),
]
