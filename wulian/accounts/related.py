"""The models that accounts' own relations point at, read from those relations.

Accounts sits below areas, orgs and people: they import its rules (``register``, ``has_action``)
and its scope (``scope_for``). Its tables still refer to theirs (``User.signup_area``,
``User.person``, ``Role.org``), by label as Django allows; its code reaches those models through
these relations and names none of their modules. What only people may do (record a person) it
registers here (``register_person_recorder``, from people/apps.py)."""

from collections.abc import Callable
from typing import Any

from wulian.accounts.models import Role, User

_person_recorder: list[Callable[..., Any]] = []


def area_model() -> Any:
    """areas.Area, the model of ``User.signup_area``."""
    return User._meta.get_field("signup_area").related_model


def person_model() -> Any:
    """people.Person, the model of ``User.person``."""
    return User._meta.get_field("person").related_model


def org_model() -> Any:
    """orgs.Org, the model of ``Role.org``."""
    return Role._meta.get_field("org").related_model


def register_person_recorder(recorder: Callable[..., Any]) -> None:
    """The people app's ``create_person(*, by, name, phone, home_area)``, which records the
    person of a verified sign-up."""
    _person_recorder[:] = [recorder]


def record_person(**kwargs: Any) -> Any:
    if not _person_recorder:
        raise LookupError(
            "no person recorder: the people app registers create_person in its ready()"
        )
    return _person_recorder[0](**kwargs)
