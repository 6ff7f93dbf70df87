"""Pages of monthly dispatches and their criticisms (``dispatches``), the rectifications they
order (``rectifications``), and inspections, inquiries and an org's record (``oversight``)."""
