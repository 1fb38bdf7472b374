"""A studio's automations (automations.manage: its owners and managers, or a token given it): the templates to
start from, its automations with their figures, one made, changed, switched on or off, removed, a preview of who
would enter, and the people in one."""

from main_app.services import automations
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.automations import (
    AutomationChangeSchema,
    AutomationCreateSchema,
    AutomationListSchema,
    AutomationSchema,
    EntryPageSchema,
    EntryQuerySchema,
    PreviewSchema,
    TemplateListSchema,
)
from .staff_doors import acting, studio_guard

blp = Blueprint("automations", __name__, url_prefix="/api/studios/<slug>", description="Automations")
guard = studio_guard(blp)
MANAGE = "automations.manage"


@blp.route("/automations")
@read_only
@guard(MANAGE)
@blp.response(200, AutomationListSchema)
def list_automations():
    """The studio's automations, newest first, each with how many entered, wait, finished, left and booked."""
    return {"items": automations.studio_automations(acting().studio)}


@blp.route("/automations/templates")
@read_only
@guard(MANAGE)
@blp.response(200, TemplateListSchema)
def list_templates():
    """The templates to start from, in the reader's language."""
    return {"items": automations.templates()}


@blp.route("/automations", methods=["POST"])
@guard(MANAGE)
@blp.arguments(AutomationCreateSchema)
@blp.response(201, AutomationSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="too_many_automations")
def make_automation(body):
    """Make an automation, off: from a template, or from a name, trigger and steps."""
    staff = acting()
    return automations.make(staff.studio, staff.actor(), body)


@blp.route("/automations/<id:automation_id>")
@read_only
@guard(MANAGE)
@blp.response(200, AutomationSchema)
def show_automation(automation_id):
    """One automation with its figures."""
    return automations.present(automations.find(acting().studio, automation_id))


@blp.route("/automations/<id:automation_id>", methods=["PATCH"])
@guard(MANAGE)
@blp.arguments(AutomationChangeSchema)
@blp.response(200, AutomationSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="automation_active")
def change_automation(changes, automation_id):
    """Rename it, change its trigger and steps while it is off, or switch it on or off."""
    staff = acting()
    return automations.change(staff.studio, staff.actor(), automation_id, changes)


@blp.route("/automations/<id:automation_id>", methods=["DELETE"])
@guard(MANAGE)
@blp.response(204)
def remove_automation(automation_id):
    """Remove it: nobody goes on in it; its history stays in the figures."""
    staff = acting()
    automations.remove(staff.studio, staff.actor(), automation_id)
    return ""


@blp.route("/automations/<id:automation_id>/preview")
@read_only
@guard(MANAGE)
@blp.response(200, PreviewSchema)
def preview_automation(automation_id):
    """Who would enter now (a calendar trigger), or whom its news reached in the last 30 days."""
    return automations.preview(automations.find(acting().studio, automation_id))


@blp.route("/automations/<id:automation_id>/entries")
@read_only
@guard(MANAGE)
@blp.arguments(EntryQuerySchema, location="query")
@blp.response(200, EntryPageSchema)
def automation_entries(args, automation_id):
    """The people in it, newest first: where each stands."""
    found = automations.find(acting().studio, automation_id)
    return automations.entries(found, args.get("state"), args["page"], args["per_page"])
