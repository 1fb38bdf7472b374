"""GET /health: is the service up and its store usable."""

import datetime as dt
import logging

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.errors import ServiceUnavailable
from service_kit.schemas import APIErrorSchema

from ..schemas import HealthSchema
from ..storage import StoreUnavailable, get_store

log = logging.getLogger(__name__)

blp = Blueprint("health", __name__, description="Service health.")


@blp.route("/health", methods=["GET"])
@blp.response(200, HealthSchema)
@blp.alt_response(
    503, schema=APIErrorSchema, description="service_unavailable: the store is not usable (details.status: degraded)."
)
def health():
    """Report the service status and the store in use."""
    storage = current_app.config["CRM_STORAGE"]
    try:
        get_store(current_app).check()
    except StoreUnavailable as exc:
        log.error("health check failed: store %s unusable: %s", storage, exc)
        raise ServiceUnavailable(
            "The notification store is not usable.",
            details={"status": "degraded", "service": "crm", "storage": storage},
        ) from None
    return {"status": "ok", "service": "crm", "storage": storage, "time": dt.datetime.now(dt.UTC)}
