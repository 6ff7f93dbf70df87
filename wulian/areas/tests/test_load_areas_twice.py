"""`wulian areas load` twice adds nothing the second time and renames what changed."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from wulian.areas.models import Area, Level
from wulian.audit.models import AuditEntry

CITY = "9901"


def _write(folder: Path, village_name: str = "试验社区居民委员会") -> None:
    """A tiny city in china-division's CSV format: 1 district, 2 streets, 3 communities."""
    (folder / "cities.csv").write_text(
        'code,name,provinceCode\n9901,"试验市",99\n', encoding="utf-8"
    )
    (folder / "areas.csv").write_text(
        'code,name,cityCode,provinceCode\n990101,"试验区",9901,99\n', encoding="utf-8"
    )
    (folder / "streets.csv").write_text(
        "code,name,areaCode,provinceCode,cityCode\n"
        '990101001,"试验街道",990101,99,9901\n'
        '990101101,"试验镇",990101,99,9901\n',
        encoding="utf-8",
    )
    (folder / "villages.csv").write_text(
        "code,name,streetCode,provinceCode,cityCode,areaCode\n"
        f'990101001001,"{village_name}",990101001,99,9901,990101\n'
        '990101001002,"二号社区居委会",990101001,99,9901,990101\n'
        '990101101201,"永宁村村民委员会",990101101,99,9901,990101\n',
        encoding="utf-8",
    )


def _load(folder: Path) -> str:
    out = StringIO()
    call_command("areas", "load", "--city", CITY, "--from", str(folder), stdout=out)
    return out.getvalue().strip()


def _tree() -> list[tuple]:
    return list(
        Area.objects.filter(code__startswith=CITY)
        .order_by("path")
        .values_list("code", "name", "level", "path", "is_urban")
    )


def test_loading_twice_does_not_duplicate(world, tmp_path):
    _write(tmp_path)
    assert _load(tmp_path) == "areas loaded: 7 created, 0 renamed, 0 unchanged"
    first = _tree()
    assert first == [
        ("990100000000", "试验市", Level.CITY, "990100000000/", True),
        ("990101000000", "试验区", Level.DISTRICT, "990100000000/990101000000/", True),
        ("990101001000", "试验街道", Level.STREET, "990100000000/990101000000/990101001000/", True),
        (
            "990101001001",
            "试验社区",
            Level.COMMUNITY,
            "990100000000/990101000000/990101001000/990101001001/",
            True,
        ),
        (
            "990101001002",
            "二号社区",
            Level.COMMUNITY,
            "990100000000/990101000000/990101001000/990101001002/",
            True,
        ),
        ("990101101000", "试验镇", Level.STREET, "990100000000/990101000000/990101101000/", False),
        (
            "990101101201",
            "永宁村",
            Level.COMMUNITY,
            "990100000000/990101000000/990101101000/990101101201/",
            False,
        ),
    ]
    assert _load(tmp_path) == "areas loaded: 0 created, 0 renamed, 7 unchanged"
    assert _tree() == first


def test_loading_again_renames_a_changed_name(world, tmp_path):
    _write(tmp_path)
    _load(tmp_path)
    pk = Area.objects.get(code="990101001001").pk
    _write(tmp_path, village_name="新名社区居民委员会")
    last = AuditEntry.objects.order_by("-id").first().pk
    assert _load(tmp_path) == "areas loaded: 0 created, 1 renamed, 6 unchanged"
    renamed = Area.objects.get(code="990101001001")
    assert (renamed.pk, renamed.name) == (pk, "新名社区")
    assert Area.objects.filter(code__startswith=CITY).count() == 7
    assert list(
        AuditEntry.objects.filter(pk__gt=last).values_list("action", "channel", "after")
    ) == [
        ("area.load", "command", {"created": 0, "updated": 1}),
    ]
