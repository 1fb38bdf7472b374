"""A studio's imports, by its owners (studio.import): a client CSV checked in a dry run, then imported and followed;
a studio export of this platform read into an empty studio."""

from flask import request

from main_app.services import imports
from service_kit.blueprint import Blueprint
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.imports import ClientImportBodySchema, ClientImportSchema, ImportCheckSchema, StudioImportSchema
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
    return imports.start_import(staff.studio, staff.actor(), body)


@blp.route("/client-imports/<id:import_id>")
@guard("studio.import")
@blp.response(200, ClientImportSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="import_not_found (another studio's too)")
def import_status(import_id):
    """How far the import is, and what its rows came to."""
    return imports.client_import(acting().studio.id, import_id)


ZIP_BODY = {"required": True, "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}


@blp.route("/studio-imports", methods=["POST"])
@guard("studio.import")
@limited
@blp.doc(requestBody=ZIP_BODY)
@blp.response(202, StudioImportSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="studio_not_empty (it has events or passes), import_running")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many files recently; see Retry-After")
def start_studio_import():
    """Read a studio export of this platform (the ZIP as the body, up to STUDIO_IMPORT_MAX_BYTES) into this empty
    studio: its clients found by email or made, everything else written anew, the staff it names become you. 400
    import_file_invalid for any other file. Written a step at a time; a row that cannot be written undoes it all."""
    staff = acting()
    actor = staff.actor()
    return imports.start_studio_import(staff.studio, actor, request.stream)


@blp.route("/studio-imports/<id:studio_import_id>")
@guard("studio.import")
@blp.response(200, StudioImportSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="import_not_found (another studio's too)")
def studio_import_status(studio_import_id):
    """How far the studio import is, and the rows each file gave."""
    return imports.studio_import(acting().studio.id, studio_import_id)
