"""Pages of joint meetings (``meetings``), what happens at a meeting (``sessions``) and the
action items its decisions give (``actions``)."""
