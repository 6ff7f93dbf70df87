"""The permission matrix's rows for organizations: pages and API.

Targets: a unit in 西华门社区, one in 清源社区 and 华西医院 in 黉门街社区 (the unit contact's own)."""

from wulian.web.demo import XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _orgs(world) -> list[Target]:
    return [
        Target({"pk": world.orgs[key].pk}, area=world.orgs[key].area, org=world.orgs[key])
        for key in ("library", "west_institute", "huaxi")
    ]


def _bad_org(world) -> dict:
    # Passes the schema, fails the service (an empty name): the 422 path, nothing written.
    return {"name": "", "kind": "private_firm", "area": XIHUAMEN}


CASES = [
    UrlCase("orgs:list", action="org.view", expect=200),
    UrlCase("orgs:create", action="org.create", expect=200),
    UrlCase(
        "orgs:create", action="org.create", method="post", data=lambda w: {"name": ""}, expect=200
    ),
    UrlCase("orgs:detail", action="org.view", targets=_orgs, expect=200),
    UrlCase("orgs:edit", action="org.update", targets=_orgs, expect=200),
    UrlCase("orgs:change_body", action="org.change_body", targets=_orgs, expect=200),
    UrlCase("api:org_list", action="org.view", api=True, expect=200),
    UrlCase("api:org_detail", action="org.view", api=True, targets=_orgs, expect=200),
    UrlCase(
        "api:org_create", action="org.create", api=True, method="post", data=_bad_org, expect=422
    ),
    UrlCase(
        "api:org_update",
        action="org.update",
        api=True,
        method="patch",
        targets=_orgs,
        data=lambda w: {"contact_name": "联" * 51},
        expect=422,
    ),
    # Import / export (spreadsheets). A POST without a file re-shows the upload form.
    UrlCase("orgs:import", action="org.import", expect=200),
    UrlCase("orgs:import", action="org.import", method="post", data=lambda w: {}, expect=200),
    UrlCase("orgs:import_template", action="org.import", expect=200),
    UrlCase("orgs:export", action="org.export", expect=200),
]
