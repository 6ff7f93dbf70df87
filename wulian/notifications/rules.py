from wulian.accounts.rules import EVERYONE_BUSINESS, register

register({"notification.view": EVERYONE_BUSINESS})
