"""The permission matrix's rows for dispatches, rectifications, inspections, inquiries and the
org record: pages and API.

Targets come from the demo (青羊区's and 武侯区's published dispatches, 苏坡街道's and 玉林街道's
rectifications, the inspection of 西华门社区, the inquiry to 苏坡街道) plus one object outside
青羊区 made here (an inspection of and an inquiry to 黉门街社区), and, for the readers' cases, a
published 青羊区 dispatch criticising 西华门社区党委: the criticised community (and its street)
read it, while managing it (edit, publish, correct, export) stays with 青羊区."""

import datetime as dt

from wulian.core import counters
from wulian.web.testing import Target, UrlCase

QINGYANG, WUHOU = "510105000000", "510107000000"
FUTURE = dt.date(2099, 1, 1)


def _dispatches(world) -> list[Target]:
    from wulian.dispatches.models import Dispatch

    out = []
    for code in (QINGYANG, WUHOU):
        d = (
            Dispatch.objects.filter(scope_area__code=code, kind="monthly")
            .order_by("-period")
            .first()
        )
        out.append(Target({"pk": d.pk}, area=d.scope_area))
    return out


def _criticising_xihuamen(world):
    """A published 青羊区 dispatch naming 西华门社区党委, stored directly (a stand-in PDF with its SM3
    hash, so the file check passes) to keep the matrix fast."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from wulian.core.crypto import sm3_hex
    from wulian.dispatches.models import Criticism, Dispatch, Rectification

    pdf = b"%PDF-1.4 stand-in"
    d = Dispatch(
        kind="correction",
        scope_area=world.areas[QINGYANG],
        issuer=world.orgs["qingyang_gc"],
        period=dt.date(2020, 1, 1),
        title="青羊区点名通报（测试）",
        status="published",
        doc_prefix="青社治委",
        doc_year=2020,
        doc_number=999,
        published_at=timezone.now(),
        pdf_sm3=sm3_hex(pdf),
    )
    d.pdf.save("matrix.pdf", ContentFile(pdf), save=True)
    c = Criticism.objects.create(
        dispatch=d,
        org=world.orgs["xihuamen"],
        failure="去行政化推进缓慢，",
        deadline=FUTURE,
        published_at=timezone.now(),
    )
    counters.created([c, Rectification.objects.create(criticism=c, org=c.org, deadline=FUTURE)])
    return d


def _dispatches_read(world) -> list[Target]:
    """For readers: also the orgs a published dispatch criticises."""
    out = []
    for t in _dispatches(world):
        from wulian.dispatches.models import Criticism

        orgs = tuple(
            c.org
            for c in Criticism.objects.filter(
                dispatch_id=t.kwargs["pk"], dispatch__status="published"
            ).select_related("org__area")
        )
        out.append(Target(t.kwargs, area=t.area, orgs=orgs))
    d = _criticising_xihuamen(world)
    return [*out, Target({"pk": d.pk}, area=d.scope_area, orgs=(world.orgs["xihuamen"],))]


def _criticisms(world) -> list[Target]:
    from wulian.dispatches.models import Criticism

    return [
        Target({"pk": Criticism.objects.filter(dispatch_id=t.kwargs["pk"]).first().pk}, area=t.area)
        for t in _dispatches(world)
    ]


def _rects(world) -> list[Target]:
    from wulian.dispatches.models import Rectification

    out = []
    for key in ("supo", "yulin"):
        r = Rectification.objects.filter(org=world.orgs[key]).first()
        out.append(Target({"pk": r.pk}, area=r.org.area, org=r.org))
    return out


def _rect_evidence(world) -> list[Target]:
    from django.core.files.base import ContentFile

    from wulian.dispatches.models import Rectification, RectificationReport

    out = []
    for t in _rects(world):
        report = RectificationReport(
            rectification=Rectification.objects.get(pk=t.kwargs["pk"]), text="佐证"
        )
        report.evidence.save("e.txt", ContentFile(b"ok"), save=True)
        out.append(Target({"pk": report.pk}, area=t.area, org=t.org))
    return out


def _not_above(user, target: Target) -> bool:
    """Stated as data, not by the rule under test: whoever holds a role at the inspected or
    questioned org itself is refused (403) what only a level above may do."""
    from wulian.accounts.models import Role

    return Role.objects.filter(user=user, org=target.org).exists()


def _inspections(world) -> list[Target]:
    from wulian.dispatches import services
    from wulian.dispatches.models import Inspection

    inside = Inspection.objects.filter(target=world.orgs["xihuamen"]).first()
    outside = services.create_inspection(
        by=None,
        kind="supervision",
        target=world.orgs["hongmenjie"],
        scheduled_on=dt.date(2026, 12, 1),
        inspector="督导组",
        checklist=["台账"],
    )
    return [Target({"pk": i.pk}, area=i.target.area, org=i.target) for i in (inside, outside)]


def _inquiries(world) -> list[Target]:
    from wulian.dispatches import services
    from wulian.dispatches.models import Inquiry

    inside = Inquiry.objects.filter(to_org=world.orgs["supo"]).first()
    outside = services.send_inquiry(
        by=None,
        to_org=world.orgs["hongmenjie"],
        subject="问询",
        question="请说明。",
        reply_due=FUTURE,
    )
    return [Target({"pk": i.pk}, area=i.to_org.area, org=i.to_org) for i in (inside, outside)]


def _orgs(world) -> list[Target]:
    return [
        Target({"pk": world.orgs[k].pk}, area=world.orgs[k].area, org=world.orgs[k])
        for k in ("library", "west_institute", "huaxi")
    ]


CASES = [
    UrlCase("dispatches:list", action="dispatch.view", expect=200),
    UrlCase("dispatches:export", action="dispatch.export", expect=200),
    UrlCase("dispatches:generate", action="dispatch.create", expect=200),
    UrlCase(
        "dispatches:generate",
        action="dispatch.create",
        method="post",
        data=lambda w: {"scope_area": ""},
        expect=200,
    ),
    UrlCase("dispatches:detail", action="dispatch.view", targets=_dispatches_read, expect=200),
    UrlCase("dispatches:edit", action="dispatch.edit", targets=_dispatches, expect=302),
    UrlCase(
        "dispatches:criticize",
        action="dispatch.edit",
        method="post",
        targets=_dispatches,
        expect=400,
    ),
    UrlCase(
        "dispatches:publish",
        action="dispatch.publish",
        method="post",
        targets=_dispatches,
        expect=302,
    ),
    UrlCase(
        "dispatches:correct",
        action="dispatch.create",
        method="post",
        targets=_dispatches,
        expect=302,
    ),
    UrlCase("dispatches:pdf", action="dispatch.view", targets=_dispatches_read, expect=200),
    UrlCase("dispatches:figures_export", action="dispatch.export", targets=_dispatches, expect=200),
    UrlCase(
        "dispatches:criticism_delete",
        action="dispatch.edit",
        method="post",
        targets=_criticisms,
        expect=302,
    ),
    UrlCase("dispatches:rectifications", action="rectification.view", expect=200),
    UrlCase("dispatches:rectification_export", action="dispatch.export", expect=200),
    UrlCase(
        "dispatches:rectification_detail", action="rectification.view", targets=_rects, expect=200
    ),
    UrlCase(
        "dispatches:rectification_report",
        action="rectification.report",
        method="post",
        targets=_rects,
        expect=400,
    ),
    UrlCase(
        "dispatches:rectification_verify",
        action="rectification.verify",
        method="post",
        targets=_rects,
        expect=400,
    ),
    UrlCase(
        "dispatches:rectification_evidence",
        action="rectification.view",
        targets=_rect_evidence,
        expect=200,
    ),
    UrlCase("dispatches:inspections", action="inspection.view", expect=200),
    UrlCase("dispatches:inspection_create", action="inspection.create", expect=200),
    UrlCase(
        "dispatches:inspection_detail", action="inspection.view", targets=_inspections, expect=200
    ),
    UrlCase(
        "dispatches:inspection_record",
        action="inspection.record",
        method="post",
        targets=_inspections,
        expect=400,
        refused=_not_above,
    ),
    UrlCase(
        "dispatches:inspection_finding",
        action="inspection.record",
        method="post",
        targets=_inspections,
        expect=400,
        refused=_not_above,
    ),
    UrlCase("dispatches:inquiries", action="inquiry.view", expect=200),
    UrlCase("dispatches:inquiry_create", action="inquiry.send", expect=200),
    UrlCase("dispatches:inquiry_detail", action="inquiry.view", targets=_inquiries, expect=200),
    UrlCase(
        "dispatches:inquiry_reply",
        action="inquiry.reply",
        method="post",
        targets=_inquiries,
        expect=400,
    ),
    UrlCase(
        "dispatches:inquiry_decide",
        action="inquiry.decide",
        method="post",
        targets=_inquiries,
        expect=400,
        refused=_not_above,
    ),
    UrlCase("dispatches:org_record", action="org_record.view", targets=_orgs, expect=200),
    UrlCase("api:dispatch_list", action="dispatch.view", api=True, expect=200),
    UrlCase(
        "api:dispatch_detail",
        action="dispatch.view",
        api=True,
        targets=_dispatches_read,
        expect=200,
    ),
    UrlCase(
        "api:dispatch_generate",
        action="dispatch.create",
        api=True,
        method="post",
        data=lambda w: {"scope_area": "", "period": "x"},
        expect=422,
    ),
    UrlCase(
        "api:dispatch_update",
        action="dispatch.edit",
        api=True,
        method="patch",
        targets=_dispatches,
        data=lambda w: {"title": "改"},
        expect=422,
    ),
    UrlCase(
        "api:dispatch_criticize",
        action="dispatch.edit",
        api=True,
        method="post",
        targets=_dispatches,
        data=lambda w: {"org": w.orgs["supo"].pk, "failure": "", "deadline": "2099-01-01"},
        expect=422,
    ),
    UrlCase(
        "api:dispatch_publish",
        action="dispatch.publish",
        api=True,
        method="post",
        targets=_dispatches,
        expect=422,
    ),
    UrlCase(
        "api:dispatch_correct",
        action="dispatch.create",
        api=True,
        method="post",
        targets=_dispatches,
        expect=201,
    ),
    UrlCase("api:rectification_list", action="rectification.view", api=True, expect=200),
    UrlCase(
        "api:rectification_detail",
        action="rectification.view",
        api=True,
        targets=_rects,
        expect=200,
    ),
    UrlCase(
        "api:rectification_report",
        action="rectification.report",
        api=True,
        method="post",
        targets=_rects,
        data=lambda w: {"text": ""},
        expect=422,
    ),
    UrlCase(
        "api:rectification_verify",
        action="rectification.verify",
        api=True,
        method="post",
        targets=_rects,
        data=lambda w: {"approve": False, "note": ""},
        expect=422,
    ),
    UrlCase("api:inspection_list", action="inspection.view", api=True, expect=200),
    UrlCase(
        "api:inspection_detail",
        action="inspection.view",
        api=True,
        targets=_inspections,
        expect=200,
    ),
    UrlCase(
        "api:inspection_create",
        action="inspection.create",
        api=True,
        method="post",
        data=lambda w: {
            "kind": "supervision",
            "target": w.orgs["xihuamen"].pk,
            "scheduled_on": "2026-12-01",
            "inspector": "",
            "checklist": [],
        },
    ),
    UrlCase(
        "api:inspection_record",
        action="inspection.record",
        api=True,
        method="post",
        targets=_inspections,
        data=lambda w: {"results": []},
        expect=422,
        refused=_not_above,
    ),
    UrlCase(
        "api:inspection_finding",
        action="inspection.record",
        api=True,
        method="post",
        targets=_inspections,
        data=lambda w: {"description": "", "deadline": "2099-01-01"},
        expect=422,
        refused=_not_above,
    ),
    UrlCase("api:inquiry_list", action="inquiry.view", api=True, expect=200),
    UrlCase("api:inquiry_detail", action="inquiry.view", api=True, targets=_inquiries, expect=200),
    UrlCase(
        "api:inquiry_create",
        action="inquiry.send",
        api=True,
        method="post",
        data=lambda w: {
            "to_org": w.orgs["xihuamen"].pk,
            "subject": "",
            "question": "",
            "reply_due": "2099-01-01",
        },
    ),
    UrlCase(
        "api:inquiry_reply",
        action="inquiry.reply",
        api=True,
        method="post",
        targets=_inquiries,
        data=lambda w: {"reply": ""},
        expect=422,
    ),
    UrlCase(
        "api:inquiry_decide",
        action="inquiry.decide",
        api=True,
        method="post",
        targets=_inquiries,
        data=lambda w: {"decision": "reminder", "note": "提醒谈话"},
        refused=_not_above,
    ),
    UrlCase("api:org_record", action="org_record.view", api=True, targets=_orgs, expect=200),
]
