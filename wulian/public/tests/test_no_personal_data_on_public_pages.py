"""No public page holds personal data: every public page of every demo area, its JSON and CSV
downloads, the published round pages and Open311's lists are scanned for every demo person's
name, phone and ID number, and for anything shaped like a mainland mobile or ID number."""

import re

from django.urls import reverse

from wulian.areas.models import Area
from wulian.evaluations.models import EvaluationRound, RoundState
from wulian.people.models import Person
from wulian.public.facts import PUBLIC_LEVELS, SECTION_KEYS
from wulian.reports.models import Report
from wulian.web.demo import CITY

MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def _public_urls() -> list[str]:
    demo_codes = set(Person.objects.values_list("home_area__code", flat=True))
    areas = Area.objects.filter(level__in=PUBLIC_LEVELS).filter(
        code__in={c for code in demo_codes for c in Area.objects.get(code=code).ancestor_codes()}
        | {CITY}
    )
    urls = [reverse("public:index")]
    for area in areas:
        urls.append(reverse("public:area", args=[area.code]))
        urls.append(reverse("public:area_json", args=[area.code]))
        urls += [reverse("public:area_csv", args=[area.code, key]) for key in SECTION_KEYS]
    urls += [
        reverse("public:round", args=[r.pk])
        for r in EvaluationRound.objects.filter(state=RoundState.PUBLISHED)
    ]
    for fmt in ("json", "xml"):
        urls.append(reverse("open311:services", args=[fmt]))
        urls.append(reverse("open311:request_list", args=[fmt]))
        urls += [
            reverse("open311:request_detail", kwargs={"fmt": fmt, "pk": r.pk})
            for r in Report.objects.all()
        ]
    return urls


def test_public_pages_hold_no_names_phones_or_id_numbers(world, client):
    people = list(Person.objects.all())
    secrets = (
        {p.name for p in people}
        | {p.clear_phone() for p in people}
        | {p.clear_id_number() for p in people}
    )
    secrets.discard("")
    urls = _public_urls()
    assert len(urls) > 40
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        found += [(url, s) for s in secrets if s in text]
        found += [(url, m) for m in MOBILE.findall(text) + ID_NUMBER.findall(text)]
    assert found == []
