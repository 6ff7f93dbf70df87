"""Changes to the territory: loading a city from the statistical division data, adding grids."""

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.services import require
from wulian.areas.models import Area, FunctionalArea, FunctionalKind, Level
from wulian.areas.rules import can_create_grid, require_can
from wulian.areas.tree import renew_area_tree
from wulian.audit.services import record, snapshot

if TYPE_CHECKING:
    from wulian.accounts.models import User

DATA_DIR = Path(__file__).resolve().parent / "data" / "china-division-2.7.0"
FUNCTIONAL_AREAS = Path(__file__).resolve().parent / "data" / "functional_areas.csv"
_SUFFIXES = [("居民委员会", ""), ("居委会", ""), ("村民委员会", "村"), ("村委会", "村")]


def clean_name(name: str) -> str:
    """'西华门社区居委会' → '西华门社区'; '永宁村村民委员会' → '永宁村'."""
    for suffix, replacement in _SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if replacement and stem.endswith(replacement):
                return stem
            return stem + replacement
    return name


def _is_urban(level: str, code: str) -> bool:
    if level == Level.STREET:
        return int(code[6:9]) < 100  # 001-099 街道, 100-199 镇, 200-399 乡
    if level == Level.COMMUNITY:
        part = int(code[9:12])
        return part < 200 or 400 <= part < 500  # 居委会 and 类似居委会; 200-399 村委会
    return True


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ValidationError(_("找不到文件 %(p)s。") % {"p": path})
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


Row = tuple[str, str, str, str | None]  # (level, code12, name, parent12)


def _division_rows(city_code: str, from_dir: Path) -> tuple[str, list[Row]]:
    """The city's name and its rows, city first, from china-division's CSVs."""
    cities = [r for r in _read(from_dir / "cities.csv") if r["code"] == city_code]
    if not cities:
        raise ValidationError(_("数据中没有代码为 %(c)s 的城市。") % {"c": city_code})
    city12 = city_code + "0" * 8
    rows: list[Row] = [(Level.CITY, city12, cities[0]["name"], None)]
    rows += [
        (Level.DISTRICT, r["code"] + "000000", r["name"], city12)
        for r in _read(from_dir / "areas.csv")
        if r["cityCode"] == city_code
    ]
    rows += [
        (Level.STREET, r["code"] + "000", r["name"], r["areaCode"] + "000000")
        for r in _read(from_dir / "streets.csv")
        if r["cityCode"] == city_code
    ]
    rows += [
        (Level.COMMUNITY, r["code"], clean_name(r["name"]), r["streetCode"] + "000")
        for r in _read(from_dir / "villages.csv")
        if r["cityCode"] == city_code
    ]
    return cities[0]["name"], rows


def _load_level(
    level: str,
    rows: list[Row],
    existing: dict[str, Area],
    to_update: list[Area],
    result: LoadResult,
) -> None:
    """Create the level's new areas under their (already loaded) parents; rename changed ones."""
    new: list[Area] = []
    for row_level, code, name, parent_code in rows:
        if row_level != level:
            continue
        area = existing.get(code)
        if area is not None:
            if area.name != name:
                area.name = name
                to_update.append(area)
                result.updated += 1
            else:
                result.unchanged += 1
            continue
        parent = existing.get(parent_code) if parent_code else None
        if parent_code and parent is None:
            raise ValidationError(
                _("区划 %(c)s 的上级 %(p)s 不存在。") % {"c": code, "p": parent_code}
            )
        new.append(
            Area(
                code=code,
                name=name,
                level=level,
                parent=parent,
                path=(parent.path if parent else "") + code + "/",
                depth=(parent.depth + 1) if parent else 0,
                is_urban=_is_urban(level, code),
            )
        )
    Area.objects.bulk_create(new, batch_size=500)
    result.created += len(new)
    # Re-read to get primary keys on every engine (SQLite's bulk_create may not set them).
    existing.update({a.code: a for a in Area.objects.filter(code__in=[n.code for n in new])})


