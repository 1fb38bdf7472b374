"""/api/admin/studios/<slug>/reconciliation: platform admins compare a studio's client book in the CRM with the main
API's own records (the command crm-reconcile does the same from a shell)."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLE_ADMIN
from ..schemas.admin import ReconciliationQuerySchema, ReconciliationSchema
from ..security import role_required
from ..services import crm

blp = Blueprint(
    "admin_reconciliation", __name__, url_prefix="/api/admin", description="Platform admins: the CRM's client book"
)


@blp.route("/studios/<slug>/reconciliation")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_ADMIN)
@blp.arguments(ReconciliationQuerySchema, location="query")
@blp.response(200, ReconciliationSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="not a platform admin")
@blp.alt_response(404, schema=APIErrorSchema, description="studio_not_found")
@blp.alt_response(503, schema=APIErrorSchema, description="crm_unavailable")
def reconcile(args, slug):
    """Each client's bookings, visits, no-shows, late cancels, credits left, spend and refunds per currency in the
    CRM against the main API's records: counts of clients and differences, and the first `limit` differences."""
    return crm.reconcile_studio(slug, current_app.config, args["limit"])
