"""What the councils API reads and answers: councils, members, sessions, topics, comments, votes
and resolutions."""

import datetime as dt

from ninja import Schema

from wulian.core.bounds import Date, DateTime, Id, Int
from wulian.councils.models import Ballot, Choice, MemberKind, TopicStatus
from wulian.councils.selectors import results


class MemberOut(Schema):
    id: int
    seat: int
    kind: MemberKind
    name: str
    title: str
    active: bool

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.person or obj.org)


class CouncilOut(Schema):
    id: int
    name: str
    community: str
    community_name: str

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code

    @staticmethod
    def resolve_community_name(obj) -> str:
        return obj.community.name


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj) -> list:
        return list(obj.members.select_related("person", "org"))


class VoteResultOut(Schema):
    outcome: str
    yes: int
    no: int
    abstain: int
    cast: int


class TopicOut(Schema):
    id: int
    council: int
    title: str
    description: str
    status: TopicStatus
    ballot: Ballot
    quorum: int
    outcome: str
    result: VoteResultOut | None = None
    resolution: str | None = None

    @staticmethod
    def resolve_council(obj) -> int:
        return obj.council_id

    @staticmethod
    def resolve_result(obj) -> dict | None:
        data = results(obj)
        if data is None:
            return None
        counts = {code: n for code, _label, n in data["rows"]}
        return {"outcome": data["outcome_code"], "cast": data["cast"], **counts}

    @staticmethod
    def resolve_resolution(obj) -> str | None:
        resolution = getattr(
            obj, "resolution", None
        )  # the reverse one-to-one raises AttributeError
        return resolution.text if resolution else None


class TopicIn(Schema):
    title: str
    description: str = ""


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    body: str
    created_at: dt.datetime


class OpenIn(Schema):
    ballot: Ballot = Ballot.OPEN
    quorum: Int | None = None


class VoteIn(Schema):
    choice: Choice


class OfflineVoteIn(Schema):
    member: Id
    choice: Choice


class CastOut(Schema):
    id: int
    topic: int
    member: int
    offline: bool

    @staticmethod
    def resolve_topic(obj) -> int:
        return obj.topic_id

    @staticmethod
    def resolve_member(obj) -> int:
        return obj.member_id


class TopicResolveIn(Schema):
    text: str
    decided_on: Date | None = None


class CouncilIn(Schema):
    community: str
    name: str = ""


class MemberIn(Schema):
    kind: MemberKind
    seat: Int
    person: Id | None = None
    org: Id | None = None
    title: str = ""


class SessionIn(Schema):
    title: str
    held_at: DateTime
    place: str = ""


class SessionOut(Schema):
    id: int
    title: str
    held_at: dt.datetime
    place: str


class ResolutionProjectIn(Schema):
    allocation: Id
    name: str
    category: str
    budget: str
    beneficiaries: Int = 0
