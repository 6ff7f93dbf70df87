from django.urls import path

from wulian.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/weights/", views.round_weights, name="weights"),
    path("<int:pk>/criteria/", views.round_criteria, name="criteria"),
    path("<int:pk>/open/", views.round_open, name="open"),
    path("<int:pk>/publish/", views.round_publish, name="publish"),
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/survey/", views.survey, name="survey"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/export/", views.export, name="export"),
    path("<int:pk>/orgs/<int:org_pk>/", views.breakdown, name="breakdown"),
    path("<int:pk>/appeal/", views.appeal, name="appeal"),
    path("<int:pk>/appeals/<int:appeal_pk>/decide/", views.appeal_decide, name="appeal_decide"),
]
