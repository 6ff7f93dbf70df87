"""Pages of the needs menu: resident pages (phone-first, ``residents``), the provider's menu and
actions (``providers``), the staff list, 代办 and community registration (``staff``) and the
compensation ledger (``ledger``). Thin: every change goes through ``services``, every read
through ``selectors``."""
