from wulian.accounts.rules import STAFF, register

register({
    "area.view": STAFF,
    "area.create_grid": STAFF,
})
