from django.urls import path

from wulian.alliances import views

app_name = "alliances"
urlpatterns = [
    path("", views.alliance_list, name="list"),
    path("new/", views.alliance_create, name="create"),
    path("export/", views.alliance_export, name="export"),
    path("<int:pk>/", views.alliance_detail, name="detail"),
    path("<int:pk>/members/new/", views.alliance_member_add, name="member_add"),
    path("<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("part-time/", views.member_list, name="member_list"),
    path("part-time/new/", views.member_create, name="member_create"),
    path("part-time/export/", views.member_export, name="member_export"),
    path("part-time/<int:pk>/", views.member_detail, name="member_detail"),
    path("part-time/<int:pk>/renew/", views.member_renew, name="member_renew"),
    path("part-time/<int:pk>/activities/new/", views.member_activity, name="member_activity"),
    path("bodies/", views.bodies, name="bodies"),
]
