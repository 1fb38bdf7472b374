"""Schemas of private sessions: a studio's services, its teachers' hours and its booking window
(/api/studios/<slug>/appointment-...), and the public services and free slots (/api/public/studios/<slug>/...)."""

from datetime import date

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.models import CALENDAR_KINDS, DESK_METHODS, EXCEPTION_KINDS
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id, UTCDateTimeField

from .bookings import BookingSchema

MOST_TEACHERS, MOST_STRETCHES, MOST_EXCEPTIONS = 100, 50, 400


def _service_fields(required: bool) -> dict:
    """A service's fields: name and length required when it is made, each optional when it is changed."""
    minutes = {"strict": True}
    return {
        "name": fields.String(required=required, validate=validate.Length(min=1, max=200)),
        "description": fields.String(validate=validate.Length(max=5000)),
        "duration_minutes": fields.Integer(required=required, validate=validate.Range(5, 480), **minutes),
        "buffer_before_minutes": fields.Integer(validate=validate.Range(0, 240), **minutes),
        "buffer_after_minutes": fields.Integer(validate=validate.Range(0, 240), **minutes),
        "price": fields.Integer(
            validate=validate.Range(0, 10**9),
            metadata={"description": "Minor units of the studio's currency"},
            **minutes,
        ),
        "credits": fields.Integer(
            allow_none=True,
            validate=validate.Range(1, 100),
            metadata={"description": "Pass credits instead"},
            **minutes,
        ),
        "location": fields.String(allow_none=True, validate=validate.Length(max=200)),
        "online": fields.Boolean(metadata={"description": "Given online, with a join link as classes have"}),
        "active": fields.Boolean(metadata={"description": "Taking bookings; a retired one keeps its appointments"}),
        "teachers": fields.List(Id(), validate=validate.Length(max=MOST_TEACHERS), metadata={"description": "Members"}),
    }


ServiceInSchema = BaseSchema.from_dict(_service_fields(required=True), name="AppointmentServiceInSchema")
ServiceEditSchema = BaseSchema.from_dict(_service_fields(required=False), name="AppointmentServiceEditSchema")


class TeacherNameSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()


class ServiceSchema(BaseSchema):
    """A private session a studio offers."""

    id = fields.Integer()
    name = fields.String()
    description = fields.String()
    duration_minutes = fields.Integer()
    buffer_before_minutes = fields.Integer()
    buffer_after_minutes = fields.Integer()
    price = fields.Integer()
    currency = fields.String(metadata={"description": "The studio's (ISO 4217)"})
    credits = fields.Integer(allow_none=True)
    location = fields.String(allow_none=True)
    online = fields.Boolean()
    active = fields.Boolean()
    teachers = fields.List(fields.Nested(TeacherNameSchema))


class ServiceListSchema(BaseSchema):
    items = fields.List(fields.Nested(ServiceSchema))


class RulesSchema(BaseSchema):
    """A studio's booking window for private sessions."""

    min_notice_minutes = fields.Integer(strict=True, validate=validate.Range(0, 43_200))
    max_days_ahead = fields.Integer(strict=True, validate=validate.Range(1, 365))
    cancel_hours = fields.Integer(
        strict=True, validate=validate.Range(0, 720), metadata={"description": "A person cancels or moves until then"}
    )


class StretchSchema(BaseSchema):
    """Weekly hours: a weekday (0 Monday) from starts to ends, on the studio's clock."""

    weekday = fields.Integer(required=True, strict=True, validate=validate.Range(0, 6))
    starts = fields.Time(required=True)
    ends = fields.Time(required=True)

    @validates_schema
    def _ends_after_starts(self, data, **_kwargs):
        if data["ends"] <= data["starts"]:
            raise ValidationError("ends comes after starts, on the same day.", "ends")


class ExceptionSchema(BaseSchema):
    """A day off (no times: all of it; or from starts to ends) or extra hours (starts and ends)."""

    day = fields.Date(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(EXCEPTION_KINDS))
    starts = fields.Time(load_default=None, allow_none=True)
    ends = fields.Time(load_default=None, allow_none=True)

    @validates_schema
    def _times(self, data, **_kwargs):
        starts, ends = data.get("starts"), data.get("ends")
        if starts is None and ends is None and data["kind"] == "off":
            return
        if starts is None or ends is None:
            raise ValidationError("Extra hours, or part of a day off, give starts and ends.", "starts")
        if ends <= starts:
            raise ValidationError("ends comes after starts, on the same day.", "ends")


class HoursInSchema(BaseSchema):
    """A teacher's whole week and their exceptions from today on (past ones stay)."""

    hours = fields.List(fields.Nested(StretchSchema), required=True, validate=validate.Length(max=MOST_STRETCHES))
    exceptions = fields.List(
        fields.Nested(ExceptionSchema), load_default=list, validate=validate.Length(max=MOST_EXCEPTIONS)
    )


class HoursSchema(HoursInSchema):
    user_id = fields.Integer()


class SlotArgsSchema(BaseSchema):
    teacher_id = Id(strict=False, metadata={"description": "One of the service's teachers; any when left out"})
    days = fields.Integer(validate=validate.Range(1, 365), metadata={"description": "From now; the window's at most"})


