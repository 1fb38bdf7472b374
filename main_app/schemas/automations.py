"""A studio's automations at the edge: a trigger, steps (each kind with its own fields, checked here), a change, a
preview, and the people in one."""

import re

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.automations import CALENDAR_TRIGGERS, STEP_KINDS, TESTS, TRIGGERS
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

PLACE = re.compile(r"\{([^{}]*)\}")
TAG = re.compile(r"\s*[A-Za-z0-9][A-Za-z0-9 _\-]{0,49}\s*")  # the client book's rule (crm.tag_row)
PLACES = ("first_name", "studio", "code")
# Each kind's fields (besides kind) and which of them it must have.
FIELDS = {
    "wait": ({"days", "hours", "minutes"}, set()),
    "condition": ({"test", "tag", "segment_id"}, {"test"}),
    "email": ({"subject", "text"}, {"subject", "text"}),
    "whatsapp": ({"text"}, {"text"}),
    "sms": ({"text"}, {"text"}),
    "add_tag": ({"tag"}, {"tag"}),
    "remove_tag": ({"tag"}, {"tag"}),
    "make_code": ({"percent_off", "valid_days"}, {"percent_off", "valid_days"}),
    "staff_task": ({"text"}, {"text"}),
}
LONGEST_TEXT = {"email": 5000, "whatsapp": 120, "sms": 300, "staff_task": 500}
NEEDS = {"has_tag": "tag", "lacks_tag": "tag", "in_segment": "segment_id"}
LONGEST_WAIT_MINUTES = 365 * 24 * 60


class TriggerSchema(BaseSchema):
    """What enters people: a kind, and for the calendar's kinds how many days (before, or without a visit)."""

    kind = fields.String(required=True, validate=validate.OneOf(TRIGGERS), metadata={"example": "intro_offer_bought"})
    days = fields.Integer(allow_none=True, load_default=None)

    @validates_schema
    def _days(self, data, **_kwargs):
        bounds, days = CALENDAR_TRIGGERS.get(data.get("kind")), data.get("days")
        if bounds is None and days is not None:
            raise ValidationError(gettext("Only a calendar trigger counts days."), "days")
        if bounds is not None and days is not None and not bounds[0] <= days <= bounds[1]:
            message = gettext("From %(least)s to %(most)s days.", least=bounds[0], most=bounds[1])
            raise ValidationError(message, "days")


class StepSchema(BaseSchema):
    """One step: a wait, a condition, or an action, with the fields of its kind."""

    kind = fields.String(required=True, validate=validate.OneOf(STEP_KINDS), metadata={"example": "email"})
    days = fields.Integer(validate=validate.Range(min=0, max=365))
    hours = fields.Integer(validate=validate.Range(min=0, max=24 * 365))
    minutes = fields.Integer(validate=validate.Range(min=0, max=LONGEST_WAIT_MINUTES))
    test = fields.String(validate=validate.OneOf(TESTS))
    tag = fields.String(
        validate=validate.Regexp(TAG, error=gettext("Letters, digits, spaces, - and _, at most 50.")),
        metadata={"description": "As the client book keeps tags: letters, digits, spaces, - and _ (at most 50)."},
    )
    segment_id = fields.Integer(validate=validate.Range(min=1))
    subject = fields.String(validate=validate.Length(min=1, max=120))
    text = fields.String(validate=validate.Length(min=1, max=5000))
    percent_off = fields.Integer(validate=validate.Range(min=1, max=100))
    valid_days = fields.Integer(validate=validate.Range(min=1, max=365))

    @validates_schema
    def _fields_of_kind(self, data, **_kwargs):
        allowed, required = FIELDS.get(data.get("kind"), (set(data), set()))
        errors = {name: [gettext("Not a field of this kind of step.")] for name in set(data) - allowed - {"kind"}}
        errors |= {name: [gettext("Missing data for required field.")] for name in required - set(data)}
        if errors:
            raise ValidationError(errors)
        _check_kind(data)


