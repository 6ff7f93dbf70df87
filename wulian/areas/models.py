from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    CITY = "city", _("市")
    DISTRICT = "district", _("区(市)县")
    STREET = "street", _("街道(乡镇)")
    COMMUNITY = "community", _("社区(村)")
    GRID = "grid", _("网格(小区)")


LEVEL_ORDER = [Level.CITY, Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.GRID]
CHILD_LEVEL = dict(zip(LEVEL_ORDER[:-1], LEVEL_ORDER[1:], strict=True))


class AreaQuerySet(models.QuerySet):
    def subtree(self, area: "Area"):
        """The area and everything under it: one indexed prefix filter on both engines."""
        return self.filter(path__startswith=area.path)

    def under_paths(self, paths):
        q = models.Q(pk__in=[])
        for path in paths:
            q |= models.Q(path__startswith=path)
        return self.filter(q)

    def search(self, q: str):
        if not q:
            return self
        return self.filter(models.Q(name__contains=q) | models.Q(code__startswith=q))


class Area(models.Model):
    """A node of the territorial tree (块块), stored as a materialized path of codes."""

    code = models.CharField(_("区划代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级区域"),
    )
    # "510100000000/510105000000/510105003000/" — every ancestor's code, then this one's.
    path = models.CharField(max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)
    # Urban (街道 / 社区) or rural (镇乡 / 村), read from the statistical name.
    is_urban = models.BooleanField(_("城市街道/社区"), default=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("区域")
        verbose_name_plural = _("区域")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=[c.value for c in Level]), name="area_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        return "".join(a.name for a in self.ancestors(include_self=True)[1:]) or self.name

    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.split("/") if c]

    def ancestors(self, *, include_self: bool = False) -> list["Area"]:
        codes = self.ancestor_codes()
        if not include_self:
            codes = codes[:-1]
        by_code = {a.code: a for a in Area.objects.filter(code__in=codes)}
        return [by_code[c] for c in codes if c in by_code]

    def is_within(self, other: "Area") -> bool:
        return self.path.startswith(other.path)


class FunctionalKind(models.TextChoices):
    NEW_AREA = "new_area", _("国家级新区")
    HI_TECH_ZONE = "hi_tech_zone", _("国家高新区")


class FunctionalArea(models.Model):
    """A functional area (功能区) that the city's reporting counts beside its 区(市)县 — Chengdu's
    四川天府新区成都直管区 and 成都高新区 make its 20 districts 22. It is not a node of the tree: it
    covers real streets, which stay in their territorial districts, so its figures are the sum of
    its streets' figures and are never added to the city's a second time."""

    key = models.SlugField(_("标识"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=20)
    kind = models.CharField(_("类型"), max_length=16, choices=FunctionalKind.choices)
    city = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="functional_areas_of_city",
        verbose_name=_("所属市"),
    )
    streets = models.ManyToManyField(
        Area, related_name="functional_areas", verbose_name=_("管辖街道")
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("功能区")
        verbose_name_plural = _("功能区")

    def __str__(self) -> str:
        return self.short_name
