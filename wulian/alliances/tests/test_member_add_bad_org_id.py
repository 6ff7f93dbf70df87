"""Adding a member unit with a posted org id that is not an id (a word, too large a number, a
fraction, nan, a negative) is refused with the field's message, never a 500, and adds nobody."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from wulian.alliances.models import Alliance, AllianceMember

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("org", ["abc", "1e400", "1.5", "nan", "-1", "99999999999999999999999", ""])
def test_a_bad_org_id_is_a_message_naming_the_field(world, client, login, org):
    alliance = Alliance.objects.filter(lead_org=world.orgs["xihuamen"]).order_by("pk").first()
    login("xihuamen_admin")
    before = AllianceMember.objects.count()
    response = client.post(reverse("alliances:member_add", args=[alliance.pk]), {"org": org})
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("alliances:detail", args=[alliance.pk]),
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["请选择成员单位。"]
    assert AllianceMember.objects.count() == before
