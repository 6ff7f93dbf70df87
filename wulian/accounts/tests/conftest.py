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
