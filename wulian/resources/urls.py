from django.urls import path

from wulian.resources import views

app_name = "resources"
urlpatterns = [
    # the inventory and resource management (units, staff)
    path("", views.inventory, name="inventory"),
    path("export/", views.export, name="export"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/open/", views.open_view, name="open"),
    path("<int:pk>/close/", views.close_view, name="close"),
    # bookings on the unit's side
    path("bookings/", views.booking_list, name="booking_list"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/approve/", views.approve, name="approve"),
    path("bookings/<int:pk>/reject/", views.reject, name="reject"),
    path("bookings/<int:pk>/check-in/", views.check_in, name="check_in"),
    # residents (phone-first)
    path("browse/", views.browse, name="browse"),
    path("browse/<int:pk>/book/", views.book, name="book"),
    path("my/", views.my_booking_list, name="my_bookings"),
    path("my/<int:pk>/", views.my_booking, name="my_booking"),
    path("my/<int:pk>/booking.ics", views.my_booking_ics, name="my_booking_ics"),
    path("my/<int:pk>/cancel/", views.my_booking_cancel, name="my_booking_cancel"),
]
