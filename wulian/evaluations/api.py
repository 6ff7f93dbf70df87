"""Two-way evaluation over the API: the same selectors and services as the pages."""

from ninja import Router, Schema

from wulian.core.bounds import Id, Int
from wulian.evaluations import selectors, services
from wulian.evaluations.verification import verify_round
from wulian.web.api_helpers import body_openapi, fetch, read_body, require

router = Router(tags=["evaluations 双向评议"])


class RoundOut(Schema):
    id: int
    title: str
    year: int
    scope: str
    state: str
    weight_satisfaction: str
    weight_criteria: str
    weight_service: str
    frozen_hash: str

    @staticmethod
    def resolve_scope(obj) -> str:
        return obj.scope.code

    @staticmethod
    def resolve_weight_satisfaction(obj) -> str:
        return str(obj.weight_satisfaction)

    @staticmethod
    def resolve_weight_criteria(obj) -> str:
        return str(obj.weight_criteria)

    @staticmethod
    def resolve_weight_service(obj) -> str:
        return str(obj.weight_service)


class EvaluationResultOut(Schema):
    org: int
    org_name: str
    side: str
    criteria_score: str | None
    satisfaction_score: str | None
    service_score: str | None
    total: str
    group: str  # the ranking table: unit / street / community (each ranked apart)
    rank: int
    tied: bool  # the rank is shared (并列)
    exemplary: bool


class RoundDetailOut(Schema):
    round: RoundOut
    results: list[EvaluationResultOut]


class SurveyIn(Schema):
    satisfaction: Int
    unit_ratings: dict[Id, Int] = {}
    comment: str = ""


class CheckOut(Schema):
    label: str
    ok: bool
    detail: str


class VerifyOut(Schema):
    ok: bool
    frozen_hash: str
    checks: list[CheckOut]


def _s(v):
    return None if v is None else str(v)


@router.get("/rounds", response=list[RoundOut], url_name="evaluation_round_list")
def round_list(request):
    require(request, "evaluation.view")
    return list(selectors.visible_rounds(request.user)[:200])


@router.get("/rounds/{pk}", response=RoundDetailOut, url_name="evaluation_round_detail")
def round_detail(request, pk: Id):
    rnd = fetch(request, "evaluation.view", selectors.visible_rounds, pk)
    tables = selectors.ranking_tables(list(selectors.results(rnd)))
    results = [
        EvaluationResultOut(
            org=r.org_id,
            org_name=r.org.name,
            side=r.side,
            criteria_score=_s(r.criteria_score),
            satisfaction_score=_s(r.satisfaction_score),
            service_score=_s(r.service_score),
            total=str(r.total),
            group=group,
            rank=r.rank,
            tied=r.tied,
            exemplary=r.exemplary,
        )
        for group, table in tables.items()
        for r in table
    ]
    return {"round": rnd, "results": results}


@router.post(
    "/rounds/{pk}/survey",
    response={201: dict},
    url_name="evaluation_survey",
    openapi_extra=body_openapi(SurveyIn),
)
def survey(request, pk: Id):
    rnd = fetch(request, "evaluation.survey", selectors.visible_rounds, pk)
    payload = read_body(request, SurveyIn)
    services.answer_survey(
        round=rnd,
        by=request.user,
        satisfaction=payload.satisfaction,
        unit_ratings=payload.unit_ratings,
        comment=payload.comment,
    )
    return 201, {"message": "ok"}


@router.get("/rounds/{pk}/verify", response=VerifyOut, url_name="evaluation_verify")
def verify(request, pk: Id):
    rnd = fetch(request, "evaluation.verify", selectors.visible_rounds, pk)
    v = verify_round(rnd)
    return {
        "ok": v.ok,
        "frozen_hash": rnd.frozen_hash,
        "checks": [
            {"label": str(label), "ok": ok, "detail": str(detail)} for label, ok, detail in v.checks
        ],
    }
