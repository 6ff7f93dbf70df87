from wulian.accounts.models import RoleKind
from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, register

register(
    {
        "person.view": STAFF | UNIT,
        "person.create": STAFF,
        "person.update": STAFF,
        "person.import": STAFF,
        "person.export": STAFF | UNIT,
        "person.reveal": ADMINS,
        # Personal data rights (PIPL art. 47): a resident or party member asks for deletion, the
        # community's staff decide (core.personal_data asks every app for retentions).
        "erasure.request": PEOPLE,
        "erasure.decide": {RoleKind.COMMUNITY_ADMIN, RoleKind.COMMUNITY_STAFF},
    }
)
