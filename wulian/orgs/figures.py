"""Orgs: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.orgs.models import UNIT_KINDS, Org, PartyBody


def org_facts(org) -> dict[str, int]:
    facts = {"orgs.total": 1, f"orgs.kind.{org.kind}": 1}
    if org.kind in UNIT_KINDS:
        facts["orgs.units"] = 1
    if org.party_body and org.party_body != PartyBody.NONE:
        facts["orgs.party_bodies"] = 1
        facts[f"orgs.body.{org.party_body}"] = 1
    return facts


register(
    Org,
    area="area",
    facts=org_facts,
    month="created_at",
    labels={
        "orgs.total": _("组织总数"),
        "orgs.units": _("驻区单位"),
        "orgs.party_bodies": _("已建党组织"),
        "orgs.kind.*": _("组织类别"),
        "orgs.body.*": _("党组织形式"),
    },
)
