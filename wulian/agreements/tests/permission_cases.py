"""The permission matrix's rows for service agreements: pages and API.

Targets (agreements/demo.py): 黉门街社区党委 × 华西医院 and 西华门社区党委 × 四川省图书馆, both in
force, and one item of each."""

from wulian.agreements.models import Agreement, ServiceItem
from wulian.core import counters
from wulian.web.testing import Target, UrlCase


def _agreements(world) -> list[Target]:
    out = []
    for unit in ("huaxi", "library"):
        a = Agreement.objects.get(unit=world.orgs[unit], version=1)
        out.append(Target({"pk": a.pk}, area=a.area, org=a.unit))
    return out


def _items(world) -> list[Target]:
    out = []
    for unit in ("huaxi", "library"):
        item = (
            ServiceItem.objects.filter(agreement__unit=world.orgs[unit], agreement__version=1)
            .order_by("position")
            .first()
        )
        out.append(Target({"pk": item.pk}, area=item.agreement.area, org=item.agreement.unit))
    return out


def _evidence(world) -> list[Target]:
    import datetime as dt

    from django.core.files.base import ContentFile

    from wulian.agreements.models import Delivery

    out = []
    for t in _items(world):
        delivery = Delivery(
            item=ServiceItem.objects.get(pk=t.kwargs["pk"]), date=dt.date(2026, 1, 5), count=1
        )
        delivery.evidence.save("e.pdf", ContentFile(b"%PDF-1.4 ok"), save=True)
        out.append(Target({"pk": delivery.pk}, area=t.area, org=t.org))
    return out


def _confirmed_deliveries(world) -> list[Target]:
    """A delivery already confirmed under each agreement: confirming or rejecting it again is refused
    with a message (pages) or 422 (API), nothing written."""
    import datetime as dt

    from wulian.agreements.models import Delivery, DeliveryStatus

    out = []
    for t in _items(world):
        delivery = Delivery.objects.create(
            item=ServiceItem.objects.get(pk=t.kwargs["pk"]),
            date=dt.date(2026, 1, 6),
            count=1,
            status=DeliveryStatus.CONFIRMED,
        )
        counters.created(delivery)
        out.append(Target({"pk": delivery.pk}, area=t.area, org=t.org))
    return out


def _bad_agreement(world) -> dict:
    # Passes the schema, fails the service or the scope check: 422, nothing written.
    return {
        "party_org": world.orgs["hongmenjie"].pk,
        "unit": world.orgs["huaxi"].pk,
        "start": "2026-12-31",
        "end": "2026-01-01",
    }


def _negative_item(world) -> dict:
    return {
        "content": "义诊",
        "target_count": -1,
        "target_unit": "次/月",
        "responsible_org": world.orgs["huaxi"].pk,
        "responsible_person": "王建国",
    }


CASES = [
    UrlCase("agreements:list", action="agreement.view", expect=200),
    UrlCase("agreements:create", action="agreement.create", expect=200),
    UrlCase(
        "agreements:create",
        action="agreement.create",
        method="post",
        data=lambda w: {"title": ""},
        expect=200,
    ),
    UrlCase("agreements:detail", action="agreement.view", targets=_agreements, expect=200),
    UrlCase("agreements:pdf", action="agreement.view", targets=_agreements, expect=200),
    UrlCase(
        "agreements:fulfilment_export", action="agreement.view", targets=_agreements, expect=200
    ),
    # In force: editing redirects back with a message (a new version is the way to change it).
    UrlCase("agreements:edit", action="agreement.update", targets=_agreements, expect=302),
    UrlCase("agreements:item_add", action="agreement.update", targets=_agreements, expect=302),
    UrlCase("agreements:item_edit", action="agreement.update", targets=_items, expect=302),
    UrlCase(
        "agreements:item_delete",
        action="agreement.update",
        method="post",
        targets=_items,
        expect=302,
    ),
    UrlCase(
        "agreements:submit",
        action="agreement.update",
        method="post",
        targets=_agreements,
        expect=302,
    ),
    UrlCase(
        "agreements:confirm",
        action="agreement.confirm",
        method="post",
        targets=_agreements,
        expect=302,
    ),
    UrlCase(
        "agreements:revise",
        action="agreement.update",
        method="post",
        targets=_agreements,
        expect=302,
    ),
    UrlCase(
        "agreements:end", action="agreement.update", method="post", targets=_agreements, expect=302
    ),
    UrlCase("agreements:delivery_add", action="delivery.create", targets=_items, expect=200),
    UrlCase(
        "agreements:delivery_add",
        action="delivery.create",
        method="post",
        targets=_items,
        data=lambda w: {"date": "", "count": "1"},
        expect=200,
    ),
    UrlCase("agreements:delivery_evidence", action="agreement.view", targets=_evidence, expect=200),
    UrlCase(
        "agreements:delivery_confirm",
        action="delivery.confirm",
        method="post",
        targets=_confirmed_deliveries,
        expect=302,
    ),
    UrlCase(
        "agreements:delivery_reject",
        action="delivery.confirm",
        method="post",
        targets=_confirmed_deliveries,
        data=lambda w: {"note": "未开展"},
        expect=302,
    ),
    UrlCase("api:agreement_list", action="agreement.view", api=True, expect=200),
    UrlCase(
        "api:agreement_detail", action="agreement.view", api=True, targets=_agreements, expect=200
    ),
    UrlCase(
        "api:agreement_fulfilment",
        action="agreement.view",
        api=True,
        targets=_agreements,
        expect=200,
    ),
    UrlCase(
        "api:delivery_list", action="agreement.view", api=True, targets=_agreements, expect=200
    ),
    UrlCase(
        "api:agreement_create",
        action="agreement.create",
        api=True,
        method="post",
        data=_bad_agreement,
        expect=422,
    ),
    UrlCase(
        "api:agreement_item_add",
        action="agreement.update",
        api=True,
        method="post",
        targets=_agreements,
        data=_negative_item,
        expect=422,
    ),
    UrlCase(
        "api:agreement_item_update",
        action="agreement.update",
        api=True,
        method="patch",
        targets=_items,
        data=lambda w: {"target_count": -1},
        expect=422,
    ),
    UrlCase(
        "api:agreement_submit",
        action="agreement.update",
        api=True,
        method="post",
        targets=_agreements,
        data=lambda w: {},
        expect=422,
    ),
    UrlCase(
        "api:agreement_confirm",
        action="agreement.confirm",
        api=True,
        method="post",
        targets=_agreements,
        data=lambda w: {},
        expect=422,
    ),
    UrlCase(
        "api:agreement_revise",
        action="agreement.update",
        api=True,
        method="post",
        targets=_agreements,
        data=lambda w: {},
        expect=201,
    ),
    UrlCase(
        "api:agreement_end",
        action="agreement.update",
        api=True,
        method="post",
        targets=_agreements,
        data=lambda w: {"reason": "到期"},
        expect=200,
    ),
    UrlCase(
        "api:delivery_confirm",
        action="delivery.confirm",
        api=True,
        method="post",
        targets=_confirmed_deliveries,
        data=lambda w: {},
        expect=422,
    ),
    UrlCase(
        "api:delivery_reject",
        action="delivery.confirm",
        api=True,
        method="post",
        targets=_confirmed_deliveries,
        data=lambda w: {"note": "未开展"},
        expect=422,
    ),
    UrlCase(
        "api:delivery_create",
        action="delivery.create",
        api=True,
        method="post",
        targets=_items,
        data=lambda w: {"date": "2000-01-01", "count": 1},
        expect=422,
    ),
]
