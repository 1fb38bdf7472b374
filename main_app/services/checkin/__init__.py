"""The day of a session: check-in codes, the roster, check-ins."""
