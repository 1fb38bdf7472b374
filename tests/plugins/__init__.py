"""The tests' fixtures by concern, registered as pytest plugins in tests/conftest.py (Indico's testing/fixtures)."""
