from django.urls import path

from wulian.needs.views import ledger, providers, residents, staff

app_name = "needs"
urlpatterns = [
    # residents (phone-first)
    path("", residents.my_needs, name="mine"),
    path("post/", residents.post_need, name="post"),
    path("<int:pk>/", residents.need_detail, name="detail"),
    path("<int:pk>/confirm/", residents.confirm_need, name="confirm"),
    path("<int:pk>/cancel/", residents.cancel_need, name="cancel"),
    path("<int:pk>/photos/<int:photo_pk>/", residents.need_photo, name="photo"),
    path("<int:pk>/messages/", residents.message, name="message"),
    # providers: units and registered party members
    path("menu/", providers.menu, name="menu"),
    path("claimed/", providers.claimed, name="claimed"),
    path("<int:pk>/claim/", providers.claim, name="claim"),
    path("<int:pk>/start/", providers.start, name="start"),
    path("<int:pk>/done/", providers.fulfil, name="fulfil"),
    path("<int:pk>/release/", providers.release, name="release"),
    path("<int:pk>/call/", providers.call, name="call"),
    path("<int:pk>/rate/", providers.rate, name="rate"),
    path("ratings/<int:pk>/edit/", providers.rating_edit, name="rating_edit"),
    # staff
    path("list/", staff.need_list, name="list"),
    path("list/export/", staff.need_export, name="export"),
    path("post-for/", staff.post_for, name="post_for"),
    path("<int:pk>/decide/", staff.decide, name="decide"),
    path("registrations/", staff.registrations, name="registrations"),
    # party members: 在职党员到社区报到
    path("register/", staff.register, name="register"),
    path("register/<int:pk>/end/", staff.register_end, name="register_end"),
    # 利益补偿
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/correct/", ledger.ledger_correct, name="ledger_correct"),
]
