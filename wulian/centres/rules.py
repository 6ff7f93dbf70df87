"""党群服务中心: area roles see the centres of their subtree; community staff manage their own."""

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import STAFF, register

register(
    {
        "centre.view": STAFF,
        "centre.manage": {RoleKind.COMMUNITY_ADMIN, RoleKind.COMMUNITY_STAFF},
    }
)
