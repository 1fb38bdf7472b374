"""A studio's export: asked for and followed by its owners (studio.export), taken once through its link."""

from flask import request, send_file

from main_app.services import exports
from service_kit.blueprint import Blueprint
from service_kit.rate_limits import configured_limit
from service_kit.schemas import APIErrorSchema

from ..extensions import limiter
from ..schemas.auth import TokenQuerySchema
from ..schemas.exports import ExportSchema
from .staff_doors import acting, studio_guard

shop = Blueprint(
    "studio_exports", __name__, url_prefix="/api/studios/<slug>", description="A studio's exports of all it holds"
)
guard = studio_guard(shop)
public = Blueprint("export_downloads", __name__, description="Taking a studio's export through its one-use link")
blps = (shop, public)


@shop.route("/exports", methods=["POST"])
@guard("studio.export")
@configured_limit(
    limiter,
    "RATELIMIT_STUDIO_EXPORT",
    "This studio was exported several times recently; try again in {seconds} second{s}.",
    key_func=lambda: f"studio-export:{request.view_args['slug']}",
)
@shop.response(202, ExportSchema)
@shop.alt_response(429, schema=APIErrorSchema, description="Too many exports recently; see Retry-After")
def start_export():
    """Export everything the studio holds as CSV files and a manifest in one ZIP (docs/export-format.md): written in
    steps, followed here; the answer's download_url works once, until expires_at."""
    staff = acting()
    return exports.start_export(staff.studio.id, staff.actor())


@shop.route("/exports/<id:export_id>")
@guard("studio.export")
@shop.response(200, ExportSchema)
@shop.alt_response(404, schema=APIErrorSchema, description="export_not_found (another studio's too)")
def export_status(export_id):
    """How far the export is: rows written of the rows counted, and ready or not."""
    return exports.studio_export(acting().studio.id, export_id)


@public.route("/exports/<id:export_id>/download")
@public.arguments(TokenQuerySchema, location="query")
@public.response(200, content_type="application/zip", description="The ZIP")
@public.alt_response(404, schema=APIErrorSchema, description="export_not_found: no such export, or not its token")
@public.alt_response(409, schema=APIErrorSchema, description="export_not_ready")
@public.alt_response(410, schema=APIErrorSchema, description="export_link_used, export_link_expired")
def download_export(args, export_id):
    """The export's ZIP, once: the link is spent by this request, and the file deleted after it."""
    path = exports.take_download(export_id, args["token"])
    answer = send_file(path, mimetype="application/zip", as_attachment=True, download_name=path.name)
    answer.headers["Cache-Control"] = "no-store"
    answer.call_on_close(lambda: path.unlink(missing_ok=True))
    return answer
