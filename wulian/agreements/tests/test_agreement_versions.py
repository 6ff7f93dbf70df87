"""A change to an agreement in force is a new version; the old one becomes read-only."""

import pytest
from django.core.exceptions import ValidationError

from wulian.accounts.models import RoleKind
from wulian.accounts.tests.factories import UserFactory
from wulian.agreements import services
from wulian.agreements.models import Agreement, AgreementStatus
from wulian.agreements.selectors import versions
from wulian.agreements.tests.factories import AgreementFactory


@pytest.fixture
def draft(db, clock):
    """A draft between a community's party organization and a unit there, one item (≥10 次/月)."""
    return AgreementFactory()


@pytest.fixture
def in_force(draft):
    services.submit_agreement(agreement=draft, by=None)
    return services.confirm_agreement(agreement=draft, by=None)


@pytest.fixture
def admin(draft):
    return UserFactory(role=RoleKind.COMMUNITY_ADMIN, org=draft.party_org)


@pytest.fixture
def contact(draft):
    return UserFactory(role=RoleKind.UNIT_CONTACT, org=draft.unit)


def test_revision_is_a_draft_copy_pointing_at_the_previous_version(in_force, admin):
    new = services.revise_agreement(agreement=in_force, by=admin)
    old_item, new_item = in_force.items.get(), new.items.get()
    assert (new.version, new.previous, new.status) == (2, in_force, AgreementStatus.DRAFT)
    assert (new_item.content, new_item.target_count, new_item.line_key) == (
        old_item.content,
        10,
        old_item.line_key,
    )
    assert new_item.pk != old_item.pk
    in_force.refresh_from_db()
    assert in_force.status == AgreementStatus.IN_FORCE  # still in force until v2 is confirmed


def test_new_version_in_force_supersedes_the_old_one_which_is_read_only(in_force, admin, contact):
    new = services.revise_agreement(agreement=in_force, by=admin)
    services.update_item(item=new.items.get(), by=admin, target_count=12)
    services.submit_agreement(agreement=new, by=admin)
    services.confirm_agreement(agreement=new, by=admin)
    services.confirm_agreement(agreement=new, by=contact)
    in_force.refresh_from_db()
    assert in_force.status == AgreementStatus.SUPERSEDED
    assert in_force.items.get().target_count == 10
    with pytest.raises(ValidationError):
        services.update_item(item=in_force.items.get(), by=admin, target_count=20)
    assert [a.version for a in versions(new)] == [1, 2] == [a.version for a in versions(in_force)]


def test_only_one_pending_revision_at_a_time(in_force, admin):
    services.revise_agreement(agreement=in_force, by=admin)
    with pytest.raises(ValidationError) as exc:
        services.revise_agreement(agreement=in_force, by=admin)
    assert list(exc.value.message_dict) == ["status"]


def test_a_draft_cannot_be_revised(draft, admin):
    with pytest.raises(ValidationError):
        services.revise_agreement(agreement=draft, by=admin)
    assert Agreement.objects.filter(previous=draft).count() == 0
