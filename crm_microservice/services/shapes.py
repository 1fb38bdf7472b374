"""The three shapes a notification comes in (nested, flat, typed), each read into the one record the store keeps,
and marshmallow's messages flattened into the error's details."""

import marshmallow as ma

from service_kit.errors import ValidationFailed

from ..schemas import TypedDataIdsSchema

TYPED_DATA_IDS = TypedDataIdsSchema()  # built once: building a schema costs more than loading with it


def flatten_messages(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's messages as {"user.email": ["..."]}; schema-level ones go to the parent."""
    if not isinstance(messages, dict):
        return {prefix or "body": [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = prefix if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
        for field, texts in flatten_messages(value, name).items():
            flat.setdefault(field, []).extend(texts)
    return flat


def _from_nested(body: dict) -> dict:
    user, event = body["user"], body["event"]
    return {
        "type": body["type"],
        "booking_id": body["booking_id"],
        "session_id": body.get("session_id"),
        "facilitator_id": body["facilitator_id"],
        "studio_id": body.get("studio_id"),
        "user_id": user["id"],
        "user_name": user["name"],
        "user_email": user["email"],
        "user_phone": user.get("phone"),  # for the client book; the notification keeps no column of it
        **_other_name(user),
        "event_id": event["id"],
        "event_title": event["title"],
        "event_start": event["start_date"],
        "occurred_at": body.get("occurred_at"),
    }


def _from_flat(body: dict) -> dict:
    return {
        "type": body["type"],
        "booking_id": body["booking_id"],
        "session_id": body.get("session_id"),
        "facilitator_id": body["facilitator_id"],
        "studio_id": None,
        "user_id": None,
        "user_name": body["user"],
        "user_email": None,
        "event_id": None,
        "event_title": body["event"],
        "event_start": None,
        "occurred_at": body.get("occurred_at"),
    }


def _from_typed(body: dict) -> dict:
    data = body.get("data") or {}
    try:
        data_ids = TYPED_DATA_IDS.load(data)
    except ma.ValidationError as exc:
        raise ValidationFailed(
            "The notification (typed format) is not valid.", details=flatten_messages(exc.messages, "data")
        ) from None

    def pick(name: str) -> int | None:
        """A top-level id wins over the same id inside data."""
        return body[name] if body.get(name) is not None else data_ids.get(name)

    person = _person_of(data, body["user_id"])
    return _other_name(person) | {
        "type": body.get("type") or body["notification_type"],
        "booking_id": pick("booking_id"),
        "session_id": pick("session_id"),
        "facilitator_id": pick("facilitator_id"),
        "studio_id": body.get("studio_id"),
        "user_id": body["user_id"],
        "user_name": person.get("name"),
        "user_email": person.get("email"),
        "user_phone": person.get("phone"),
        "event_id": pick("event_id"),
        "event_title": None,
        "event_start": None,
        "occurred_at": body.get("timestamp"),
    }


def _person_of(data: dict, user_id) -> dict:
    """The person data.user describes when it is the notification's user (client_imported, user_registered): their
    name, email and phone as text, and other_name (text, or None: they have none) when given, for the client book;
    {} otherwise."""
    person = data.get("user")
    if not isinstance(person, dict) or user_id is None or person.get("id") != user_id:
        return {}
    found = {key: person[key] for key in ("name", "email", "phone") if isinstance(person.get(key), str)}
    told = "other_name" in person and isinstance(person["other_name"], str | None)
    return found | ({"other_name": person["other_name"]} if told else {})


def _other_name(person: dict) -> dict:
    """The record's user_other_name when the person's other_name was given (null: they have none), else nothing: a
    sender that does not know the field leaves the client book's as it is. The notification keeps no column of it."""
    return {"user_other_name": person["other_name"]} if "other_name" in person else {}


NORMALISERS = {"nested": _from_nested, "flat": _from_flat, "typed": _from_typed}
