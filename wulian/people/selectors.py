from django.db.models import QuerySet

from wulian.accounts.selectors import scope_for
from wulian.people.models import Person


def visible_people(user) -> QuerySet[Person]:
    """People living in the user's subtrees, members of the user's unit, and the user."""
    return scope_for(user).filter(
        Person.objects.all(), area="home_area", org="party_org", person="pk"
    ).select_related("home_area", "party_org")
