"""Every change to resident councils, split by subject: ``councils`` (councils, members, sessions),
``topics`` (topics and comments), ``voting`` (open, cast, close) and ``resolutions`` (resolving
a topic and turning a resolution into a project or an action item)."""

from wulian.councils.services.councils import add_member, create_council, create_session
from wulian.councils.services.resolutions import (
    resolution_to_action_item,
    resolution_to_project,
    resolve_topic,
)
from wulian.councils.services.topics import add_comment, raise_topic
from wulian.councils.services.voting import (
    cast_vote,
    close_voting,
    open_voting,
    record_offline_vote,
)

__all__ = [
    "add_comment",
    "add_member",
    "cast_vote",
    "close_voting",
    "create_council",
    "create_session",
    "open_voting",
    "raise_topic",
    "record_offline_vote",
    "resolution_to_action_item",
    "resolution_to_project",
    "resolve_topic",
]
