from django.urls import path

from wulian.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("export/", views.meeting_export, name="export"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("<int:pk>/answer/", views.meeting_answer, name="answer"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/attendance/", views.attendance_add, name="attendance_add"),
    path("<int:pk>/qr/", views.meeting_qr, name="qr"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
    path("decisions/<int:pk>/forward/", views.decision_forward, name="forward"),
    path("decisions/<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/export/", views.action_export, name="action_export"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("actions/<int:pk>/accept/", views.action_accept, name="action_accept"),
    path("actions/<int:pk>/return/", views.action_return, name="action_return"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
