from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.models import Area
from wulian.areas.selectors import visible_areas
from wulian.core.spreadsheets import xlsx_response
from wulian.evaluations import exporters, selectors, services
from wulian.evaluations.forms import AppealForm, CriteriaForm, DecideForm, RoundForm, WeightsForm
from wulian.evaluations.models import Appeal, RoundState, Side
from wulian.evaluations.verification import verify_round
from wulian.orgs.models import Org
from wulian.web.views_helpers import act, add_errors, flash_errors, paginate, permission_required


def _manages(user, rnd) -> bool:
    return has_action(user, "evaluation.manage") and scope_for(user).covers_path(rnd.scope.path)


@login_required
@permission_required("evaluation.view")
def round_list(request):
    qs = selectors.visible_rounds(request.user)
    return render(
        request,
        "evaluations/list.html",
        {
            "page_obj": paginate(request, qs),
            "can_create": has_action(request.user, "evaluation.manage"),
        },
    )


@login_required
@permission_required("evaluation.manage")
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        scope = visible_areas(request.user).filter(code=data.pop("scope").strip()).first()
        if scope is None:
            form.add_error("scope", _("该区域不存在或不在您的管辖范围内。"))
        else:
            try:
                rnd = services.create_round(by=request.user, scope=scope, **data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("评议已创建，请设置评议指标。"))
                return redirect("evaluations:detail", pk=rnd.pk)
    return render(request, "evaluations/form.html", {"form": form, "title": _("新增评议")})


@login_required
@permission_required("evaluation.view")
def round_detail(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    results_qs = selectors.results(rnd)
    within = None
    code = request.GET.get("area", "").strip()
    if code and code != rnd.scope.code:
        within = Area.objects.filter(code=code, path__startswith=rnd.scope.path).first()
        if within is not None:  # the ranking within a part of the scope (a district, a street)
            results_qs = results_qs.filter(area__path__startswith=within.path)
    results = list(results_qs) if rnd.state == RoundState.PUBLISHED else []
    tables = selectors.ranking_tables(results)
    manages = _manages(request.user, rnd)
    own = selectors.own_orgs(request.user, rnd)
    criteria_text = "\n".join(f"{c.side},{c.name},{c.weight}" for c in rnd.criteria.all())
    return render(
        request,
        "evaluations/detail.html",
        {
            "round": rnd,
            "criteria": list(rnd.criteria.all()),
            "manages": manages,
            "own": own,
            "units": tables["unit"],
            "streets": tables["street"],
            "communities": tables["community"],
            "exemplary": [r for r in results if r.exemplary],
            "appeal_open": selectors.appeal_open(rnd),
            "appeals": rnd.appeals.select_related("org") if manages else [],
            "weights_form": WeightsForm(
                initial={
                    "weight_satisfaction": rnd.weight_satisfaction,
                    "weight_criteria": rnd.weight_criteria,
                    "weight_service": rnd.weight_service,
                }
            ),
            "criteria_form": CriteriaForm(initial={"criteria": criteria_text}),
            "decide_form": DecideForm(),
            "can_score": has_action(request.user, "evaluation.score")
            and rnd.state == RoundState.OPEN
            and own,
            "can_export": has_action(request.user, "evaluation.export"),
            "perms_survey": has_action(request.user, "evaluation.survey"),
            "within": within,
            "parts": Area.objects.filter(parent=rnd.scope).order_by("code")[:50],
        },
    )


@login_required
@permission_required("evaluation.manage")
@require_POST
def round_weights(request, pk):
    rnd = get_in_scope_or_404(selectors.managed_rounds(request.user), pk=pk)
    form = WeightsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写三项权重。"))
        return redirect("evaluations:detail", pk=rnd.pk)
    return act(
        request,
        services.set_weights,
        round=rnd,
        **form.cleaned_data,
        success=_("权重已保存。"),
        redirect_to=reverse("evaluations:detail", args=[rnd.pk]),
    )


@login_required
@permission_required("evaluation.manage")
@require_POST
def round_criteria(request, pk):
    rnd = get_in_scope_or_404(selectors.managed_rounds(request.user), pk=pk)
    form = CriteriaForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"criteria": _("请填写评议指标。")})
        services.set_criteria(round=rnd, by=request.user, criteria=form.parsed())
        messages.success(request, _("评议指标已保存。"))
    except ValidationError as exc:
        flash_errors(request, exc)
    except Exception as exc:  # forms.ValidationError from parsed()
        if exc.__class__.__name__ != "ValidationError":
            raise
        messages.error(request, str(exc.messages[0]))
    return redirect("evaluations:detail", pk=rnd.pk)


@login_required
@permission_required("evaluation.manage")
@require_POST
def round_open(request, pk):
    rnd = get_in_scope_or_404(selectors.managed_rounds(request.user), pk=pk)
    return act(
        request,
        services.open_round,
        round=rnd,
        success=_("评议已开始。"),
        redirect_to=reverse("evaluations:detail", args=[rnd.pk]),
    )


@login_required
@permission_required("evaluation.manage")
@require_POST
def round_publish(request, pk):
    rnd = get_in_scope_or_404(selectors.managed_rounds(request.user), pk=pk)
    return act(
        request,
        services.publish_round,
        round=rnd,
        success=_("结果已公布并冻结。"),
        redirect_to=reverse("evaluations:detail", args=[rnd.pk]),
    )


def _candidates(rnd, rater) -> list[Org]:
    """Whom this rater rates: a community's units, or a unit's communities it may rate."""
    if rater is None:
        return []
    if rater.leads_id:
        return list(services.units_of(rnd).filter(area__path__startswith=rater.leads.path)[:200])
    return [o for o in services.communities_of(rnd) if services.may_rate(rater, o)]


