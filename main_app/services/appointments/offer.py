"""What a studio offers as private sessions, as its staff keep it: the services (who gives each), every teacher's
hours and exceptions, and the booking window. Each change is one unit of work; another studio's ids are 404s."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    Event,
    Studio,
    StudioMember,
    TeacherException,
    TeacherHours,
    User,
    utcnow,
)
from .availability import DEFAULT_RULES, rules_of
from .booking import private_event

SERVICE_FIELDS = ("name", "description", "duration_minutes", "buffer_before_minutes", "buffer_after_minutes")
SERVICE_FIELDS += ("price", "credits", "location", "online", "active")
RULE_FIELDS = ("min_notice_minutes", "max_days_ahead", "cancel_hours")


def service_document(service: AppointmentService) -> dict:
    """A service as the API shows it, with its teachers by name."""
    teachers = db.session.execute(
        select(User.id, User.name)
        .join(AppointmentServiceTeacher, AppointmentServiceTeacher.user_id == User.id)
        .where(AppointmentServiceTeacher.service_id == service.id)
        .order_by(User.name, User.id)
    )
    found = {name: getattr(service, name) for name in SERVICE_FIELDS}
    currency = db.session.get(Studio, service.studio_id).currency
    return {"id": service.id, **found, "currency": currency, "teachers": [{"id": t, "name": n} for t, n in teachers]}


def studio_services(studio: Studio, active_only: bool = False) -> list[dict]:
    """The studio's services, by name; active_only: those taking bookings."""
    query = select(AppointmentService).where(AppointmentService.studio_id == studio.id)
    if active_only:
        query = query.where(AppointmentService.active.is_(True))
    return [
        service_document(s) for s in db.session.scalars(query.order_by(AppointmentService.name, AppointmentService.id))
    ]


def service_of(studio: Studio, service_id: int, taking_bookings: bool = False) -> AppointmentService:
    """The studio's service with this id (taking_bookings: not retired); 404 appointment_service_not_found for any
    other."""
    service = db.session.get(AppointmentService, service_id)
    if service is None or service.studio_id != studio.id or (taking_bookings and not service.active):
        raise api_error("appointment_service_not_found")
    return service


def create_service(studio: Studio, body: dict) -> dict:
    """A new service, with its teachers (each a member of the studio, else 422 teacher_not_member)."""
    with unit_of_work(keep_loaded=True):
        service = AppointmentService(studio_id=studio.id, **{k: body[k] for k in SERVICE_FIELDS if k in body})
        db.session.add(service)
        db.session.flush()
        service.event_id = private_event(service, utcnow())  # its bookings' sessions are this event's
        _set_teachers(studio, service, body.get("teachers", []))
    return service_document(service)


def edit_service(studio: Studio, service_id: int, body: dict) -> dict:
    """Change a service's fields and, when given, its teachers; its appointments made stay as they were."""
    with unit_of_work(keep_loaded=True):
        service = service_of(studio, service_id)
        for name in SERVICE_FIELDS:
            if name in body:
                setattr(service, name, body[name])
        service.updated_at = utcnow()
        if service.event_id is not None:  # its private event is named and described as it is
            event = db.session.get(Event, service.event_id)
            event.title, event.description = service.name, service.description
        if "teachers" in body:
            _set_teachers(studio, service, body["teachers"])
    return service_document(service)


def _set_teachers(studio: Studio, service: AppointmentService, teachers: list[int]) -> None:
    wanted = sorted(set(teachers))
    members = set(
        db.session.scalars(
            select(StudioMember.user_id).where(StudioMember.studio_id == studio.id, StudioMember.user_id.in_(wanted))
        )
    )
    if strangers := [one for one in wanted if one not in members]:
        raise api_error("teacher_not_member.service", user_id=strangers[0])
    db.session.execute(delete(AppointmentServiceTeacher).where(AppointmentServiceTeacher.service_id == service.id))
    db.session.add_all(AppointmentServiceTeacher(service_id=service.id, user_id=one) for one in wanted)


def rules_document(studio: Studio) -> dict:
    """The studio's booking window."""
    rules = rules_of(studio.id)
    return {name: getattr(rules, name) for name in RULE_FIELDS}


def set_rules(studio: Studio, body: dict) -> dict:
    """Change the studio's booking window (the defaults for what it never set)."""
    with unit_of_work():
        rules = db.session.get(AppointmentRules, studio.id)
        if rules is None:
            rules = AppointmentRules(studio_id=studio.id, **{n: getattr(DEFAULT_RULES, n) for n in RULE_FIELDS})
            db.session.add(rules)
        for name in RULE_FIELDS:
            if name in body:
                setattr(rules, name, body[name])
        # The services' private events refund and credit back by the rule: bookings cancelled from now on follow it.
        hours = rules.cancel_hours
        private = (Event.studio_id == studio.id, Event.private.is_(True))
        db.session.execute(update(Event).where(*private).values(refund_until_hours=hours, late_cancel_hours=hours))
    return rules_document(studio)


def hours_document(studio: Studio, user_id: int) -> dict:
    """A member's weekly hours and exceptions at the studio (exceptions from today on), in order; 404
    teacher_not_member for anyone else."""
    _member(studio, user_id)
    hours = db.session.scalars(
        select(TeacherHours)
        .where(TeacherHours.studio_id == studio.id, TeacherHours.user_id == user_id)
        .order_by(TeacherHours.weekday, TeacherHours.starts)
    )
    today = datetime.now(studio_zone(studio)).date()
    changes = db.session.scalars(
        select(TeacherException)
        .where(TeacherException.studio_id == studio.id, TeacherException.user_id == user_id)
        .where(TeacherException.day >= today)
        .order_by(TeacherException.day, TeacherException.starts)
    )
    return {
        "user_id": user_id,
        "hours": [{"weekday": h.weekday, "starts": h.starts, "ends": h.ends} for h in hours],
        "exceptions": [{"day": c.day, "kind": c.kind, "starts": c.starts, "ends": c.ends} for c in changes],
    }


def set_hours(studio: Studio, user_id: int, body: dict) -> dict:
    """Replace a member's weekly hours and their exceptions from today on (past ones stay as history)."""
    with unit_of_work():
        _member(studio, user_id)
        mine = (TeacherHours.studio_id == studio.id, TeacherHours.user_id == user_id)
        db.session.execute(delete(TeacherHours).where(*mine))
        today = datetime.now(studio_zone(studio)).date()
        db.session.execute(
            delete(TeacherException).where(
                TeacherException.studio_id == studio.id,
                TeacherException.user_id == user_id,
                TeacherException.day >= today,
            )
        )
        db.session.add_all(TeacherHours(studio_id=studio.id, user_id=user_id, **one) for one in body["hours"])
        db.session.add_all(
            TeacherException(studio_id=studio.id, user_id=user_id, **one)
            for one in body["exceptions"]
            if one["day"] >= today
        )
    return hours_document(studio, user_id)


def _member(studio: Studio, user_id: int) -> None:
    found = select(StudioMember.user_id).where(StudioMember.studio_id == studio.id, StudioMember.user_id == user_id)
    if db.session.scalar(found) is None:
        raise api_error("teacher_not_member", user_id=user_id)


def studio_zone(studio: Studio) -> ZoneInfo:
    """The studio's clock."""
    return ZoneInfo(studio.timezone)
