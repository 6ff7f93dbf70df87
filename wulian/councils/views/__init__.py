"""The council pages, split by subject: ``councils`` (list, export, create, detail, members,
sessions) and ``topics`` (raise, discuss, vote, close, resolve, and what a resolution becomes)."""

from wulian.councils.views.councils import (
    council_create,
    council_detail,
    council_export,
    council_list,
    member_add,
    my_councils,
    search_councils,
    session_create,
)
from wulian.councils.views.topics import (
    resolution_action,
    resolution_project,
    topic_close,
    topic_comment,
    topic_create,
    topic_detail,
    topic_offline_vote,
    topic_open,
    topic_resolve,
    topic_vote,
)

__all__ = [
    "council_create",
    "council_detail",
    "council_export",
    "council_list",
    "member_add",
    "my_councils",
    "resolution_action",
    "resolution_project",
    "search_councils",
    "session_create",
    "topic_close",
    "topic_comment",
    "topic_create",
    "topic_detail",
    "topic_offline_vote",
    "topic_open",
    "topic_resolve",
    "topic_vote",
]
