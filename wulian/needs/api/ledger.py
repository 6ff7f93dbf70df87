"""Party members' community registration (报到) and the compensation ledger (利益补偿) over the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.bounds import Id, Pagination
from wulian.needs import selectors, services
from wulian.needs.api import router
from wulian.needs.api.needs import area_by_code
from wulian.needs.api.schemas import (
    BalanceOut,
    CorrectionIn,
    NeedEntryOut,
    RegistrationIn,
    RegistrationOut,
)
from wulian.orgs.selectors import visible_orgs
from wulian.people.selectors import visible_people
from wulian.web.api_helpers import require, resolve


@router.post(
    "/registrations/",
    response={201: RegistrationOut},
    url_name="need_register",
    summary="在职党员到社区报到",
)
def need_register(request, payload: RegistrationIn):
    require(request, "need.register")
    community = area_by_code(payload.community, "community")
    if community is None:
        raise ValidationError({"community": _("请填写报到社区代码。")})
    return Status(
        201,
        services.register_in_community(by=request.user, community=community, skills=payload.skills),
    )


@router.get("/ledger/", response=list[NeedEntryOut], url_name="need_ledger", summary="利益补偿台账")
@paginate(Pagination)
def need_ledger(request, person: Id | None = None, org: Id | None = None):
    require(request, "compensation.view")
    qs = selectors.visible_entries(request.user)
    if person is not None:
        qs = qs.filter(person=get_in_scope_or_404(visible_people(request.user), pk=person))
    if org is not None:
        qs = qs.filter(org=get_in_scope_or_404(visible_orgs(request.user), pk=org))
    return qs


@router.get(
    "/ledger/balance",
    response=BalanceOut,
    url_name="need_ledger_balance",
    summary="补偿余额（条目之和）",
)
def need_ledger_balance(request, person: Id | None = None, org: Id | None = None):
    require(request, "compensation.view")
    qs = selectors.visible_entries(request.user)
    if person is not None:
        qs = qs.filter(person=get_in_scope_or_404(visible_people(request.user), pk=person))
    elif org is not None:
        qs = qs.filter(org=get_in_scope_or_404(visible_orgs(request.user), pk=org))
    elif request.user.person_id:
        qs = qs.filter(person_id=request.user.person_id)
    b = selectors.balance(qs)
    return {"hours": b.hours, "points": b.points, "entries": b.entries}


@router.post(
    "/ledger/corrections/",
    response={201: NeedEntryOut},
    url_name="need_ledger_correct",
    summary="补偿更正（新条目）",
)
def need_ledger_correct(request, payload: CorrectionIn):
    require(request, "compensation.correct")
    person = resolve(request, visible_people, payload.person, "person")
    org = resolve(request, visible_orgs, payload.org, "org")
    corrects = resolve(request, selectors.visible_entries, payload.corrects, "corrects")
    return Status(
        201,
        services.correct_compensation(
            by=request.user,
            reason=payload.reason,
            hours=payload.hours,
            points=payload.points,
            person=person,
            org=org,
            corrects=corrects,
        ),
    )