def _check_kind(data: dict) -> None:
    """What one kind asks beyond its fields: a wait's length, a condition's tag or segment, words' length and form."""
    kind = data["kind"]
    if kind == "wait":
        minutes = data.get("days", 0) * 1440 + data.get("hours", 0) * 60 + data.get("minutes", 0)
        if not 1 <= minutes <= LONGEST_WAIT_MINUTES:
            raise ValidationError(gettext("A wait lasts from a minute to a year."), "days")
    if kind == "condition" and (needed := NEEDS.get(data["test"])) and needed not in data:
        raise ValidationError(gettext("Missing data for required field."), needed)
    if "text" in data and len(data["text"]) > LONGEST_TEXT.get(kind, 5000):
        raise ValidationError(gettext("At most %(most)s characters.", most=LONGEST_TEXT[kind]), "text")
    if kind == "whatsapp" and (re.search(r"[\n\t]| {4}", data["text"])):
        raise ValidationError(gettext("One line, without tabs or runs of spaces (WhatsApp refuses them)."), "text")
    for name in ("subject", "text"):
        unknown = [place for place in PLACE.findall(data.get(name, "")) if place not in PLACES]
        if unknown:
            message = gettext(
                "Only {first_name}, {studio} and {code} are filled in, not {%(place)s}.", place=unknown[0]
            )
            raise ValidationError(message, name)


class _Steps(BaseSchema):
    steps = fields.List(
        fields.Nested(StepSchema), validate=validate.Length(min=1, max=20), metadata={"description": "In order."}
    )

    @validates_schema
    def _codes_made_first(self, data, **_kwargs):
        """{code} in a message needs a make_code step before it."""
        made = False
        for index, step in enumerate(data.get("steps") or []):
            made = made or step["kind"] == "make_code"
            for name in ("subject", "text"):
                if "{code}" in step.get(name, "") and not made:
                    message = gettext("{code} needs a make_code step before this one.")
                    raise ValidationError({"steps": {index: {name: [message]}}})


class AutomationCreateSchema(_Steps):
    """A new automation (off): from a template, or its name, trigger and steps."""

    template = fields.String(validate=validate.Length(min=1, max=32), metadata={"example": "intro_offer"})
    name = fields.String(validate=validate.Length(min=1, max=100))
    trigger = fields.Nested(TriggerSchema)

    @validates_schema
    def _whole(self, data, **_kwargs):
        if "template" in data:
            if set(data) - {"template"}:
                raise ValidationError(gettext("A template alone, or a name, trigger and steps."), "template")
            return
        missing = {"name", "trigger", "steps"} - set(data)
        if missing:
            raise ValidationError({name: [gettext("Missing data for required field.")] for name in missing})


class AutomationChangeSchema(_Steps):
    """Any of its name, trigger and steps (while off), and whether it is on."""

    name = fields.String(validate=validate.Length(min=1, max=100))
    trigger = fields.Nested(TriggerSchema)
    active = fields.Boolean()


class AutomationFiguresSchema(BaseSchema):
    entered = fields.Integer()
    waiting = fields.Integer()
    finished = fields.Integer()
    left = fields.Integer()
    bookings_within_14_days = fields.Integer(metadata={"description": "People who booked within 14 days of entering"})


class AutomationSchema(BaseSchema):
    """An automation with its figures."""

    id = fields.Integer()
    name = fields.String()
    template = fields.String(allow_none=True)
    active = fields.Boolean()
    switched_on_at = fields.DateTime(allow_none=True)
    trigger = fields.Nested(TriggerSchema)
    steps = fields.List(fields.Dict())
    figures = fields.Nested(AutomationFiguresSchema)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AutomationListSchema(BaseSchema):
    items = fields.List(fields.Nested(AutomationSchema))


class TemplateSchema(BaseSchema):
    key = fields.String()
    name = fields.String()
    description = fields.String()
    trigger = fields.Nested(TriggerSchema)
    steps = fields.List(fields.Dict())


class TemplateListSchema(BaseSchema):
    items = fields.List(fields.Nested(TemplateSchema))


class PreviewPersonSchema(BaseSchema):
    user_id = fields.Integer()
    name = fields.String()


class PreviewSchema(BaseSchema):
    """Who would enter now: a calendar trigger's finds (window now), or who a news trigger heard in 30 days."""

    count = fields.Integer()
    people = fields.List(fields.Nested(PreviewPersonSchema))
    window = fields.String(metadata={"description": "now, or last_30_days"})


class EntryQuerySchema(BaseSchema):
    state = fields.String(validate=validate.OneOf(("waiting", "finished", "left")))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class EntryPersonSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()


class EntrySchema(BaseSchema):
    """A person in the automation: where they stand."""

    id = fields.Integer()
    person = fields.Nested(EntryPersonSchema)
    state = fields.String()
    step = fields.Integer(metadata={"description": "The index of the step they stand at (0 first)"})
    due_at = fields.DateTime(allow_none=True)
    entered_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    left_because = fields.String(allow_none=True)


class EntryPageSchema(BaseSchema):
    items = fields.List(fields.Nested(EntrySchema))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
