"""What a main API token reaches in the CRM now: the main API's answer to GET /auth/access, asked once per request.

Membership, logouts and password changes are the main API's data, and a token's claims are only as fresh as the
token, so the CRM asks rather than trusts them: a member removed or demoted, or a token logged out, is refused here
at the same moment as there."""

from flask import current_app, g

from service_kit.errors import ServiceUnavailable
from service_kit.security import auth_failed

ACCESS_PATH = "/auth/access"
# The main API's refusals of a token, handed on as they are; any other 401 reads as an invalid token.
REFUSALS = {
    "token_revoked": "The token has been revoked; log in again.",
    "token_expired": "The token has expired; log in again.",
    "invalid_token": "The token is invalid; log in again.",
}


def current_access(token: str) -> dict:
    """The main API's answer for token (this request's, asked once): {id, role, name, inbox_studios, client_book};
    401 when the main API refuses the token, 503 when it cannot answer."""
    if "crm_access" not in g:
        g.crm_access = _ask(token)
    return g.crm_access


def _ask(token: str) -> dict:
    """GET /auth/access with the caller's token, through the app's main API client (services.main_api)."""
    answer = current_app.extensions["crm_main_api"].forward("GET", ACCESS_PATH, f"Bearer {token}", [])
    if answer.status == 401:
        error = answer.body.get("error") if isinstance(answer.body, dict) else None
        code = error.get("code") if isinstance(error, dict) else None
        code = code if code in REFUSALS else "invalid_token"
        raise auth_failed(REFUSALS[code], code, reason=f"{code} at the main API")
    if answer.status != 200 or not isinstance(answer.body, dict):
        raise ServiceUnavailable(
            "The main API is not available right now; try again shortly.",
            details={"reason": f"access answered {answer.status}"},
            code="main_api_unavailable",
        )
    return answer.body
