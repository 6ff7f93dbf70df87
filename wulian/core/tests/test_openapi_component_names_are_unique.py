"""Every OpenAPI component name stands for one schema (issue 16, defect 9: `Category` and
`ResultOut` of different apps overwrote each other, so clients got wrong enums)."""

import json

from ninja.openapi.schema import OpenAPISchema


def test_no_component_name_is_used_by_two_different_schemas(monkeypatch):
    from wulian.api import api

    seen: dict[str, str] = {}
    clashes: set[str] = set()
    original = OpenAPISchema.add_schema_definitions

    def record(self, definitions):
        for name, schema in definitions.items():
            text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
            if seen.setdefault(name, text) != text:
                clashes.add(name)
        return original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", record)
    schema = api.get_openapi_schema()
    assert ", ".join(sorted(clashes)) == ""
    # Every component but the shared error answer (declared once by the API itself) came through.
    assert set(schema["components"]["schemas"]) - set(seen) == {"Error"}
