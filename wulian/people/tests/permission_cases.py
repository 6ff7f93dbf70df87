"""The permission matrix's rows for people: pages and API.

Targets: 张敏 (西华门社区, member at 四川省图书馆), 刘洋 (清源社区) and 王建国 (黉门街社区, member at
华西医院, so in the 华西医院 contact's scope, and the party member login's own record)."""

from wulian.web.demo import XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _people(world, **extra) -> list[Target]:
    targets = []
    for key in ("zhang_min", "liu_yang", "wang_jianguo"):
        person = world.people[key]
        targets.append(
            Target(
                {"pk": person.pk, **extra},
                area=person.home_area,
                org=person.party_org,
                person=person,
            )
        )
    return targets


def _erasure(world) -> list[Target]:
    """A pending deletion request of 刘洋 (清源社区)."""
    from wulian.people.models import ErasureRequest

    person = world.people["liu_yang"]
    request = ErasureRequest.objects.create(person=person, area=person.home_area, reason="matrix")
    return [Target({"pk": request.pk}, area=person.home_area)]


CASES = [
    UrlCase("people:list", action="person.view", expect=200),
    UrlCase(
        "people:list",
        action="person.view",
        method="post",
        data=lambda w: {"q": "13880001003"},
        expect=200,
    ),
    UrlCase("people:create", action="person.create", expect=200),
    UrlCase(
        "people:create",
        action="person.create",
        method="post",
        data=lambda w: {"name": ""},
        expect=200,
    ),
    UrlCase("people:detail", action="person.view", targets=_people, expect=200),
    UrlCase("people:edit", action="person.update", targets=_people, expect=200),
    UrlCase(
        "people:reveal",
        action="person.reveal",
        method="post",
        targets=lambda w: _people(w, field="phone"),
        expect=200,
    ),
    UrlCase("api:person_list", action="person.view", api=True, expect=200),
    UrlCase(
        "api:person_search",
        action="person.view",
        api=True,
        method="post",
        data=lambda w: {"q": "13880001003"},
        expect=200,
    ),
    UrlCase("api:person_detail", action="person.view", api=True, targets=_people, expect=200),
    UrlCase(
        "api:person_create",
        action="person.create",
        api=True,
        method="post",
        data=lambda w: {"name": "", "phone": "", "home_area": XIHUAMEN},
        expect=422,
    ),
    UrlCase(
        "api:person_update",
        action="person.update",
        api=True,
        method="patch",
        targets=_people,
        data=lambda w: {"name": ""},
        expect=422,
    ),
    # Import / export (spreadsheets). A POST without a file re-shows the upload form.
    UrlCase("people:import", action="person.import", expect=200),
    UrlCase("people:import", action="person.import", method="post", data=lambda w: {}, expect=200),
    UrlCase("people:import_template", action="person.import", expect=200),
    UrlCase("people:export", action="person.export", expect=200),
    # Deletion requests (PIPL art. 47): an over-long reason is refused (400) and files nothing;
    # a refusal without a note is refused by the service (flashed, 302) and changes nothing.
    UrlCase("people:erasure_request", action="erasure.request", expect=200),
    UrlCase(
        "people:erasure_request",
        action="erasure.request",
        method="post",
        data=lambda w: {"reason": "x" * 501},
        expect=400,
    ),
    UrlCase("people:erasure_list", action="erasure.decide", expect=200),
    UrlCase(
        "people:erasure_decide",
        action="erasure.decide",
        method="post",
        targets=_erasure,
        data=lambda w: {"approve": "0", "note": ""},
        expect=302,
    ),
    UrlCase(
        "people:export",
        action="person.export",
        method="post",
        data=lambda w: {"q": "13880001003"},
        expect=200,
    ),
]
