"""Demo: last month's dispatches for 青羊区 and 武侯区; 青羊区's is, published with one criticism of 苏坡街道 whose
rectification was reported and verified; an inspection of 西华门社区 with a finding; an inquiry."""

import datetime as dt

from django.utils import timezone

from wulian.dispatches import services
from wulian.dispatches.models import InspectionKind


def load(world) -> None:
    today = timezone.localdate()
    district_user = world.users["qingyang_admin"]
    qingyang = world.areas["510105000000"]
    dispatch, _created = services.generate_monthly_dispatch(
        scope_area=qingyang, period=services.previous_month(today), by=None, today=today
    )
    services.add_criticism(
        by=district_user,
        dispatch=dispatch,
        org=world.orgs["supo"],
        failure="“落实街道兼职委员设岗定责”逾期未完成，责任落实不到位，",
        deadline=today + dt.timedelta(days=15),
    )
    dispatch = services.publish_dispatch(by=district_user, dispatch=dispatch)
    rect = dispatch.criticisms.get().rectification
    services.report_rectification(
        by=None,
        rectification=rect,
        text="已召开专题会议，12名兼职委员全部设岗定责，名单已报区委社治委备案。",
    )
    services.verify_rectification(
        by=district_user, rectification=rect, approve=True, note="经核查，整改到位。"
    )

    inspection = services.create_inspection(
        by=world.users["xiyuhe_admin"],
        kind=InspectionKind.UNANNOUNCED,
        target=world.orgs["xihuamen"],
        scheduled_on=today - dt.timedelta(days=3),
        inspector="西御河街道党工委督查组",
        checklist=["党群服务中心去行政化", "兼职委员设岗定责", "共建协议履约台账"],
    )
    services.record_inspection(
        by=world.users["xiyuhe_admin"],
        inspection=inspection,
        results=[
            {"item": "党群服务中心去行政化", "ok": False, "note": "仍设有办公隔断"},
            {"item": "兼职委员设岗定责", "ok": True},
            {"item": "共建协议履约台账", "ok": True},
        ],
        notes="暗访发现服务中心仍以办公为主。",
    )
    services.add_finding(
        by=world.users["xiyuhe_admin"],
        inspection=inspection,
        description="党群服务中心仍设有办公隔断，开放式服务区未建成",
        deadline=today + dt.timedelta(days=20),
    )

    # 武侯区 too: a published dispatch naming 玉林街道, its rectification not yet reported.
    wuhou, _created = services.generate_monthly_dispatch(
        scope_area=world.areas["510107000000"],
        period=services.previous_month(today),
        by=None,
        today=today,
    )
    services.add_criticism(
        by=world.users["wuhou_admin"],
        dispatch=wuhou,
        org=world.orgs["yulin"],
        failure="共建协议履约台账不全，",
        deadline=today + dt.timedelta(days=10),
    )
    services.publish_dispatch(by=world.users["wuhou_admin"], dispatch=wuhou)

    services.send_inquiry(
        by=district_user,
        to_org=world.orgs["supo"],
        subject="兼职委员设岗定责逾期问询",
        question="请说明“落实街道兼职委员设岗定责”逾期未完成的原因及下一步措施。",
        reply_due=today + dt.timedelta(days=7),
    )
