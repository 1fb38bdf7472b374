"""/api/admin/studios and /api/admin/users: what platform admins read to make any account a studio's owner (the
making itself is POST /api/admin/studios/<slug>/owners, with the studios routes)."""

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLE_ADMIN
from ..schemas.admin import AdminStudioPageSchema, AdminStudiosQuerySchema, AdminUserListSchema, AdminUsersQuerySchema
from ..security import role_required
from ..services import studios

blp = Blueprint("admin_studios", __name__, url_prefix="/api/admin", description="Platform admins: studios, accounts")


@blp.route("/studios")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_ADMIN)
@blp.arguments(AdminStudiosQuerySchema, location="query")
@blp.response(200, AdminStudioPageSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="not a platform admin")
def list_studios(args):
    """Platform admins: every studio by name (closed ones too), with its owners and how many members it has."""
    page = studios.all_studios(args["q"], args["page"], args["per_page"])
    return {"items": page.items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}


@blp.route("/users")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_ADMIN)
@blp.arguments(AdminUsersQuerySchema, location="query")
@blp.response(200, AdminUserListSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="not a platform admin")
def find_users(args):
    """Platform admins: accounts whose email or name holds q, by email, at most limit (25)."""
    return {"items": studios.find_accounts(args["q"], args["limit"])}
