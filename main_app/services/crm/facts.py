"""Reading what a studio's client book holds about many people at once, for its automations' conditions (POST
/api/service/studios/<id>/people/facts, the service token): tags, the segments asked that they are in, marketing
consent and email. A read, so asking again is harmless; any answer of no use is FactsUnavailable, for the caller to
try later."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

import requests

MOST_PER_CALL = 500  # what the CRM answers at most in one request


@dataclass(frozen=True)
class PersonFacts:
    """What the book holds about one account (known False: no client of theirs, and nothing else)."""

    user_id: int
    known: bool
    tags: frozenset[str]  # lower case
    segment_ids: frozenset[int]  # of those asked, the ones they are in now
    marketing_consent: bool  # given and not withdrawn
    consent_at: datetime | None  # when it was given
    email: str | None
    client_id: int | None = None  # the client's id in the book: what an unsubscribe link names


class FactsUnavailable(Exception):
    """The CRM gave no usable answer (down, refusing, malformed); segment_missing: one of the segments asked is not
    the studio's (its 404), which asking again will not change."""

    def __init__(self, reason: str, *, segment_missing: bool = False):
        super().__init__(reason)
        self.segment_missing = segment_missing


def people_facts(
    config: Mapping, studio_id: int, user_ids: list[int], segment_ids: list[int], *, timezone: str = "UTC"
) -> dict[int, PersonFacts]:
    """user id -> their facts in the studio's client book, for every id given (MOST_PER_CALL ids a request);
    timezone: the studio's, for the segments' "this month". FactsUnavailable when any request fails."""
    wanted = list(dict.fromkeys(user_ids))
    found: dict[int, PersonFacts] = {}
    with requests.Session() as session:
        session.trust_env = False  # no proxy or ~/.netrc from the environment in front of the service token
        for start in range(0, len(wanted), MOST_PER_CALL):
            body = {"user_ids": wanted[start : start + MOST_PER_CALL], "segment_ids": list(dict.fromkeys(segment_ids))}
            found |= _asked(session, config, studio_id, body | {"timezone": timezone})
    return found


def _asked(session: requests.Session, config: Mapping, studio_id: int, body: dict) -> dict[int, PersonFacts]:
    """One request's answer, checked to hold every id asked."""
    url = f"{config['CRM_BASE_URL'].rstrip('/')}/api/service/studios/{studio_id}/people/facts"
    headers = {"Authorization": f"Bearer {config['CRM_AUTH_TOKEN']}", "Accept": "application/json"}
    try:
        answer = session.post(url, json=body, headers=headers, timeout=config["CRM_TIMEOUT"], allow_redirects=False)
    except requests.RequestException as exc:
        raise FactsUnavailable(f"the CRM could not be reached: {type(exc).__name__}") from None
    if answer.status_code == 404:
        raise FactsUnavailable("a segment asked is not the studio's", segment_missing=True)
    if answer.status_code != 200:
        raise FactsUnavailable(f"the CRM answered {answer.status_code}")
    try:
        facts = {item.user_id: item for item in _parsed(answer)}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise FactsUnavailable("the CRM's answer is not of the facts' shape") from None
    if not set(body["user_ids"]) <= set(facts):
        raise FactsUnavailable("the CRM's answer leaves out an account asked")
    return facts


def _parsed(answer: requests.Response) -> Iterable[PersonFacts]:
    """The answer's items, each checked (ValueError, TypeError or KeyError for one of another shape)."""
    for item in answer.json()["items"]:
        user_id, known, consent, email = item["user_id"], item["known"], item["marketing_consent"], item["email"]
        tags, segments, at = item["tags"], item["segment_ids"], item["consent_at"]
        if type(user_id) is not int or not isinstance(known, bool) or not isinstance(consent, bool):
            raise ValueError("a malformed item")
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise ValueError("malformed tags")
        if not isinstance(segments, list) or not all(type(s) is int for s in segments):
            raise ValueError("malformed segments")
        if email is not None and not isinstance(email, str):
            raise ValueError("a malformed email")
        client_id = item.get("client_id")
        if client_id is not None and type(client_id) is not int:
            raise ValueError("a malformed client id")
        when = datetime.fromisoformat(at) if at is not None else None
        yield PersonFacts(user_id, known, frozenset(tags), frozenset(segments), consent, when, email, client_id)
