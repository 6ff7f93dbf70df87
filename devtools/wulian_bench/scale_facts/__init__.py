"""The linkages' facts of the case-scale city (``scale.py`` builds the territory, orgs and people;
these steps add alliances, resources, funds, cases, needs, agreements, meetings, duties and an
evaluation round on top, with ``bulk_create`` inside ``counters.suspended()``)."""

from __future__ import annotations

from wulian_bench.scale_facts.funds import FundSteps
from wulian_bench.scale_facts.governance import GovernanceSteps
from wulian_bench.scale_facts.marks import CITY_CODE, MARK
from wulian_bench.scale_facts.neighbourhood import NeighbourhoodSteps

__all__ = ["CITY_CODE", "MARK", "FactSteps"]


class FactSteps(NeighbourhoodSteps, FundSteps, GovernanceSteps):
    """One method per linkage; mixed into the generator, whose helpers (``bulk``, ``count``,
    ``day``, ``moment``, ``rng``, ``plan``) and territory (``streets``, ``communities``, ``units``,
    ``members``, ``residents``, ``leaders``) they use."""
