"""An invitation's link: itsdangerous signs the invitation's id and nonce with SECRET_KEY (its own salt, so no other
token passes for one) and the signature's age says when it expires; the row says whether it is still open."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from main_app.services.common import TokenRefused

INVITATION_SECONDS = 7 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    # "~", not ".", between the parts: the token ends the web app's path /invitations/<token>, where a dot would make
    # it read as a file name (the web app's server answers 404 for a missing file).
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt="studio-invitation", signer_kwargs={"sep": "~"}
    )


def invitation_token(invitation_id: int, nonce: str) -> str:
    """The token of the link to this invitation."""
    return _serializer().dumps({"i": invitation_id, "n": nonce})


def invitation_claims(token: str) -> tuple[int, str]:
    """(invitation id, nonce) of a token; TokenRefused("expired") after seven days, TokenRefused("invalid") else."""
    try:
        claims = _serializer().loads(token, max_age=INVITATION_SECONDS)
    except SignatureExpired:
        raise TokenRefused("expired") from None
    except BadSignature:
        raise TokenRefused("invalid") from None
    if not isinstance(claims, dict):
        raise TokenRefused("invalid")
    invitation_id, nonce = claims.get("i"), claims.get("n")
    if not (isinstance(invitation_id, int) and not isinstance(invitation_id, bool) and 0 < invitation_id < 2**31):
        raise TokenRefused("invalid")
    if not (isinstance(nonce, str) and 0 < len(nonce) <= 32):
        raise TokenRefused("invalid")
    return invitation_id, nonce


def accept_url(invitation_id: int, nonce: str) -> str:
    """The web app's page of the invitation."""
    return f"{current_app.config['PUBLIC_WEB_URL']}/invitations/{invitation_token(invitation_id, nonce)}"
