"""Every change to dispatches, criticisms, rectifications, inspections and inquiries.

Split by subject: ``dispatches`` (monthly dispatches and corrections), ``rectifications`` and
``oversight`` (inspections and inquiries); ``common`` holds what they share. Import from here.
"""

from wulian.dispatches.services.common import PUBLISHED_REFUSAL, previous_month
from wulian.dispatches.services.dispatches import (
    add_criticism,
    dispatch_pdf_context,
    generate_monthly_dispatch,
    is_party_document,
    publish_dispatch,
    remove_criticism,
    render_dispatch_pdf,
    start_correction,
    update_dispatch,
)
from wulian.dispatches.services.oversight import (
    add_finding,
    create_inspection,
    decide_inquiry,
    record_inspection,
    reply_inquiry,
    send_inquiry,
)
from wulian.dispatches.services.rectifications import (
    escalate_overdue_rectifications,
    report_rectification,
    verify_rectification,
)

__all__ = [
    "PUBLISHED_REFUSAL",
    "add_criticism",
    "add_finding",
    "create_inspection",
    "decide_inquiry",
    "dispatch_pdf_context",
    "escalate_overdue_rectifications",
    "generate_monthly_dispatch",
    "is_party_document",
    "previous_month",
    "publish_dispatch",
    "record_inspection",
    "remove_criticism",
    "render_dispatch_pdf",
    "reply_inquiry",
    "report_rectification",
    "send_inquiry",
    "start_correction",
    "update_dispatch",
    "verify_rectification",
]
