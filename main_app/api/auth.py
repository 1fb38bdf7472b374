"""/auth: register, log in, who am I."""

from flask import current_app
from flask_jwt_extended import current_user, get_jwt, jwt_required

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.auth import LoginSchema, RegisterSchema, TokenSchema, UserSchema
from ..security import issue_token
from ..services import auth as auth_service

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and tokens")


def _token_response(user) -> dict:
    expires = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {
        "access_token": issue_token(user),
        "token_type": "Bearer",
        "expires_in": int(expires.total_seconds()),
        "user": user,
    }


def _limit(setting: str):
    """The limit configured under setting, for one route."""
    return configured_limit(
        limiter, setting, "Too many attempts from this address; wait for Retry-After seconds and try again."
    )


@blp.route("/register", methods=["POST"])
@_limit("RATELIMIT_REGISTER")  # above the body parsing: malformed attempts count too
@blp.arguments(RegisterSchema)
@blp.response(201, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many attempts from this address; see Retry-After")
def register(body):
    """Create a user account and return a token for it."""
    user = auth_service.register_user(body["name"], body["email"], body["password"], body.get("username"))
    return _token_response(user)


@blp.route("/login", methods=["POST"])
@_limit("RATELIMIT_LOGIN")
@blp.arguments(LoginSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many attempts from this address; see Retry-After")
def login(body):
    """Exchange email or username and password for a token."""
    identifier = body.get("email") or body.get("username") or body.get("login")
    user = auth_service.authenticate(identifier, body["password"])
    return _token_response(user)


@blp.route("/me")
@blp.doc(security=BEARER)
@blp.response(200, UserSchema)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def me():
    """The account behind the token."""
    return current_user


@blp.route("/logout", methods=["POST"])
@blp.doc(security=BEARER)
@blp.response(204)
@blp.alt_response(401, schema=APIErrorSchema)
@jwt_required()
def logout():
    """End this token: any later request with it gets 401 token_revoked (other sessions stay signed in)."""
    claims = get_jwt()
    auth_service.revoke_token(claims["jti"], current_user.id, claims["exp"])
    return None
