"""Who issues a scope's dispatch, and how its letterhead (版头) and document number prefix
(发文机关代字) read. ``settings.WULIAN_LETTERHEADS`` may override them per issuer name:
``{"成都市城乡社区发展治理委员会": ("中共成都市委城乡社区发展治理委员会文件", "成社治委")}``."""

from django.conf import settings

from wulian.areas.models import Area, Level
from wulian.orgs.models import Kind, Org


def issuer_for(area: Area) -> Org | None:
    """The governance committee sitting in the area (city, district), else the party org that
    leads it (street, community)."""
    org = Org.objects.filter(kind=Kind.GOVERNANCE_COMMITTEE, area=area).order_by("pk").first()
    if org is None:
        org = Org.objects.filter(leads=area).order_by("pk").first()
    return org


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def letterhead(issuer: Org) -> tuple[str, str]:
    """(版头 issuer line, 发文机关代字) for an issuer."""
    custom = getattr(settings, "WULIAN_LETTERHEADS", {}).get(issuer.name)
    if custom:
        return custom[0], custom[1]
    area = issuer.area
    if issuer.kind == Kind.GOVERNANCE_COMMITTEE and area.level == Level.CITY:
        city = _strip(area.name, ("市",))
        return f"中共{city}市委城乡社区发展治理委员会文件", f"{city[:1]}社治委"
    if issuer.kind == Kind.GOVERNANCE_COMMITTEE and area.level == Level.DISTRICT:
        city = area.parent.name if area.parent_id else ""
        short = _strip(area.name, ("区", "县", "市"))
        return f"中共{city}{area.name}委城乡社区发展治理委员会文件", f"{short[:1]}社治委"
    if issuer.leads_id and area.level == Level.STREET:
        short = _strip(area.name, ("街道", "镇", "乡"))
        return f"{issuer.name}文件", f"{short}街工委"
    return f"{issuer.name}文件", issuer.name[:4]
