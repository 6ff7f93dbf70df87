from wulian.core.testing import UrlCase

CASES = [
    UrlCase("notifications:list", action="notification.view"),
    UrlCase("notifications:read_all", action="notification.view", method="post", data=lambda w: {}),
    UrlCase("notifications:bell", action=None),
]
