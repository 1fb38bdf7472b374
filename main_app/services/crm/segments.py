"""Reading a segment's consenting clients from the CRM (GET /api/service/studios/<id>/segments/<id>/recipients, the
service token): the one synchronous call the main API makes to the CRM, a read, so a retry is harmless."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import requests

from ...error_codes import api_error

MOST = 10_000  # what the CRM gives at most in one answer


@dataclass(frozen=True)
class Recipient:
    """One of the segment's clients who gave marketing consent: the CRM's client id, name, address, since when."""

    client_id: int
    name: str
    email: str
    consent_at: datetime | None


@dataclass(frozen=True)
class SegmentRecipients:
    segment_id: int
    segment_name: str
    total: int  # in all; recipients holds at most the limit asked for
    recipients: list[Recipient]


def segment_recipients(
    config: Mapping, studio_id: int, segment_id: int, limit: int, timezone: str = "UTC"
) -> SegmentRecipients:
    """The segment's consenting clients, one per address, lowest client id first (at most limit); 404
    segment_not_found when the studio has no such segment, 503 crm_unavailable when the CRM gives no usable answer."""
    url = f"{config['CRM_BASE_URL'].rstrip('/')}/api/service/studios/{studio_id}/segments/{segment_id}/recipients"
    headers = {"Authorization": f"Bearer {config['CRM_AUTH_TOKEN']}", "Accept": "application/json"}
    with requests.Session() as session:
        session.trust_env = False  # no proxy or ~/.netrc from the environment in front of the service token
        try:
            answer = session.get(
                url,
                params={"limit": min(max(limit, 1), MOST), "timezone": timezone},
                headers=headers,
                timeout=config["CRM_TIMEOUT"],
                allow_redirects=False,
            )
        except requests.RequestException:
            raise api_error("crm_unavailable") from None
    if answer.status_code == 404:
        raise api_error("segment_not_found", segment_id=segment_id)
    if answer.status_code == 200:
        try:
            return _parsed(answer, segment_id)
        except (KeyError, TypeError, ValueError):
            pass
    raise api_error("crm_unavailable")  # a 5xx, a refusal or an answer of another shape: nothing is sent


def _parsed(answer: requests.Response, segment_id: int) -> SegmentRecipients:
    """The CRM's answer, checked: every recipient an id, a name and an address (ValueError otherwise)."""
    body = answer.json()
    recipients = []
    for item in body["items"]:
        client_id, email, name = item["client_id"], item["email"], item["name"]
        if type(client_id) is not int or not isinstance(email, str) or not isinstance(name, str):
            raise ValueError("a malformed recipient")
        at = item.get("consent_at")
        recipients.append(Recipient(client_id, name, email, datetime.fromisoformat(at) if at else None))
    return SegmentRecipients(segment_id, str(body["segment"]["name"]), int(body["total"]), recipients)