class SlotSchema(BaseSchema):
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    teacher = fields.Nested(TeacherNameSchema)


class SlotListSchema(BaseSchema):
    service = fields.Nested(ServiceSchema)
    timezone = fields.String(metadata={"description": "The studio's clock, which the hours are kept on"})
    items = fields.List(fields.Nested(SlotSchema))


class BookPrivateSchema(BaseSchema):
    service_id = Id(required=True)
    starts_at = UTCDateTimeField(required=True, metadata={"description": "One of the service's free slots"})
    teacher_id = Id(load_default=None, allow_none=True, metadata={"description": "The first free teacher when null"})
    pass_id = Id(load_default=None, allow_none=True, metadata={"description": "Pay with the pass's credits"})


class AppointmentSchema(BaseSchema):
    id = Id()
    service = fields.Nested(TeacherNameSchema, metadata={"description": "The service's id and name"})
    teacher = fields.Nested(TeacherNameSchema)
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    session_id = Id()


class BookedPrivateSchema(BookingSchema):
    """The booking of the private session's seat, and the appointment it holds."""

    appointment = fields.Nested(AppointmentSchema)


class MovePrivateSchema(BaseSchema):
    starts_at = UTCDateTimeField(required=True, metadata={"description": "One of the service's free slots"})
    teacher_id = Id(load_default=None, allow_none=True, metadata={"description": "Its teacher, else the first free"})


class StudioNameSchema(BaseSchema):
    slug = fields.String()
    name = fields.String()


class BookingStateSchema(BaseSchema):
    id = Id()
    status = fields.String()


class MyAppointmentSchema(AppointmentSchema):
    studio = fields.Nested(StudioNameSchema)
    booking = fields.Nested(BookingStateSchema)


class MyAppointmentListSchema(BaseSchema):
    items = fields.List(fields.Nested(MyAppointmentSchema))


class BoardArgsSchema(BaseSchema):
    from_ = fields.Date(
        data_key="from",
        validate=validate.Range(date(2000, 1, 1), date(2200, 12, 31)),
        metadata={"description": "First day (the studio's); today if left out"},
    )
    days = fields.Integer(load_default=1, validate=validate.Range(1, 7), metadata={"description": "1 (a day) to 7"})
    teacher_id = Id(strict=False, metadata={"description": "One teacher; everyone who gives a service if left out"})


class DeskPrivateSchema(BaseSchema):
    service_id = Id(required=True)
    starts_at = UTCDateTimeField(required=True)
    user_id = Id(required=True, metadata={"description": "One of the studio's clients"})
    teacher_id = Id(load_default=None, allow_none=True)
    use = fields.String(required=True, validate=validate.OneOf(("pass", "door", "free")))
    pass_id = Id(metadata={"description": "Their pass, with use=pass"})
    method = fields.String(validate=validate.OneOf(DESK_METHODS), metadata={"description": "With use=door"})

    @validates_schema
    def _terms(self, data, **_kwargs):
        if data.get("use") == "pass" and data.get("pass_id") is None:
            raise ValidationError(gettext("Needed with use=pass."), field_name="pass_id")
        if data.get("use") == "door" and data.get("method") is None:
            raise ValidationError(gettext("Needed with use=door."), field_name="method")


class StaffCancelSchema(BaseSchema):
    reason = fields.String(validate=validate.Length(max=500))


class BoardPrivateSchema(BaseSchema):
    id = Id()
    session_id = Id()
    teacher_id = Id()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    service = fields.Nested(TeacherNameSchema)
    client = fields.Nested(TeacherNameSchema)
    booking = fields.Dict()


class BoardClassSchema(BaseSchema):
    session_id = Id()
    teacher_id = Id()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    title = fields.String()


class BoardSchema(BaseSchema):
    timezone = fields.String()
    from_ = fields.Date(data_key="from", attribute="from")
    days = fields.Integer()
    teachers = fields.List(fields.Nested(TeacherNameSchema))
    appointments = fields.List(fields.Nested(BoardPrivateSchema))
    classes = fields.List(fields.Nested(BoardClassSchema))


class CalendarLinkSchema(BaseSchema):
    kind = fields.String(required=True, validate=validate.OneOf(CALENDAR_KINDS))
    url = fields.String(
        required=True,
        validate=validate.Length(min=8, max=1000),
        metadata={"description": "A CalDAV calendar's collection address, or an iCal address (read only)"},
    )
    username = fields.String(validate=validate.Length(min=1, max=200), metadata={"description": "CalDAV's login"})
    password = fields.String(
        load_only=True, validate=validate.Length(min=1, max=500), metadata={"description": "Sealed; never shown"}
    )


class CalendarStateSchema(BaseSchema):
    linked = fields.Boolean()
    kind = fields.String()
    host = fields.String()
    username = fields.String(allow_none=True)
    read_at = fields.DateTime(allow_none=True)
    written_at = fields.DateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    stale = fields.Boolean(metadata={"description": "Not read for 30 minutes: the teacher's slots are withheld"})
