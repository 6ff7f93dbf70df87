"""The OpenAPI schema tells clients the truth: one component per name (two apps' ``Category`` no
longer overwrite each other), every operation declares its error answers, and times of day are
described as the API sends them."""

import enum
import inspect
import sys
from collections import defaultdict

from wulian.api import ERROR_RESPONSES, api


def test_component_names_are_unique_across_apps():
    from ninja import Schema

    schema = api.get_openapi_schema()
    components = set(schema["components"]["schemas"])
    modules_by_name = defaultdict(set)
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("wulian.") or not (
            module_name.endswith((".api", ".models")) or ".api." in module_name
        ):
            continue  # an app's API split into a package keeps its schemas in ``api/schemas.py``
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Schema | enum.Enum)
                and obj.__module__.startswith("wulian")
                and obj.__name__ in components
            ):
                modules_by_name[obj.__name__].add(obj.__module__)
    assert {name: mods for name, mods in modules_by_name.items() if len(mods) > 1} == {}
    assert {"CaseCategory", "NeedCategory"} <= components


def test_every_operation_declares_its_error_answers():
    schema = api.get_openapi_schema()
    missing = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not set(ERROR_RESPONSES) <= set(operation["responses"])
    ]
    assert missing == []
    assert schema["components"]["schemas"]["Error"]["required"] == ["message"]


def test_times_of_day_are_partial_times():
    hours = api.get_openapi_schema()["components"]["schemas"]["HoursSchema"]["properties"]["start"]
    assert (hours["format"], hours["pattern"]) == (
        "partial-time",
        r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
    )
