"""Small builders for the needs tests (the demo world supplies places, units and people)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wulian.audit.models import AuditEntry
from wulian.audit.services import snapshot
from wulian.core import counters
from wulian.needs import services
from wulian.needs.models import Category, Need
from wulian.web.demo import HONGMENJIE, XIHUAMEN


def post(world, *, title="帮忙取药", skills="义诊", by="resident_demo", **kwargs) -> Need:
    data = {
        "title": title,
        "category": Category.HEALTH,
        "description": "每周需要有人帮忙到医院取药。",
        "skills": skills,
        "area": world.areas[HONGMENJIE],
    }
    data.update(kwargs)
    return services.post_need(by=world.users[by], **data)


def post_in_xihuamen(world, title="楼道灯维修") -> Need:
    zhao = world.people["zhao_qiang"]
    return services.post_need(
        by=world.users["xihuamen_staff"],
        for_person=zhao,
        title=title,
        category=Category.REPAIR,
        description="楼道灯坏了。",
        skills="维修",
        area=world.areas[XIHUAMEN],
    )


def claimed_hours_ago(need: Need, hours: float = 4) -> Need:
    """Move a held need's claim back in time, so that the service hours a test records fit in
    the time since the claim (fulfil_need refuses more)."""
    import datetime as dt

    from django.utils import timezone

    counters.update(
        Need.objects.filter(pk=need.pk), claimed_at=timezone.now() - dt.timedelta(hours=hours)
    )
    need.refresh_from_db()
    return need


def serve(need: Need, by, *, hours="1", note="完成", **kwargs) -> Need:
    """Mark a held need done with ``hours``, its claim moved back far enough for them."""
    from decimal import Decimal

    claimed_hours_ago(need, max(4, float(Decimal(str(hours))) + 1))
    return services.fulfil_need(need=need, by=by, note=note, hours=hours, **kwargs)


def huaxi(world) -> str:
    return f"org:{world.orgs['huaxi'].pk}"


def state_of(need: Need) -> dict:
    """Everything about a need that a refused change must leave as it was."""
    fresh = Need.objects.get(pk=need.pk)
    return {
        "need": snapshot(fresh),
        "ratings": list(fresh.ratings.values()),
        "ledger": list(fresh.compensation_entries.values()),
        "audit": AuditEntry.objects.count(),
    }


def png(name="photo.png", size=(4, 4)) -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")
