"""A studio's client imports: a CSV checked in a dry run, then imported and followed, by its owners (studio.import)."""

from flask import request

from main_app.services import imports, studios
from service_kit.blueprint import Blueprint
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.imports import ClientImportBodySchema, ClientImportSchema, ImportCheckSchema
from .staff_doors import acting, studio_guard

blp = Blueprint("client_imports", __name__, url_prefix="/api/studios/<slug>", description="A studio's client imports")
guard = studio_guard(blp)
limited = configured_limit(
    limiter,
    "RATELIMIT_CLIENT_IMPORT",
    "Several client files were sent for this studio recently; try again in {seconds} second{s}.",
    key_func=lambda: f"client-import:{request.view_args['slug']}",
)
FILE_ERRORS = "import_file_invalid (no header row, too many rows), import_mapping_invalid (a column it lacks, no email)"


@blp.route("/client-imports/dry-run", methods=["POST"])
@guard("studio.import")
@limited
@blp.arguments(ClientImportBodySchema)
@blp.response(200, ImportCheckSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many files recently; see Retry-After")
def check_file(body):
    """What importing the file would do, nothing written: the mapping used (the source's ready one unless given),
    the counts, and an error per row (bad email, bad phone, unknown pass, a date passed...)."""
    return imports.dry_run(acting().studio, body)


@blp.route("/client-imports", methods=["POST"])
@guard("studio.import")
@limited
@blp.arguments(ClientImportBodySchema)
@blp.response(202, ClientImportSchema)
@blp.alt_response(429, schema=APIErrorSchema, description="Too many files recently; see Retry-After")
def start_import(body):
    """Import the file's rows that pass (as the dry run shows them): clients found by email or made, added to the
    studio's clients, their pass balances opened once. Written a step at a time; a second run changes nothing."""
    staff = acting()
    return imports.start_import(staff.studio, studios.Actor(staff.user.id, staff.studio_role, staff.remote_addr), body)


@blp.route("/client-imports/<id:import_id>")
@guard("studio.import")
@blp.response(200, ClientImportSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="import_not_found (another studio's too)")
def import_status(import_id):
    """How far the import is, and what its rows came to."""
    return imports.studio_import(acting().studio.id, import_id)
