"""A facilitator's events, sessions, series, listings, registrants, options, cancellations, messages."""
