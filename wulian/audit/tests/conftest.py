import pytest


@pytest.fixture(autouse=True)
def _own_seal_file(settings, tmp_path):
    """Each test seals into its own file (the suite's database is shared, the seal file is not)."""
    settings.WULIAN_SEAL_FILE = tmp_path / "seals" / "audit-seals.jsonl"
