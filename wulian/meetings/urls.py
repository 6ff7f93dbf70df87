from django.urls import path

from wulian.meetings.views import actions, meetings, sessions

app_name = "meetings"
urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("new/", meetings.meeting_create, name="create"),
    path("export/", meetings.meeting_export, name="export"),
    path("<int:pk>/", meetings.meeting_detail, name="detail"),
    path("<int:pk>/invite/", sessions.meeting_invite, name="invite"),
    path("<int:pk>/answer/", sessions.meeting_answer, name="answer"),
    path("<int:pk>/agenda/", sessions.agenda_add, name="agenda_add"),
    path("<int:pk>/attendance/", sessions.attendance_add, name="attendance_add"),
    path("<int:pk>/qr/", sessions.meeting_qr, name="qr"),
    path("<int:pk>/close/", sessions.meeting_close, name="close"),
    path("<int:pk>/reschedule/", meetings.meeting_reschedule, name="reschedule"),
    path("<int:pk>/cancel/", meetings.meeting_cancel, name="cancel"),
    path("<int:pk>/meeting.ics", meetings.meeting_ics, name="ics"),
    path("<int:pk>/minutes.pdf", meetings.minutes_pdf, name="minutes_pdf"),
    path("checkin/<str:token>/", sessions.checkin, name="checkin"),
    path("decisions/<int:pk>/forward/", actions.decision_forward, name="forward"),
    path("decisions/<int:pk>/actions/new/", actions.action_add, name="action_add"),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/export/", actions.action_export, name="action_export"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/progress/", actions.action_progress, name="action_progress"),
    path("actions/<int:pk>/done/", actions.action_done, name="action_done"),
    path("actions/<int:pk>/accept/", actions.action_accept, name="action_accept"),
    path("actions/<int:pk>/return/", actions.action_return, name="action_return"),
    path("evidence/<int:pk>/", actions.evidence, name="evidence"),
]
