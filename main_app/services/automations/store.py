"""A studio's automations as its staff keep them: made (from a template or from scratch, off), changed while off,
switched on and off, removed; each shown with its figures. Every change is audited."""

from flask import current_app
from sqlalchemy import func, select

from main_app.plumbing import lock
from main_app.services import timers
from main_app.services.studios import Actor, record

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Automation, Studio, utcnow
from .definitions import CALENDAR_TRIGGERS
from .figures import figures_of
from .sweeps import schedule_sweep
from .templates import template

SHAPE = ("name", "trigger", "steps")


def present(automation: Automation, figures: dict | None = None) -> dict:
    """An automation as the API shows it."""
    return {
        "id": automation.id,
        "name": automation.name,
        "template": automation.template,
        "active": automation.active,
        "switched_on_at": automation.switched_on_at,
        "trigger": {"kind": automation.trigger, "days": automation.trigger_days},
        "steps": automation.steps,
        "figures": figures if figures is not None else figures_of([automation.id])[automation.id],
        "created_at": automation.created_at,
        "updated_at": automation.updated_at,
    }


def _audited(automation: Automation) -> dict:
    return {
        "name": automation.name,
        "trigger": automation.trigger,
        "days": automation.trigger_days,
        "steps": len(automation.steps),
        "active": automation.active,
    }


def studio_automations(studio: Studio) -> list[dict]:
    """The studio's automations (not removed), newest first, with their figures (one query for all)."""
    found = db.session.scalars(
        select(Automation)
        .where(Automation.studio_id == studio.id, Automation.removed_at.is_(None))
        .order_by(Automation.id.desc())
    ).all()
    figures = figures_of([automation.id for automation in found])
    return [present(automation, figures[automation.id]) for automation in found]


def find(studio: Studio, automation_id: int) -> Automation:
    """The studio's automation (404 automation_not_found for another studio's, a removed one, or none)."""
    found = db.session.get(Automation, automation_id)
    if found is None or found.studio_id != studio.id or found.removed_at is not None:
        raise api_error("automation_not_found", automation_id=automation_id)
    return found


def make(studio: Studio, actor: Actor, body: dict) -> dict:
    """A new automation, off: from the template body names, or from its name, trigger and steps (409
    too_many_automations past AUTOMATIONS_PER_STUDIO)."""
    shape = template(body["template"]) if body.get("template") else body
    with unit_of_work():
        lock(Studio, [studio.id])  # so two makes count each other
        most = current_app.config["AUTOMATIONS_PER_STUDIO"]
        if _count(studio.id) >= most:
            raise api_error("too_many_automations", most=most)
        now = utcnow()
        automation = Automation(studio_id=studio.id, template=body.get("template"), made_by_id=actor.user_id)
        automation.created_at = automation.updated_at = now
        _shape(automation, shape)
        db.session.add(automation)
        db.session.flush()
        record(studio.id, actor, "automation.created", ("automation", automation.id), None, _audited(automation))
    return present(automation)


def _shape(automation: Automation, body: dict) -> None:
    if "name" in body:
        automation.name = body["name"]
    if "trigger" in body:
        automation.trigger = body["trigger"]["kind"]
        days = body["trigger"].get("days")
        default = CALENDAR_TRIGGERS.get(automation.trigger, (None, None, None))[2]
        automation.trigger_days = days if days is not None else default
    if "steps" in body:
        automation.steps = body["steps"]


def _count(studio_id: int) -> int:
    alive = (Automation.studio_id == studio_id, Automation.removed_at.is_(None))
    return db.session.scalar(select(func.count()).select_from(Automation).where(*alive))


def change(studio: Studio, actor: Actor, automation_id: int, body: dict) -> dict:
    """Change its name, and (while it is off: 409 automation_active) its trigger and steps; switch it on or off."""
    with unit_of_work():
        lock(Studio, [studio.id])  # one change of a studio's automations at a time
        automation = find(studio, automation_id)
        before = _audited(automation)
        if automation.active and body.get("active", True) and ("trigger" in body or "steps" in body):
            raise api_error("automation_active")
        _shape(automation, body)
        if "active" in body and body["active"] != automation.active:
            _switch(automation, body["active"])
        automation.updated_at = utcnow()
        after = _audited(automation)
        action = {True: "automation.switched_on", False: "automation.switched_off"}.get(body.get("active"))
        if before["active"] == after["active"]:
            action = "automation.changed"
        record(studio.id, actor, action, ("automation", automation.id), before, after)
    return present(automation)


def _switch(automation: Automation, on: bool) -> None:
    """On: its people waiting go on, and a calendar trigger's sweep starts; off: all of them wait."""
    automation.active = on
    if not on:
        return
    now = automation.switched_on_at = utcnow()
    timers.schedule(timers.AutomationRun(automation_id=automation.id, due=now))
    if automation.trigger in CALENDAR_TRIGGERS:
        schedule_sweep(automation.id, now)


def remove(studio: Studio, actor: Actor, automation_id: int) -> None:
    """Remove it: off and hidden, its people stopped where they were (its rows stay for the figures' history)."""
    with unit_of_work():
        lock(Studio, [studio.id])
        automation = find(studio, automation_id)
        before = _audited(automation)
        automation.active, automation.removed_at = False, utcnow()
        record(studio.id, actor, "automation.removed", ("automation", automation.id), before, None)
