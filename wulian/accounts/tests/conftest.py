import pytest


@pytest.fixture
def outbox(settings, tmp_path):
    """The file SMS backend writing into a temporary folder: ``outbox()`` lists the messages,
    ``outbox.code(phone)`` is the last code sent to that number."""
    from wulian.core.gateways import reset_backends
    from wulian.core.gateways.sms import FileSmsBackend

    settings.WULIAN_SMS_BACKEND = "wulian.core.gateways.sms.FileSmsBackend"
    settings.WULIAN_SMS_BACKEND_OPTIONS = {"directory": str(tmp_path / "sms")}
    reset_backends()

    class Outbox:
        def __call__(self) -> list[dict]:
            return FileSmsBackend(directory=str(tmp_path / "sms")).read()

        def code(self, phone: str) -> str:
            return [m for m in self() if m["to"] == phone][-1]["params"]["code"]

    yield Outbox()
    reset_backends()


# Area staff at the three upper levels: the demo has their admins only. The permission matrix and
# the expected-outcomes table log in as them too, so that every role kind is requested.
STAFF_LOGINS = {
    "city_staff": ("city_staff", "city_gc"),  # 市级工作人员 at the city's governance committee
    "qingyang_staff": ("district_staff", "qingyang_gc"),  # 区级工作人员, 青羊区
    "xiyuhe_staff": ("street_staff", "xiyuhe"),  # 街道工作人员, 西御河街道
}


@pytest.fixture
def role_user(world):
    """``role_user(username)``: a demo login, or one of ``STAFF_LOGINS`` made for this test."""
    from wulian.accounts.models import User
    from wulian.accounts.services import grant_role

    def get(username: str):
        if username in world.users:
            return world.users[username]
        kind, org_key = STAFF_LOGINS[username]
        user, created = User.objects.get_or_create(
            username=username, defaults={"display_name": username}
        )
        if created:
            grant_role(user=user, kind=kind, org=world.orgs[org_key], by=None)
        return user

    return get
