"""Every app's figures, registered in one place.

One ``register_<app>()`` per app, run at start-up only if that app is installed; adding a linkage's
figures to every dashboard is one function here. Keys are ``<app>.<figure>``; dynamic keys (one per
choice, e.g. ``orgs.kind.agency``) are labelled by their prefix.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wulian.figures import registry
from wulian.figures.registry import register


def _created(obj):
    return getattr(obj, "created_at", None)


def register_orgs() -> None:
    from django.db.models.signals import post_save

    from wulian.orgs.models import UNIT_KINDS, Org, PartyBody, PartyBodyChange

    def org_facts(org) -> dict[str, int]:
        facts = {"orgs.total": 1, f"orgs.kind.{org.kind}": 1}
        if org.kind in UNIT_KINDS:
            facts["orgs.units"] = 1
        if org.party_body and org.party_body != PartyBody.NONE:
            facts["orgs.party_bodies"] = 1
            facts[f"orgs.body.{org.party_body}"] = 1
        return facts

    register(Org, area="area", facts=org_facts, month=_created, labels={
        "orgs.total": _("组织总数"), "orgs.units": _("驻区单位"), "orgs.party_bodies": _("已建党组织"),
        "orgs.kind.*": _("组织类别"), "orgs.body.*": _("党组织形式"),
    })

    # change_party_body() updates the org with queryset.update() right after recording the
    # change in the same transaction: the change record carries the delta.
    def body_changed(sender, instance, created=False, raw=False, **kwargs):
        if not created or raw:
            return
        org = instance.org
        before = Org(pk=org.pk, area_id=org.area_id, kind=org.kind, party_body=instance.from_body,
                     created_at=org.created_at)
        after = Org(pk=org.pk, area_id=org.area_id, kind=org.kind, party_body=instance.to_body,
                    created_at=org.created_at)
        registry.apply(registry.diff(registry.contribution_of(before), registry.contribution_of(after)))

    post_save.connect(body_changed, sender=PartyBodyChange, dispatch_uid="figures:party_body_change", weak=False)


def register_people() -> None:
    from wulian.people.models import Person

    register(Person, area="home_area", buckets={
        "people.total": lambda p: True,
        "people.party_members": lambda p: p.is_party_member,
    }, month=_created, labels={"people.total": _("登记人员"), "people.party_members": _("党员")})


def register_evaluations() -> None:
    from wulian.evaluations.models import Result, SurveyAnswer

    register(SurveyAnswer, area="community", buckets={
        "evaluations.answers": lambda a: True,
        "evaluations.satisfaction_sum": lambda a: a.satisfaction,
        "evaluations.satisfied": lambda a: a.satisfaction >= 4,
    }, month=lambda a: a.answered_on, labels={
        "evaluations.answers": _("满意度答卷"), "evaluations.satisfaction_sum": _("满意度星级合计"),
        "evaluations.satisfied": _("满意及以上答卷"),
    })
    # Results exist only once a round is published (publish_round creates them in bulk and
    # counts them with figures.services.count_created).
    register(Result, area="area", buckets={
        "evaluations.evaluated": lambda r: True,
        "evaluations.exemplary": lambda r: r.exemplary,
    }, labels={
        "evaluations.evaluated": _("参评组织"), "evaluations.exemplary": _("共驻共建先进单位"),
    })


REGISTRARS = {
    "orgs": register_orgs,
    "people": register_people,
    "evaluations": register_evaluations,
}

_done = False


def register_all() -> None:
    global _done
    if _done:
        return
    _done = True
    for app, fn in REGISTRARS.items():
        if apps.is_installed(f"wulian.{app}"):
            fn()
