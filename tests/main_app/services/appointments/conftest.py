"""A studio with a member in each role (the studio tests' make_team), for its private sessions."""

from tests.main_app.services.studios.conftest import make_team  # noqa: F401  (a fixture, used by name)
