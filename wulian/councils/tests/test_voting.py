import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.accounts.models import User
from wulian.audit.models import AuditEntry
from wulian.councils import services
from wulian.councils.models import Tally, Topic, VoteCast
from wulian.councils.selectors import results
from wulian.councils.services import voting
from wulian.notifications.models import Notification


def _vote(world, topic, username, choice):
    return services.cast_vote(by=world.users[username], topic=topic, choice=choice)


def test_a_vote_from_opening_to_published_result(world, topic, django_capture_on_commit_callbacks):
    admin = world.users["hongmenjie_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        services.open_voting(by=admin, topic=topic, ballot="open")
    assert topic.quorum == 3  # a majority of the four seats
    assert set(
        Notification.objects.filter(
            kind="council.vote_opened", url=f"/councils/topics/{topic.pk}/"
        ).values_list("user__username", flat=True)
    ) == {"resident_demo", "member_demo", "huaxi_contact"}
    _vote(world, topic, "resident_demo", "yes")
    _vote(world, topic, "member_demo", "yes")
    _vote(world, topic, "huaxi_contact", "no")
    assert results(Topic.objects.get(pk=topic.pk)) is None  # hidden while voting
    with django_capture_on_commit_callbacks(execute=True):
        services.close_voting(by=admin, topic=topic)
    topic.refresh_from_db()
    assert (topic.status, topic.outcome) == ("closed", "passed")
    assert results(topic)["rows"] == [("yes", "赞成", 2), ("no", "反对", 1), ("abstain", "弃权", 0)]
    assert list(VoteCast.objects.filter(topic=topic).values_list("member__seat", "choice")) == [
        (1, "yes"),
        (2, "yes"),
        (4, "no"),
    ]
    published = Notification.objects.filter(
        kind="council.result_published", url=f"/councils/topics/{topic.pk}/"
    )
    assert set(published.values_list("user__username", flat=True)) == {
        "resident_demo",
        "member_demo",
        "huaxi_contact",
    }
    assert published.first().title == "议题“小区加装电梯”表决结果：通过"


def _refused(world, topic, username, message, choice="yes"):
    before = (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    )
    with pytest.raises(ValidationError) as exc:
        _vote(world, topic, username, choice)
    assert exc.value.message_dict == {"choice": [message]}
    assert (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    ) == before


def test_voting_twice_is_refused(world, topic):
    services.open_voting(by=None, topic=topic)
    _vote(world, topic, "resident_demo", "yes")
    _refused(
        world, topic, "resident_demo", "1号席 李秀英已经投过票，每位成员只能投一票。", choice="no"
    )


def test_voting_after_closing_is_refused(world, topic):
    services.open_voting(by=None, topic=topic)
    services.close_voting(by=None, topic=topic)
    _refused(world, topic, "resident_demo", "表决已结束，不能再投票。")


def test_voting_before_opening_is_refused(world, topic):
    _refused(world, topic, "resident_demo", "议题尚未开始表决。")


def test_a_non_member_is_refused_voting_as_a_matter_of_rights(world, topic):
    services.open_voting(by=None, topic=topic)
    outsider = User.objects.create(username="chen_li_user", person=world.people["chen_li"])
    from wulian.accounts.services import grant_role

    grant_role(user=outsider, kind="resident", org=world.orgs["xihuamen"], by=None)
    before = (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    )
    with pytest.raises(PermissionDenied):
        services.cast_vote(by=outsider, topic=topic, choice="yes")
    assert (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    ) == before


def test_staff_cannot_vote_for_themselves(world, topic):
    services.open_voting(by=None, topic=topic)
    with pytest.raises(PermissionDenied):
        _vote(world, topic, "hongmenjie_admin", "yes")


def test_staff_record_an_offline_vote_marked_as_such(world, topic, hongmenjie_council):
    services.open_voting(by=None, topic=topic)
    zheng = hongmenjie_council.members.get(seat=3)
    cast = services.record_offline_vote(
        by=world.users["hongmenjie_admin"], topic=topic, member=zheng, choice="abstain"
    )
    assert (cast.offline, cast.recorded_by, cast.choice) == (
        True,
        world.users["hongmenjie_admin"],
        "abstain",
    )
    with pytest.raises(ValidationError):
        services.record_offline_vote(
            by=world.users["hongmenjie_admin"], topic=topic, member=zheng, choice="yes"
        )
    with pytest.raises(PermissionDenied):  # a community admin elsewhere
        services.record_offline_vote(
            by=world.users["xihuamen_admin"], topic=topic, member=zheng, choice="yes"
        )


def test_too_few_votes_miss_the_quorum(world, topic):
    services.open_voting(by=None, topic=topic, quorum=3)
    _vote(world, topic, "resident_demo", "yes")
    _vote(world, topic, "member_demo", "yes")
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    assert topic.outcome == "no_quorum"


def test_a_tie_is_not_passed(world, topic):
    services.open_voting(by=None, topic=topic, quorum=2)
    _vote(world, topic, "resident_demo", "yes")
    _vote(world, topic, "member_demo", "no")
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    assert topic.outcome == "rejected"


def test_secret_ballot_choices_cannot_be_linked_to_voters(world, topic):
    services.open_voting(by=None, topic=topic, ballot="secret")
    _vote(world, topic, "resident_demo", "yes")
    _vote(world, topic, "member_demo", "no")
    services.record_offline_vote(
        by=None, topic=topic, member=topic.council.members.get(seat=3), choice="yes"
    )
    # Who voted is known; what each chose is stored nowhere next to them.
    assert list(VoteCast.objects.filter(topic=topic).values_list("member__seat", "choice")) == [
        (1, ""),
        (2, ""),
        (3, ""),
    ]
    votes = AuditEntry.objects.filter(
        action__in=["council.vote", "council.vote_offline"], after__topic=topic.pk
    )
    assert votes.count() == 3
    assert all("choice" not in entry.after for entry in votes)
    # The tally carries counts only: no voter, no time.
    assert {f.name for f in Tally._meta.concrete_fields} == {"id", "topic", "choice", "count"}
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    assert results(topic)["rows"] == [("yes", "赞成", 2), ("no", "反对", 1), ("abstain", "弃权", 0)]


def test_opening_twice_is_refused(world, topic):
    services.open_voting(by=None, topic=topic)
    with pytest.raises(ValidationError) as exc:
        services.open_voting(by=None, topic=topic)
    assert exc.value.message_dict == {"status": ["议题不在议事阶段，不能开始表决。"]}
    assert Tally.objects.filter(topic=topic).count() == 3


def test_a_seat_gone_between_the_check_and_the_vote_is_refused_and_nothing_is_counted(
    world, topic, monkeypatch
):
    """The seat is read twice, for the right to vote and for the vote itself: if it is gone in
    between (the member left the council at that moment), the vote is refused, not half cast."""
    services.open_voting(by=None, topic=topic)
    before = (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    )
    monkeypatch.setattr(voting, "member_for", lambda council, user: None)
    with pytest.raises(PermissionDenied):
        _vote(world, topic, "resident_demo", "yes")
    assert (
        VoteCast.objects.count(),
        list(Tally.objects.filter(topic=topic).values_list("choice", "count")),
    ) == before
