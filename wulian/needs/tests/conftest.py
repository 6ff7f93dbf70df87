from wulian.core.tests.browser import browser, page, pytest_collection_modifyitems  # noqa: F401
