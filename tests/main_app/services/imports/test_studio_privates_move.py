"""A studio's privates move with it: its private services and the privates booked (their sessions and bookings with
the rest) are in its export and read back into an empty studio of another install, where exporting again gives the
same rows; the teacher, who is of the team and not in the export, is the importing owner there."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from plugins.main_api import TEST_SETTINGS
from sqlalchemy import select
from studio_moves import balanced, canonical, export

from main_app import create_app
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import (
    ROLE_FACILITATOR,
    Appointment,
    AppointmentRules,
    AppointmentService,
    AppointmentServiceTeacher,
    EventSession,
    Studio,
    TeacherHours,
    User,
)
from main_app.services import studios
from main_app.services.imports import restore_studio

pytestmark = pytest.mark.both_databases
KOLKATA = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def app(make_app, tmp_path, real_crm):
    return make_app(EXPORT_CHUNK_ROWS=2, EXPORTS_DIR=str(tmp_path / "exports"), CRM_BASE_URL=real_crm().url)


@pytest.fixture
def moved(db_backend, make_database_url, tmp_path, app):
    """The install the studio moves to: its own database, exports in their own folder."""
    url = make_database_url(db_backend, "moved", template="main")
    settings = {"EXPORTS_DIR": str(tmp_path / "moved-exports"), "CRM_BASE_URL": app.config["CRM_BASE_URL"]}
    moved = create_app(
        {**TEST_SETTINGS, **settings, "MAIL_FOLDER": str(tmp_path / "m"), "SQLALCHEMY_DATABASE_URI": url}
    )
    yield moved
    with moved.app_context():
        db.session.remove()
        db.engine.dispose()


def _offer_privates(app, teacher_id: int) -> tuple[int, int]:
    """A free 60-minute private the teacher gives every day 09:00-12:00 in Kolkata: (service id, studio id)."""
    with app.app_context(), unit_of_work():
        studio = db.session.get(Studio, studios.home_studio_id(db.session.get(User, teacher_id)))
        studio.timezone = "Asia/Kolkata"
        service = AppointmentService(studio_id=studio.id, name="Ayurveda consultation", duration_minutes=60)
        db.session.add(service)
        db.session.flush()
        db.session.add(AppointmentServiceTeacher(service_id=service.id, user_id=teacher_id))
        for day in range(7):
            db.session.add(
                TeacherHours(studio_id=studio.id, user_id=teacher_id, weekday=day, starts=time(9), ends=time(12))
            )
        db.session.merge(AppointmentRules(studio_id=studio.id, min_notice_minutes=1))
        return service.id, studio.id


def test_a_moved_studio_keeps_its_private_services_and_the_privates_booked(app, moved, priya, make_user, client_for):
    service_id, studio_id = _offer_privates(app, priya.id)
    day = datetime.now(KOLKATA).date() + timedelta(days=2)
    for hour, name in ((9, "Asha"), (11, "Ravi")):
        at = datetime.combine(day, time(hour), tzinfo=KOLKATA).astimezone(UTC)
        person = client_for(make_user(name=name, email=f"{name.lower()}@example.com"))
        booked = person.post("/appointments", json={"service_id": service_id, "starts_at": at.isoformat()})
        assert booked.status_code == 201, booked.get_json()
    first = export(app, studio_id, priya.id)

    with moved.app_context(), unit_of_work():
        owner = User(name="New Owner", email="owner@moved.example.com", role=ROLE_FACILITATOR, password_hash="!")
        studio = Studio(name="Studio moved", slug="studio-moved", timezone="Asia/Kolkata", currency="INR")
        db.session.add_all([owner, studio])
        db.session.flush()
        written = restore_studio(studio, owner.id, first)
        new_studio, owner_id = studio.id, owner.id
    assert (written["appointment_services"], written["appointments"], written["bookings"]) == (1, 2, 2)
    assert canonical(export(moved, new_studio, owner_id)) == canonical(first)
    with moved.app_context():
        rows = db.session.execute(
            select(AppointmentService.name, Appointment.teacher_id, EventSession.reserved_for_id, User.name)
            .join(Appointment, Appointment.service_id == AppointmentService.id)
            .join(EventSession, EventSession.id == Appointment.session_id)
            .join(User, User.id == Appointment.user_id)
            .where(Appointment.studio_id == new_studio)
            .order_by(EventSession.starts_at)
        ).all()
        people = dict(db.session.execute(select(User.name, User.id).where(User.name.in_(("Asha", "Ravi")))).all())
    assert [tuple(row) for row in rows] == [
        ("Ayurveda consultation", owner_id, people["Asha"], "Asha"),
        ("Ayurveda consultation", owner_id, people["Ravi"], "Ravi"),
    ]
    balanced(moved)