def load_areas(*, city_code: str, from_dir: Path, by: "User | None" = None) -> LoadResult:
    """Load one city from china-division's CSVs. Loading again updates names, adds new codes and
    never duplicates."""
    city_code = city_code.strip()
    if len(city_code) != 4 or not city_code.isdigit():
        raise ValidationError(_("城市代码应为4位数字，例如成都为5101。"))
    city_name, rows = _division_rows(city_code, from_dir)
    city12 = city_code + "0" * 8

    result = LoadResult()
    with transaction.atomic():
        existing = {a.code: a for a in Area.objects.filter(code__startswith=city_code)}
        to_update: list[Area] = []
        for level in (Level.CITY, Level.DISTRICT, Level.STREET, Level.COMMUNITY):
            _load_level(level, rows, existing, to_update, result)
        if to_update:
            Area.objects.bulk_update(to_update, ["name"], batch_size=500)
        renew_area_tree()
        after: dict = {"created": result.created, "updated": result.updated}
        functional = load_functional_areas(city=existing[city12], from_file=FUNCTIONAL_AREAS)
        if functional:
            after["functional_areas"] = functional
        record(
            actor=by,
            action="area.load",
            object_type="areas.area",
            object_id=city12,
            object_repr=city_name,
            after=after,
        )
    return result


def load_functional_areas(*, city: Area, from_file: Path) -> list[str]:
    """The city's functional areas (功能区) and the streets each administers, from our CSV (see
    data/FUNCTIONAL_AREAS.md). Loading again updates them; a street code the tree lacks is refused.
    Runs inside ``load_areas``'s transaction, which records it. Returns the keys loaded."""
    city_code = city.code[:4]
    rows = [r for r in _read(from_file) if r["city"] == city_code] if from_file.exists() else []
    loaded = []
    for r in rows:
        codes = [c + "000" for c in r["streets"].split()]
        streets = list(
            Area.objects.filter(code__in=codes, level=Level.STREET, path__startswith=city.path)
        )
        missing = sorted(set(codes) - {s.code for s in streets})
        if missing:
            raise ValidationError(
                _("功能区“%(n)s”的街道 %(c)s 不存在。") % {"n": r["name"], "c": "、".join(missing)}
            )
        if r["kind"] not in FunctionalKind.values:
            raise ValidationError(
                _("功能区“%(n)s”的类型“%(k)s”无效。") % {"n": r["name"], "k": r["kind"]}
            )
        fa, _created = FunctionalArea.objects.update_or_create(
            key=r["key"],
            defaults={
                "name": r["name"],
                "short_name": r["short_name"],
                "kind": r["kind"],
                "city": city,
            },
        )
        fa.streets.set(streets)
        loaded.append(fa.key)
    return loaded


def create_grid(*, community: Area, name: str, by: "User | None") -> Area:
    """A grid (网格) under a community, by staff whose subtrees hold the community."""
    require(by, "area.create_grid")
    require_can(can_create_grid(by, community), "area.create_grid")
    name = (name or "").strip()
    if community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("网格只能建在社区（村）之下。")})
    if not name:
        raise ValidationError({"name": _("请填写网格名称。")})
    if len(name) > 100:
        raise ValidationError({"name": _("网格名称不能超过100个字。")})
    with transaction.atomic():
        if Area.objects.filter(parent=community, name=name).exists():
            raise ValidationError({"name": _("该社区已有名为“%(n)s”的网格。") % {"n": name}})
        last = (
            Area.objects.filter(parent=community)
            .order_by("-code")
            .values_list("code", flat=True)
            .first()
        )
        seq = int(last[-3:]) + 1 if last else 1
        if seq > 999:
            raise ValidationError({"name": _("一个社区最多999个网格。")})
        code = f"{community.code}{seq:03d}"
        grid = Area.objects.create(
            code=code,
            name=name,
            level=Level.GRID,
            parent=community,
            path=f"{community.path}{code}/",
            depth=community.depth + 1,
            is_urban=community.is_urban,
        )
        renew_area_tree()
        record(actor=by, action="area.create_grid", obj=grid, after=snapshot(grid))
    return grid
