from django.urls import path

from wulian.councils import views

app_name = "councils"
urlpatterns = [
    path("", views.council_list, name="list"),
    path("new/", views.council_create, name="create"),
    path("export/", views.council_export, name="export"),
    path("my/", views.my_councils, name="my"),
    path("<int:pk>/", views.council_detail, name="detail"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("<int:pk>/topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/comment/", views.topic_comment, name="topic_comment"),
    path("topics/<int:pk>/open/", views.topic_open, name="topic_open"),
    path("topics/<int:pk>/vote/", views.topic_vote, name="topic_vote"),
    path("topics/<int:pk>/offline-vote/", views.topic_offline_vote, name="topic_offline_vote"),
    path("topics/<int:pk>/close/", views.topic_close, name="topic_close"),
    path("topics/<int:pk>/resolve/", views.topic_resolve, name="topic_resolve"),
    path("resolutions/<int:pk>/project/", views.resolution_project, name="resolution_project"),
    path("resolutions/<int:pk>/action-item/", views.resolution_action, name="resolution_action"),
]
