"""The permission matrix's rows for the 党群服务中心: pages and API. Targets (demo): the centres of
西华门社区 (西御河街道, 青羊区) and 黉门街社区 (玉林街道, 武侯区)."""

from wulian.centres.models import Centre
from wulian.web.demo import HONGMENJIE, XIHUAMEN
from wulian.web.testing import Target, UrlCase


def _centres(world) -> list[Centre]:
    return list(
        Centre.objects.select_related("community")
        .filter(community__code__in=[XIHUAMEN, HONGMENJIE])
        .order_by("community__code")
    )


def _targets(world) -> list[Target]:
    return [Target({"pk": c.pk}, area=c.community) for c in _centres(world)]


def _services(world) -> list[Target]:
    return [
        Target({"pk": c.pk, "service_pk": c.services.first().pk}, area=c.community)
        for c in _centres(world)
    ]


def _resources(world) -> list[Target]:
    return [
        Target({"pk": c.pk, "resource_pk": c.resources.first().pk}, area=c.community)
        for c in _centres(world)
    ]


CASES = [
    UrlCase("centres:list", action="centre.view", expect=200),
    UrlCase("centres:create", action="centre.manage", expect=200),
    UrlCase(
        "centres:create",
        action="centre.manage",
        method="post",
        data=lambda w: {"name": ""},
        expect=200,
    ),
    UrlCase("centres:detail", action="centre.view", targets=_targets, expect=200),
    UrlCase("centres:edit", action="centre.manage", targets=_targets, expect=200),
    UrlCase(
        "centres:service_add",
        action="centre.manage",
        method="post",
        targets=_targets,
        data=lambda w: {"name": ""},
        expect=400,
    ),
    UrlCase(
        "centres:service_delete",
        action="centre.manage",
        method="post",
        targets=_services,
        expect=302,
    ),
    UrlCase(
        "centres:resource_link",
        action="centre.manage",
        method="post",
        targets=_targets,
        data=lambda w: {},
        expect=400,
    ),
    UrlCase(
        "centres:resource_unlink",
        action="centre.manage",
        method="post",
        targets=_resources,
        expect=302,
    ),
    UrlCase("api:centre_list", action="centre.view", api=True, expect=200),
    UrlCase(
        "api:centre_create",
        action="centre.manage",
        api=True,
        method="post",
        data=lambda w: {"community": XIHUAMEN, "name": "", "address": ""},
        expect=422,
    ),
    UrlCase("api:centre_detail", action="centre.view", api=True, targets=_targets, expect=200),
    UrlCase(
        "api:centre_update",
        action="centre.manage",
        api=True,
        method="put",
        targets=_targets,
        data=lambda w: {"name": "", "address": ""},
        expect=422,
    ),
    UrlCase("api:centre_public", action="centre.view", api=True, targets=_targets, expect=200),
    UrlCase(
        "api:centre_service_add",
        action="centre.manage",
        api=True,
        method="post",
        targets=_targets,
        data=lambda w: {"name": ""},
        expect=422,
    ),
    UrlCase(
        "api:centre_service_delete",
        action="centre.manage",
        api=True,
        method="delete",
        targets=_services,
        expect=204,
    ),
    UrlCase(
        "api:centre_resource_link",
        action="centre.manage",
        api=True,
        method="post",
        targets=_targets,
        data=lambda w: {"resource": 999_999_999},
        expect=422,
    ),
    UrlCase(
        "api:centre_resource_unlink",
        action="centre.manage",
        api=True,
        method="delete",
        targets=_resources,
        expect=204,
    ),
]
