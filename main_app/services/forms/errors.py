"""The 400 a form's service gives for a field of a body it checks against stored rows."""

from service_kit.errors import ValidationFailed

from ..languages import gettext


def invalid(field: str, why: str) -> ValidationFailed:
    """validation_error naming field, with why."""
    return ValidationFailed(gettext("Invalid input: %(fields)s.", fields=field), details={field: [why]})