def _submit_scores(request, rnd, rater, candidates) -> dict[str, list[str]]:
    """Record the posted scores; the errors by field, empty once saved."""
    ratee = next((o for o in candidates if str(o.pk) == request.POST.get("ratee")), None)
    if ratee is None:
        return {"ratee": [_("请选择被评议的组织。")]}
    values = {k[1:]: v for k, v in request.POST.items() if k.startswith("c") and k[1:].isdigit()}
    try:
        services.submit_scores(round=rnd, by=request.user, rater=rater, ratee=ratee, values=values)
    except ValidationError as exc:
        return exc.message_dict
    messages.success(request, _("已为“%(o)s”打分。") % {"o": ratee.name})
    return {}


@login_required
@permission_required("evaluation.score")
def score(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    own = selectors.own_orgs(request.user, rnd)
    rater = next(
        (o for o in own if str(o.pk) == request.GET.get("rater", request.POST.get("rater", ""))),
        own[0] if own else None,
    )
    candidates = _candidates(rnd, rater)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and rater is not None:
        errors = _submit_scores(request, rnd, rater, candidates)
        if not errors:
            return redirect(f"{request.path}?rater={rater.pk}")
    side = Side.UNIT if rater is not None and rater.leads_id else Side.COMMUNITY
    return render(
        request,
        "evaluations/score.html",
        {
            "round": rnd,
            "own": own,
            "rater": rater,
            "candidates": candidates,
            "errors": errors,
            "criteria": rnd.criteria.filter(side=side),
        },
        status=422 if errors else 200,
    )


@login_required
@permission_required("evaluation.survey")
def survey(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    person = request.user.person
    community = services.community_of(person.home_area) if person else None
    units = (
        list(Org.objects.units().filter(area__path__startswith=community.path)[:30])
        if community
        else []
    )
    affiliated = selectors.affiliations(person, [u.pk for u in units])
    for unit in units:  # the units the resident may not rate show a note instead
        unit.affiliation_note = (
            selectors.affiliation_note(affiliated[unit.pk]) if unit.pk in affiliated else ""
        )
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        ratings = {u.pk: request.POST.get(f"u{u.pk}", "") for u in units if u.pk not in affiliated}
        try:
            services.answer_survey(
                round=rnd,
                by=request.user,
                satisfaction=request.POST.get("satisfaction", ""),
                unit_ratings=ratings,
                comment=request.POST.get("comment", ""),
            )
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            return render(request, "evaluations/survey_done.html", {"round": rnd})
    return render(
        request,
        "evaluations/survey.html",
        {
            "round": rnd,
            "community": community,
            "units": units,
            "errors": errors,
            "answered": bool(person) and rnd.respondents.filter(person=person).exists(),
        },
        status=422 if errors else 200,
    )


@login_required
@permission_required("evaluation.verify")
def verify(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    return render(request, "evaluations/verify.html", {"round": rnd, "v": verify_round(rnd)})


@login_required
@permission_required("evaluation.view")
def breakdown(request, pk, org_pk):
    """An organization's own breakdown: visible to those who act for it and to the staff over the round."""
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    result = selectors.results(rnd).filter(org_id=org_pk).first()
    if result is None:
        raise Http404
    # Staff whose scope covers the round read any org's breakdown (managers and staff alike, as
    # they read the results table); others only their own org's.
    oversees = scope_for(request.user).covers_path(rnd.scope.path)
    if not (oversees or any(o.pk == result.org_id for o in selectors.own_orgs(request.user, rnd))):
        raise Http404
    return render(
        request,
        "evaluations/breakdown.html",
        {
            "round": rnd,
            "r": result,
            "appeal_open": selectors.appeal_open(rnd),
            "appeal": Appeal.objects.filter(round=rnd, org_id=org_pk).first(),
            "form": AppealForm(initial={"org": org_pk}),
            "can_appeal": has_action(request.user, "evaluation.appeal"),
        },
    )


@login_required
@permission_required("evaluation.appeal")
@require_POST
def appeal(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写申诉理由。"))
        return redirect("evaluations:detail", pk=rnd.pk)
    org = next(
        (o for o in selectors.own_orgs(request.user, rnd) if o.pk == form.cleaned_data["org"]), None
    )
    if org is None:
        raise Http404
    return act(
        request,
        services.file_appeal,
        round=rnd,
        org=org,
        reason=form.cleaned_data["reason"],
        success=_("申诉已提交。"),
        redirect_to=reverse("evaluations:breakdown", args=[rnd.pk, org.pk]),
    )


@login_required
@permission_required("evaluation.manage")
@require_POST
def appeal_decide(request, pk, appeal_pk):
    rnd = get_in_scope_or_404(selectors.managed_rounds(request.user), pk=pk)
    item = get_in_scope_or_404(Appeal.objects.filter(round=rnd), pk=appeal_pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择处理结果并填写答复。"))
        return redirect("evaluations:detail", pk=rnd.pk)
    return act(
        request,
        services.decide_appeal,
        appeal=item,
        **form.cleaned_data,
        success=_("申诉已答复。"),
        redirect_to=reverse("evaluations:detail", args=[rnd.pk]),
    )


@login_required
@permission_required("evaluation.export")
def export(request, pk):
    rnd = get_in_scope_or_404(selectors.visible_rounds(request.user), pk=pk)
    data = exporters.export_results(rnd, selectors.results(rnd))
    return xlsx_response(data, f"{rnd.title}-政绩考核.xlsx")
