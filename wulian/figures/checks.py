"""System checks of the figures registry (``wulian check``, and every ``runserver`` / ``migrate``)."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks

from wulian.figures import registry
from wulian.figures.managers import FactQuerySet


def fact_managers(app_configs: list[AppConfig] | None = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """figures.E001: every manager of a registered model hands out a ``FactQuerySet``, so that
    its ``update()`` and ``bulk_create()`` keep the counters right."""
    errors: list[checks.CheckMessage] = []
    for model in registry.registered_models():
        if app_configs is not None and model._meta.app_config not in app_configs:
            continue
        for manager in model._meta.managers:
            if isinstance(manager.get_queryset(), FactQuerySet):
                continue
            errors.append(checks.Error(
                f"{model._meta.label} feeds the figures counters, but its manager '{manager.name}' "
                "does not return a FactQuerySet: its update() and bulk_create() would leave the "
                "counters wrong.",
                hint="Declare objects = FactManager(), or derive the model's QuerySet from "
                     "wulian.figures.managers.FactQuerySet.",
                obj=model,
                id="figures.E001",
            ))
    return errors
