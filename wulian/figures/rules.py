from wulian.accounts.rules import ADMINS, STAFF, register

register(
    {
        "figures.view": STAFF,
        "figures.export": STAFF,
        "figures.share_screen": ADMINS,
    }
)
