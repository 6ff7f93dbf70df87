"""System check figures.E001: a registered fact model whose manager does not hand out a
FactQuerySet is named, since its update() and bulk_create() would leave the counters wrong."""

from django.apps import apps
from django.core import checks

from wulian.figures import registry
from wulian.figures.checks import fact_managers
from wulian.figures.managers import FactQuerySet
from wulian.figures.models import Counter

COUNTER_ERROR = checks.Error(
    "figures.Counter feeds the figures counters, but its manager 'objects' does not return a "
    "FactQuerySet: its update() and bulk_create() would leave the counters wrong.",
    hint="Declare objects = FactManager(), or derive the model's QuerySet from "
         "wulian.figures.managers.FactQuerySet.",
    obj=Counter,
    id="figures.E001",
)


def _register_counter(monkeypatch) -> None:
    """Register a model with a plain manager for one test (the registry is put back after)."""
    monkeypatch.setitem(registry._REGISTRY, Counter, [registry.Registration(model=Counter, area="area", facts=dict)])


def test_every_registered_model_writes_through_a_fact_queryset():
    assert [m._meta.label for m in registry.registered_models()
            if not isinstance(m._default_manager.get_queryset(), FactQuerySet)] == []
    assert fact_managers() == []


def test_a_registered_model_with_a_plain_manager_is_named(monkeypatch):
    _register_counter(monkeypatch)

    assert fact_managers() == [COUNTER_ERROR]
    assert COUNTER_ERROR in checks.run_checks(tags=[checks.Tags.models])


def test_the_check_looks_only_at_the_apps_it_is_given(monkeypatch):
    _register_counter(monkeypatch)

    assert fact_managers(app_configs=[apps.get_app_config("orgs")]) == []
    assert fact_managers(app_configs=[apps.get_app_config("figures")]) == [COUNTER_ERROR]
