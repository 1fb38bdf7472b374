"""/auth: register, log in, who am I."""
from flask import current_app
from flask_jwt_extended import current_user, jwt_required

from ..services import auth as auth_service
from ..schemas.auth import LoginSchema, RegisterSchema, TokenSchema, UserSchema
from ..schemas.common import APIErrorSchema
from ..security import issue_token
from .blueprint import BEARER, Blueprint

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and tokens")


def _token_response(user) -> dict:
    expires = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {"access_token": issue_token(user), "token_type": "Bearer", "expires_in": int(expires.total_seconds()), "user": user}


@blp.route("/register", methods=["POST"])
@blp.arguments(RegisterSchema)
@blp.response(201, TokenSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema)
def register(body):
    """Create a user account and return a token for it."""
    user = auth_service.register_user(body["name"], body["email"], body["password"], body.get("username"))
    return _token_response(user)


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginSchema)
@blp.response(200, TokenSchema)
@blp.alt_response(401, schema=APIErrorSchema)
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
