"""The main API tests' after-test checks, autouse for these tests only (their fixtures are in tests/plugins)."""

# Imported fixtures belong to this conftest's directory: pytest runs them after every test under tests/main_app.
from plugins.after_test_checks import (  # noqa: F401
    checked_in_stays_booked,
    ledger_agrees,
    money_adds_up,
    option_seats_agree,
    revenue_agrees,
    tallies_agree,
)
