"""An endpoint's delivery log (its deliveries, newest first, each with its last answer), a delivery sent again, and
a test delivery that checks the endpoint answers."""

from sqlalchemy import select

from main_app.delivery import insert_rows, outbox_row, retry_message
from main_app.plumbing import Page, paginate

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import CHANNEL_WEBHOOKS, OUTBOX_PENDING, DeliveryAttempt, OutboxMessage, Studio, utcnow
from .endpoints import studio_endpoint

TEST_TYPE = "webhook_test"


def _of_endpoint(endpoint_id: int) -> tuple:
    return OutboxMessage.channel == CHANNEL_WEBHOOKS, OutboxMessage.endpoint_id == endpoint_id


def deliveries(studio_id: int, endpoint_id: int, page: int, per_page: int) -> dict:
    """The endpoint's deliveries, newest first: {items, page, per_page, total, pages}."""
    studio_endpoint(studio_id, endpoint_id)
    query = (
        select(OutboxMessage)
        .where(*_of_endpoint(endpoint_id))
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    )
    found: Page = paginate(query, page, per_page)
    answers = _last_answers([message.id for message in found.items])
    items = [_document(message, answers.get(message.id)) for message in found.items]
    return {"items": items, "page": found.page, "per_page": found.per_page, "total": found.total, "pages": found.pages}


def _last_answers(message_ids: list[str]) -> dict[str, int | None]:
    """Each message's last attempt's HTTP status (None: no answer), in one query."""
    rows = db.session.execute(
        select(DeliveryAttempt.message_id, DeliveryAttempt.status_code)
        .where(DeliveryAttempt.message_id.in_(message_ids))
        .order_by(DeliveryAttempt.id)
    )
    return {message_id: status for message_id, status in rows}


def _document(message: OutboxMessage, last_status: int | None) -> dict:
    return {
        "id": message.id,
        "type": message.type,
        "status": message.status,
        "attempts": message.attempts,
        "last_status_code": last_status,
        "last_error": message.last_error,
        "created_at": message.created_at,
        "next_attempt_at": message.next_attempt_at if message.status == OUTBOX_PENDING else None,
        "delivered_at": message.delivered_at,
        "body": message.payload["body"],
    }


def redeliver(studio_id: int, endpoint_id: int, message_id: str) -> dict:
    """Send the endpoint's delivery again: a dead or waiting one as soon as possible (same webhook-id), a delivered
    one as a new delivery of the same body (a new webhook-id, so the receiver takes it again)."""
    endpoint = studio_endpoint(studio_id, endpoint_id)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id, *_of_endpoint(endpoint.id)))
    if message is None:
        raise api_error("notification_not_found", message_id=message_id)
    if message.status != "delivered":
        return _document(retry_message(message_id, _of_endpoint(endpoint.id)), None)
    return _write_delivery(endpoint.id, message.type, message.payload["body"], message.ordered_key)


def send_test(studio: Studio, endpoint_id: int) -> dict:
    """A test delivery to the endpoint (type webhook_test), through the lane like any other."""
    endpoint = studio_endpoint(studio.id, endpoint_id)
    body = {"type": TEST_TYPE, "timestamp": utcnow().isoformat(), "data": {"studio_id": studio.id, "test": True}}
    return _write_delivery(endpoint.id, TEST_TYPE, body, None)


def _write_delivery(endpoint_id: int, kind: str, body: dict, ordered_key: str | None) -> dict:
    with unit_of_work():
        row = outbox_row(CHANNEL_WEBHOOKS, kind, {"endpoint_id": endpoint_id, "body": body})
        insert_rows([{**row, "endpoint_id": endpoint_id, "ordered_key": ordered_key}])
    return {**_document(OutboxMessage(**row), None), "endpoint_id": endpoint_id}
