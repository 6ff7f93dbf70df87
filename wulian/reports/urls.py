from django.urls import path

from wulian.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("mine/", views.mine_list, name="mine_list"),
    path("mine/<int:pk>/", views.mine_detail, name="mine_detail"),
    path("mine/<int:pk>/answer/", views.mine_answer, name="mine_answer"),
    path("mine/<int:pk>/photos/<int:photo_pk>/", views.mine_photo, name="mine_photo"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/duplicate/", views.report_duplicate, name="duplicate"),
    path("<int:pk>/route/", views.report_route, name="route"),
    path("<int:pk>/case/", views.report_to_case, name="to_case"),
    path("<int:pk>/agenda/", views.report_to_agenda, name="to_agenda"),
    path("<int:pk>/handle/", views.report_handle, name="handle"),
]
