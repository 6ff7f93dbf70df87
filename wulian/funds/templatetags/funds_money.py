from django import template

from wulian.funds.money import rmb_upper, wan_yuan, yuan

register = template.Library()
register.filter("yuan", yuan)
register.filter("wan_yuan", wan_yuan)
register.filter("rmb_upper", rmb_upper)
