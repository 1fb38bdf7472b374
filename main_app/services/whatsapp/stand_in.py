"""The development mailbox's window on the WhatsApp stand-in that `python3 dev.py run` starts (WHATSAPP_STAND_IN_URL,
its control API under /_standin/): its conversations, and a person's message to a business number as if from their
phone, which the stand-in then sends us as Meta's signed webhook. Development only (api/mailbox.py)."""

from collections.abc import Mapping

import requests

from ...error_codes import api_error

TIMEOUT = 5.0  # seconds: the stand-in runs beside us, and the page waits


def stand_in_conversations(config: Mapping) -> dict:
    """Every conversation the stand-in holds, newest first, and which of its numbers is the install's."""
    found = _call(config, "GET", "conversations")
    conversations = found.get("conversations") if isinstance(found, dict) else None
    if not isinstance(conversations, list):
        raise api_error("whatsapp_stand_in_down")
    return {"business_number_id": config.get("WHATSAPP_PHONE_NUMBER_ID") or None, "conversations": conversations}


def stand_in_reply(config: Mapping, sender: str, text: str, business_number_id: str | None = None) -> dict:
    """sender writes text to the business number (the install's unless named): the stand-in records it, opens their
    window and sends the messages webhook, as Meta would. The id it gave the message."""
    number = business_number_id or config.get("WHATSAPP_PHONE_NUMBER_ID")
    if not number:
        raise api_error("whatsapp_stand_in_refused", reason="no business number to write to (WHATSAPP_PHONE_NUMBER_ID)")
    answer = _call(config, "POST", f"{number}/reply", {"from": sender, "text": text})
    return {"id": str(answer.get("id", "")), "business_number_id": number}


def _call(config: Mapping, method: str, path: str, body: dict | None = None) -> dict:
    """One call to the stand-in's control API; whatsapp_stand_in_down: 409 when none is set (tests, production), 503
    when it does not answer; 400 whatsapp_stand_in_refused with its reason when it refuses."""
    base = config.get("WHATSAPP_STAND_IN_URL")
    if not base:
        raise api_error("whatsapp_stand_in_down.none")
    try:
        response = requests.request(method, f"{base}/_standin/{path}", json=body, timeout=TIMEOUT)
        answer = response.json()
    except (requests.RequestException, ValueError):
        raise api_error("whatsapp_stand_in_down") from None
    if response.status_code == 400 and isinstance(answer, dict):
        raise api_error("whatsapp_stand_in_refused", reason=str(answer.get("error", ""))[:200])
    if response.status_code != 200 or not isinstance(answer, dict):
        raise api_error("whatsapp_stand_in_down")
    return answer
