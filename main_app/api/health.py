"""Liveness and readiness of the main API."""

from sqlalchemy import text

from service_kit.blueprint import Blueprint

from ..extensions import db
from ..models import utcnow
from ..schemas.common import HealthSchema

blp = Blueprint("health", __name__, description="Service health")


@blp.route("/health")
@blp.response(200, HealthSchema)
def health():
    """Report that the API is up and its database answers."""
    db.session.execute(text("SELECT 1"))
    db.session.rollback()
    return {"status": "ok", "service": "main", "time": utcnow()}
