from django.urls import path

from wulian.needs import views

app_name = "needs"
urlpatterns = [
    # residents (phone-first)
    path("", views.my_needs, name="mine"),
    path("post/", views.post_need, name="post"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm_need, name="confirm"),
    path("<int:pk>/cancel/", views.cancel_need, name="cancel"),
    path("<int:pk>/photos/<int:photo_pk>/", views.need_photo, name="photo"),
    path("<int:pk>/messages/", views.message, name="message"),
    # providers: units and registered party members
    path("menu/", views.menu, name="menu"),
    path("claimed/", views.claimed, name="claimed"),
    path("<int:pk>/claim/", views.claim, name="claim"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/done/", views.fulfil, name="fulfil"),
    path("<int:pk>/release/", views.release, name="release"),
    path("<int:pk>/call/", views.call, name="call"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("ratings/<int:pk>/edit/", views.rating_edit, name="rating_edit"),
    # staff
    path("list/", views.need_list, name="list"),
    path("list/export/", views.need_export, name="export"),
    path("post-for/", views.post_for, name="post_for"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("registrations/", views.registrations, name="registrations"),
    # party members: 在职党员到社区报到
    path("register/", views.register, name="register"),
    path("register/<int:pk>/end/", views.register_end, name="register_end"),
    # 利益补偿
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/correct/", views.ledger_correct, name="ledger_correct"),
]
