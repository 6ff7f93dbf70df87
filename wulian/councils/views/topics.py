"""Topic pages: raise a topic, its detail page, comment, open voting, vote online or record an
offline vote, close, resolve, and turn a resolution into a fund project or an action item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.councils import rules, services
from wulian.councils.forms import (
    OfflineVoteForm,
    OpenVotingForm,
    ResolutionActionForm,
    ResolutionForm,
    ResolutionProjectForm,
    TopicForm,
    VoteForm,
)
from wulian.councils.models import Resolution, TopicStatus
from wulian.councils.selectors import member_for, results, visible_councils, visible_topics
from wulian.councils.views.councils import _is_staff
from wulian.funds.selectors import visible_allocations
from wulian.web.views_helpers import flash_errors, permission_required, submit


def _managed_topics(user):
    return visible_topics(user).filter(scope_for(user).paths_q("council__community"))


@login_required
@permission_required("council.raise_topic")
def topic_create(request, pk):
    council = get_in_scope_or_404(visible_councils(request.user), pk=pk)
    form = TopicForm(request.POST or None, council=council)
    try:
        response = submit(
            request,
            form,
            services.raise_topic,
            council=council,
            success=_("议题已提出。"),
            redirect_to=lambda topic: reverse("councils:topic_detail", args=[topic.pk]),
        )
    except PermissionDenied:
        form.add_error(None, _("只有议事会成员、本社区居民和工作人员可以提出议题。"))
        response = None
    if response is not None:
        return response
    base = "base.html" if _is_staff(request.user) else "base_mobile.html"
    return render(
        request,
        "councils/form.html",
        {"form": form, "title": _("提出议题"), "council": council, "base": base},
    )


@login_required
@permission_required("council.view")
def topic_detail(request, pk):
    topic = get_in_scope_or_404(visible_topics(request.user), pk=pk)
    council = topic.council
    me = member_for(council, request.user)
    can_manage = rules.can_manage(request.user, council)
    voted = me is not None and topic.casts.filter(member=me).exists()
    resolution = Resolution.objects.filter(topic=topic).select_related("project").first()
    return render(
        request,
        "councils/topic.html",
        {
            "topic": topic,
            "council": council,
            "me": me,
            "voted": voted,
            "base": "base.html" if _is_staff(request.user) else "base_mobile.html",
            "comments": topic.comments.select_related(
                "author", "member", "member__person", "member__org"
            ),
            "casts": topic.casts.select_related(
                "member", "member__person", "member__org", "recorded_by"
            ),
            "results": results(topic),
            "resolution": resolution,
            "can_vote": me is not None
            and not voted
            and topic.status == TopicStatus.VOTING
            and has_action(request.user, "council.vote"),
            "can_manage": can_manage,
            "can_record": can_manage
            and has_action(request.user, "council.record_vote")
            and topic.status == TopicStatus.VOTING,
            "can_comment": topic.status != TopicStatus.CLOSED
            and has_action(request.user, "council.comment")
            and rules.can_take_part(request.user, council),
            "open_form": OpenVotingForm(),
            "vote_form": VoteForm(),
            "resolution_form": ResolutionForm(),
            "members": council.members.filter(active=True).select_related("person", "org"),
        },
    )


def _topic_action(request, pk, call, success: str, *, managed: bool = True):
    topic = get_in_scope_or_404(
        _managed_topics(request.user) if managed else visible_topics(request.user), pk=pk
    )
    try:
        call(topic)
    except ValidationError as exc:
        flash_errors(request, exc)
    except PermissionDenied:
        messages.error(request, _("您不能在该议事会进行此操作。"))
    else:
        messages.success(request, success)
    return redirect("councils:topic_detail", pk=topic.pk)


@login_required
@permission_required("council.comment")
@require_POST
def topic_comment(request, pk):
    return _topic_action(
        request,
        pk,
        lambda t: services.add_comment(by=request.user, topic=t, body=request.POST.get("body", "")),
        _("意见已发表。"),
        managed=False,
    )


@login_required
@permission_required("council.manage")
@require_POST
def topic_open(request, pk):
    form = OpenVotingForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"ballot": "", "quorum": None}
    return _topic_action(
        request,
        pk,
        lambda t: services.open_voting(by=request.user, topic=t, **data),
        _("表决已开始。"),
    )


@login_required
@permission_required("council.vote")
@require_POST
def topic_vote(request, pk):
    return _topic_action(
        request,
        pk,
        lambda t: services.cast_vote(
            by=request.user, topic=t, choice=request.POST.get("choice", "")
        ),
        _("您的票已投出。"),
        managed=False,
    )


@login_required
@permission_required("council.record_vote")
@require_POST
def topic_offline_vote(request, pk):
    form = OfflineVoteForm(request.POST)

    def call(topic):
        if not form.is_valid():
            raise ValidationError({"member": _("请选择成员和表决意见。")})
        member = topic.council.members.filter(pk=form.cleaned_data["member"]).first()
        services.record_offline_vote(
            by=request.user, topic=topic, member=member, choice=form.cleaned_data["choice"]
        )

    return _topic_action(request, pk, call, _("线下表决已代录。"))


@login_required
@permission_required("council.manage")
@require_POST
def topic_close(request, pk):
    return _topic_action(
        request,
        pk,
        lambda t: services.close_voting(by=request.user, topic=t),
        _("表决已结束，结果已公布。"),
    )


@login_required
@permission_required("council.manage")
@require_POST
def topic_resolve(request, pk):
    form = ResolutionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"text": "", "decided_on": None}
    return _topic_action(
        request,
        pk,
        lambda t: services.resolve_topic(by=request.user, topic=t, **data),
        _("决议已形成。"),
    )


@login_required
@permission_required("council.manage")
def resolution_project(request, pk):
    resolution = get_in_scope_or_404(
        Resolution.objects.filter(
            topic__in=_managed_topics(request.user).values("pk")
        ).select_related("topic", "topic__council", "topic__council__community"),
        pk=pk,
    )
    allocations = visible_allocations(request.user).filter(
        community=resolution.topic.council.community
    )
    form = ResolutionProjectForm(
        request.POST or None, allocations=allocations, initial={"name": resolution.topic.title}
    )
    response = submit(
        request,
        form,
        services.resolution_to_project,
        resolution=resolution,
        success=_("决议已转为惠民项目。"),
        redirect_to=lambda _result: reverse("funds:project_detail", args=[resolution.project_id]),
    )
    return response or render(
        request,
        "councils/form.html",
        {"form": form, "title": _("决议转为惠民项目"), "council": resolution.topic.council},
    )


@login_required
@permission_required("council.manage")
def resolution_action(request, pk):
    """Carry a resolution into a joint meeting's 督办 (when the meetings app is installed)."""
    try:
        from wulian.meetings.models import Decision, MeetingStatus
        from wulian.meetings.selectors import invitable_orgs, visible_meetings
    except ImportError:
        raise Http404 from None
    resolution = get_in_scope_or_404(
        Resolution.objects.filter(
            topic__in=_managed_topics(request.user).values("pk")
        ).select_related("topic", "topic__council", "topic__council__community"),
        pk=pk,
    )
    community = resolution.topic.council.community
    ancestors = [community.path[: i + 1] for i, ch in enumerate(community.path) if ch == "/"]
    decisions = (
        Decision.objects.filter(
            meeting__in=visible_meetings(request.user).filter(
                status=MeetingStatus.CLOSED, area__path__in=ancestors
            )
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "position")
    )
    meeting_area = decisions.first().meeting.area if decisions.exists() else community
    form = ResolutionActionForm(
        request.POST or None,
        decisions=decisions,
        orgs=invitable_orgs(meeting_area),
        initial={"done_criteria": resolution.text[:300]},
    )
    response = submit(
        request,
        form,
        services.resolution_to_action_item,
        resolution=resolution,
        success=_("决议已转为督办事项。"),
        redirect_to=reverse("councils:topic_detail", args=[resolution.topic_id]),
    )
    return response or render(
        request,
        "councils/form.html",
        {"form": form, "title": _("决议转为督办事项"), "council": resolution.topic.council},
    )
