from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "wulian.assessments"
    label = "assessments"
    verbose_name = _("政绩考核与述职评议")
    menu = [
        {
            "label": _("政绩考核"),
            "url": "assessments:list",
            "icon": "clipboard-data",
            "action": "assessment.view",
            "group": _("责任联动"),
        },
        {
            "label": _("书记述职评议"),
            "url": "assessments:reports",
            "icon": "journal-text",
            "action": "work_report.view",
            "group": _("责任联动"),
        },
    ]
