"""Every change to funds, allocations, projects and facilities, split by subject: ``funds`` (funds,
their sources, allocations to communities and returns) and ``projects`` (projects, their
spending, and the facilities they build). Each movement of money is a ledger entry written in
the same locked transaction as the check that allows it: the fund row is locked for an
allocation, the allocation row for spending (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
IMMEDIATE transaction serialises writers)."""

from wulian.funds.services.funds import (
    add_fund_source,
    allocate,
    community_party_org,
    correct_receipt,
    create_fund,
    return_allocation,
)
from wulian.funds.services.projects import (
    advance_project,
    correct_spending,
    create_facility,
    create_project,
    record_spending,
)

__all__ = [
    "add_fund_source",
    "advance_project",
    "allocate",
    "community_party_org",
    "correct_receipt",
    "correct_spending",
    "create_facility",
    "create_fund",
    "create_project",
    "record_spending",
    "return_allocation",
]
