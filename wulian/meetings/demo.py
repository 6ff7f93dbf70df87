"""Demo: 西御河街道's joint meeting on property disputes (物业矛盾), its invitations answered (参加,
委派 a delegate, 请假 with a reason), closed with decisions and action
items (one overdue and escalated to 青羊区, then to the city), and 青羊区's coming meeting with a forwarded decision.

Dates are relative to today, so "overdue" stays true whenever the demo is loaded."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from wulian.accounts.models import User
from wulian.accounts.services import grant_role
from wulian.cases.models import Case
from wulian.core import counters
from wulian.meetings import services
from wulian.meetings.models import (
    ActionEvent,
    ActionItem,
    AgendaItem,
    Attendance,
    Invitation,
    JointMeeting,
    Response,
)
from wulian.web.demo import DEMO_PASSWORD, QINGYANG, XIHUAMEN, XIYUHE

TOPIC = "西御河街道物业矛盾化解党建联席会议"


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load(world) -> None:
    if JointMeeting.objects.filter(topic=TOPIC).exists():
        return
    from wulian.cases import demo as cases_demo

    cases_demo.load(world)  # the cases app loads after this one; its loader runs once
    o = world.orgs
    today = timezone.localdate()

    # A login for the property manager's contact, to report on its action items.
    contact = User(username="qingyuan_pm_contact", display_name="清源物业联络员")
    contact.set_password(DEMO_PASSWORD)
    contact.save()
    grant_role(user=contact, kind="unit_contact", org=o["qingyuan_pm"], by=None)
    world.users["qingyuan_pm_contact"] = contact

    admin = world.users["xiyuhe_admin"]
    start = timezone.now() - dt.timedelta(hours=2)
    meeting = services.convene_meeting(
        by=admin,
        area=world.areas[XIYUHE],
        topic=TOPIC,
        place="西御河街道党群服务中心二楼会议室",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[
            o["dept_housing"],
            o["dept_market"],
            o["qingyuan_pm"],
            o["qingyuan_oc"],
            o["xihuamen"],
            o["housing_dept_prov"],
        ],
        agenda=["通报辖区物业矛盾纠纷情况", "研究物业服务质量提升措施"],
    )
    # The invitees answered before the meeting: 参加, 委派 a named delegate, 请假 with a reason.
    answers = [
        ("xihuamen", world.users["xihuamen_admin"], Response.ATTEND, {}),
        ("qingyuan_pm", contact, Response.ATTEND, {}),
        ("dept_market", None, Response.ATTEND, {}),
        ("dept_housing", None, Response.DELEGATE, {"delegate": "张科长"}),
        (
            "housing_dept_prov",
            None,
            Response.LEAVE,
            {"reason": "厅机关同日召开全省物业管理工作会议"},
        ),
    ]
    for key, by, response, extra in answers:
        services.answer_invitation(
            invitation=meeting.invitations.get(org=o[key]), by=by, response=response, **extra
        )
    case = Case.objects.filter(title="西华门街垃圾清运不及时").first()
    if case is not None:
        services.add_agenda_item(
            meeting=meeting, by=admin, title="", case=case, note="沿街商户与居民矛盾"
        )
    for name, org in [
        ("王主任", "xiyuhe"),
        ("张科长", "dept_housing"),
        ("刘科长", "dept_market"),
        ("陈经理", "qingyuan_pm"),
        ("赵主任", "qingyuan_oc"),
        ("李书记", "xihuamen"),
    ]:
        services.record_attendance(meeting=meeting, by=admin, name=name, org=o[org])
    services.close_meeting(
        meeting=meeting,
        by=admin,
        host="王主任",
        recorder="李干事",
        minutes=(
            "会议通报了辖区上半年物业矛盾纠纷情况，共受理物业类纠纷126件，化解118件。"
            "与会部门和单位围绕物业收费、服务质量、老旧院落管理等问题进行了协商，议定事项如下。"
        ),
        decisions=[
            {
                "text": "规范物业服务收费，物业公司公示收费标准和服务内容。",
                "action_items": [
                    {
                        "title": "公示物业服务收费标准和服务内容",
                        "lead_org": o["qingyuan_pm"],
                        "co_orgs": [o["qingyuan_oc"]],
                        "responsible": "陈经理",
                        "due_on": today + dt.timedelta(days=14),
                        "done_criteria": "在小区公示栏和业主群公示，社区核实",
                    },
                ],
            },
            {
                "text": "开展辖区物业服务质量专项检查。",
                "action_items": [
                    {
                        "title": "物业服务质量专项检查",
                        "lead_org": o["dept_housing"],
                        "co_orgs": [o["xihuamen"]],
                        "responsible": "张科长",
                        "due_on": today,
                        "done_criteria": "检查报告报街道党工委",
                    },
                    {
                        "title": "查处物业违规收费行为",
                        "lead_org": o["dept_market"],
                        "co_orgs": [],
                        "responsible": "刘科长",
                        "due_on": today + dt.timedelta(days=7),
                        "done_criteria": "查处结果书面反馈",
                    },
                ],
            },
            {
                "text": "西华门社区建立物业矛盾调解室，老旧院落问题提请区级联席会议研究。",
                "action_items": [
                    {
                        "title": "建立社区物业矛盾调解室",
                        "lead_org": o["xihuamen"],
                        "co_orgs": [o["housing_dept_prov"]],
                        "responsible": "李书记",
                        "due_on": today + dt.timedelta(days=2),
                        "done_criteria": "调解室挂牌并公布值班表",
                    },
                ],
            },
        ],
    )
    # The meeting was held a month ago: move it and its records back in time.
    shift = dt.timedelta(days=30)
    counters.update(
        JointMeeting.objects.filter(pk=meeting.pk),
        starts_at=meeting.starts_at - shift,
        ends_at=meeting.ends_at - shift,
        closed_at=meeting.closed_at - shift,
    )
    counters.update(
        Attendance.objects.filter(meeting=meeting), checked_in_at=meeting.starts_at - shift
    )
    Invitation.objects.filter(meeting=meeting, answered_at__isnull=False).update(
        answered_at=meeting.starts_at - shift - dt.timedelta(days=2)
    )
    ActionEvent.objects.filter(item__decision__meeting=meeting).update(at=meeting.closed_at - shift)
    # It was convened a week before it met: the meeting, its invitations and its agenda (with the
    # case) date from then, and its action items from its close.
    convened = meeting.starts_at - shift - dt.timedelta(days=7)
    counters.update(JointMeeting.objects.filter(pk=meeting.pk), created_at=convened)
    Invitation.objects.filter(meeting=meeting).update(invited_at=convened)
    AgendaItem.objects.filter(meeting=meeting).update(added_at=convened)
    counters.update(
        ActionItem.objects.filter(decision__meeting=meeting), created_at=meeting.closed_at - shift
    )
    items = {i.title: i for i in ActionItem.objects.filter(decision__meeting=meeting)}

    # The inspection is 10 days overdue; the scheduled job escalates it to 青羊区 after the grace
    # period and on to the city after one more (once per level).
    overdue = items["物业服务质量专项检查"]
    counters.update(ActionItem.objects.filter(pk=overdue.pk), due_on=today - dt.timedelta(days=10))
    services.escalate_overdue(by=None)

    pm = items["公示物业服务收费标准和服务内容"]
    services.report_progress(
        item=pm,
        by=contact,
        text="已拟定收费公示稿，正征求业委会意见。",
        evidence=ContentFile(
            "清源小区物业服务收费公示（征求意见稿）".encode(), name="收费公示稿.txt"
        ),
    )

    market = items["查处物业违规收费行为"]
    services.report_progress(item=market, by=None, text="已约谈2家物业公司。")
    services.mark_done(item=market, by=None, text="查处违规收费2起，退还业主多收费用3.2万元。")
    services.accept_item(item=market, by=admin, note="查处到位。")

    # 青羊区's coming joint meeting, with the old-compound question forwarded up from the street.
    district = services.convene_meeting(
        by=world.users["qingyang_admin"],
        area=world.areas[QINGYANG],
        topic="青羊区老旧院落治理党建联席会议",
        place="青羊区城乡社区发展治理委员会会议室",
        starts_at=_at(7, 9),
        ends_at=_at(7, 11),
        invite_orgs=[o["xiyuhe"], o["supo"], o["dept_housing"]],
        agenda=["老旧院落物业管理全覆盖方案"],
    )
    decision = meeting.decisions.get(position=3)
    services.forward_decision(
        decision=decision,
        to_meeting=district,
        by=admin,
        note="西华门社区老旧院落较多，需区级统筹资金和物业托管。",
    )
    # 西华门社区's own coming meeting, with a unit invited (华西医院's contact is not; 图书馆 is).
    community = services.convene_meeting(
        by=world.users["xihuamen_admin"],
        area=world.areas[XIHUAMEN],
        topic="西华门社区院落治理联席会议",
        place="西华门社区党群服务中心",
        starts_at=_at(3, 14),
        ends_at=_at(3, 16),
        invite_orgs=[o["library"], o["museum"]],
        agenda=["院落自管小组建设"],
        host="李书记",
        recorder="周干事",
    )
    # 成都博物馆 asks for leave; 四川省图书馆 has not answered yet (its contact can, on the page).
    services.answer_invitation(
        invitation=community.invitations.get(org=o["museum"]),
        by=None,
        response=Response.LEAVE,
        reason="馆内同日举办文物特展开幕，无法参会",
    )
