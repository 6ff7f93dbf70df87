"""The staff lists of needs answer in a fixed, small number of queries once the user's scope is
in the shared cache (as from the second request on): the scope by the community / street /
district column, no query per row."""

import pytest
from django.urls import reverse

from wulian.accounts.selectors import scope_for
from wulian.needs.tests.helpers import post_in_xihuamen
from wulian.web.testing import assert_flat_queries, bearer

pytestmark = pytest.mark.django_db

# The API: the token with its account, the count, the page.
# The page: the session, the account, its second factor, the count, the page, the unread bell.
PINNED = {"api:need_list": 3, "needs:list": 6}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_staff_need_list_makes_pinned_queries(
    world, client, login, django_capture_on_commit_callbacks, name
):
    api = name.startswith("api:")
    user = world.users["xihuamen_staff"] if api else login("xihuamen_staff")
    headers = bearer(user) if api else {}
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # as a first request would: into the cache
        scope_for(user)
    count = assert_flat_queries(
        client,
        reverse(name),
        lambda: (post_in_xihuamen(world, "二"), post_in_xihuamen(world, "三")),
        headers=headers,
    )
    assert count == PINNED[name]
