"""The day of a session: check-in codes, the roster, check-ins, walk-ins, no-shows, feedback, reports."""
