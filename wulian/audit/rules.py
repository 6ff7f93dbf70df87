from wulian.accounts.models import RoleKind
from wulian.accounts.rules import register

register({
    "audit.view": {RoleKind.AUDIT_ADMIN},
    "audit.export": {RoleKind.AUDIT_ADMIN},
})
