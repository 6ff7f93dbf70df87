from django import template

from wulian.duties.selectors import unconfirmed_holiday_years

register = template.Library()


@register.inclusion_tag("duties/_holiday_warning.html", takes_context=True)
def holiday_warning(context):
    """The duty pages' warning while the current or next year has no confirmed holiday table."""
    from wulian.accounts.rules import has_action

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "years": unconfirmed_holiday_years(),
        "can_manage": user is not None and has_action(user, "holiday.manage"),
    }
