from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "wulian.funds"
    label = "funds"
    verbose_name = _("专项资金")
    menu = [
        {
            "label": _("专项资金"),
            "url": "funds:fund_list",
            "icon": "cash-coin",
            "action": "fund.view",
            "group": _("组织联建"),
        },
        {
            "label": _("资金拨付"),
            "url": "funds:allocation_list",
            "icon": "send",
            "action": "fund.view",
            "group": _("组织联建"),
        },
        {
            "label": _("惠民项目"),
            "url": "funds:project_list",
            "icon": "kanban",
            "action": "project.view",
            "group": _("组织联建"),
        },
        {
            "label": _("公共服务设施"),
            "url": "funds:facility_list",
            "icon": "shop",
            "action": "project.view",
            "group": _("组织联建"),
        },
        {
            "label": _("资金统计"),
            "url": "funds:report",
            "icon": "bar-chart",
            "action": "fund.view",
            "group": _("组织联建"),
        },
    ]
