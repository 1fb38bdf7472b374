"""people_facts: what a studio's client book holds about many people, read from the real CRM (tags, segments,
consent, a merged client read as the one kept), 500 ids a request; every answer of no use FactsUnavailable, a segment
not the studio's with segment_missing."""

import dataclasses
import datetime as dt

import pytest
from plugins.main_api import CRM_TOKEN

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, ClientTag, Segment
from main_app.services.crm import FactsUnavailable, PersonFacts, people_facts

pytestmark = pytest.mark.both_databases

STUDIO, OTHER_STUDIO = 7, 8
CONSENTED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def settings(url: str, timeout: float = 30.0) -> dict:
    """What people_facts reads of the app's config (a loaded machine may keep the real CRM a while)."""
    return {"CRM_BASE_URL": url, "CRM_AUTH_TOKEN": CRM_TOKEN, "CRM_TIMEOUT": timeout}


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def book(crm) -> dict:
    """The studio's book: Asha (consent given, tagged vip), Ben (consent refused), Asha's second account merged into
    her (tagged old); another studio's client and segment. {"vip": a segment of vip-tagged, "theirs": another's}."""
    now = dt.datetime.now(dt.UTC)
    with crm.app.app_context():
        asha = Client(studio_id=STUDIO, user_id=501, name="Asha", email="asha@example.com")
        asha.marketing_consent, asha.consent_at = True, CONSENTED
        ben = Client(studio_id=STUDIO, user_id=502, name="Ben", email="ben@example.com", marketing_consent=False)
        zoe = Client(studio_id=OTHER_STUDIO, user_id=501, name="Zoe", email="zoe@example.com")
        segments = [
            Segment(studio_id=studio, name="VIP", filters={"tag": "vip"}, created_by=1, created_at=now, updated_at=now)
            for studio in (STUDIO, OTHER_STUDIO)
        ]
        with crm_unit_of_work(keep_loaded=True):
            crm_db.session.add_all([asha, ben, zoe, *segments])
        second = Client(studio_id=STUDIO, user_id=503, name="Asha R.", merged_into_id=asha.id, merged_at=now)
        with crm_unit_of_work(keep_loaded=True):
            crm_db.session.add(second)
        with crm_unit_of_work():
            crm_db.session.add_all(
                [
                    ClientTag(client_id=asha.id, studio_id=STUDIO, tag="vip"),
                    ClientTag(client_id=second.id, studio_id=STUDIO, tag="old"),
                ]
            )
        return {"vip": segments[0].id, "theirs": segments[1].id}


def test_the_facts_of_each_account_asked(crm, book):
    facts = people_facts(settings(crm.url), STUDIO, [502, 501, 999, 503, 501], [book["vip"]])
    assert set(facts) == {501, 502, 503, 999}
    asha = facts[501]
    assert asha.client_id is not None and facts[502].client_id not in (None, asha.client_id)
    assert asha == PersonFacts(
        user_id=501,
        known=True,
        tags=frozenset({"vip", "old"}),
        segment_ids=frozenset({book["vip"]}),
        marketing_consent=True,
        consent_at=CONSENTED,
        email="asha@example.com",
        client_id=asha.client_id,
    )
    assert facts[503] == dataclasses.replace(asha, user_id=503)  # merged into Asha: read as her
    ben = PersonFacts(502, True, frozenset(), frozenset(), False, None, "ben@example.com", facts[502].client_id)
    assert facts[502] == ben
    assert facts[999] == PersonFacts(999, False, frozenset(), frozenset(), False, None, None)


def test_no_ids_asks_nothing(fake_crm):
    assert people_facts(settings(fake_crm.url), STUDIO, [], [1]) == {}
    assert fake_crm.requests == []


def test_more_than_500_ids_are_asked_500_at_a_time(crm, book):
    asked = [*range(1000, 2100), 501]
    facts = people_facts(settings(crm.url), STUDIO, asked, [book["vip"]])
    assert set(facts) == set(asked)
    assert facts[501].known and not facts[1500].known


def test_each_request_carries_500_ids_at_most(fake_crm):
    asked = list(range(1, 1202))
    chunks = [asked[:500], asked[500:1000], asked[1000:]]
    for chunk in chunks:
        items = [
            {"user_id": n, "known": False, "tags": [], "segment_ids": [], "marketing_consent": False} for n in chunk
        ]
        fake_crm.queue(200, body={"items": [item | {"consent_at": None, "email": None} for item in items]})
    facts = people_facts(settings(fake_crm.url), STUDIO, asked, [4, 4, 5], timezone="Asia/Kolkata")
    assert len(facts) == 1201
    sent = [request.json() for request in fake_crm.requests]
    assert sent == [{"user_ids": chunk, "segment_ids": [4, 5], "timezone": "Asia/Kolkata"} for chunk in chunks]
    for request in fake_crm.requests:
        assert (request.method, request.path) == ("POST", f"/api/service/studios/{STUDIO}/people/facts")
        assert request.headers["Authorization"] == f"Bearer {CRM_TOKEN}"


def test_another_studios_segment_is_a_missing_segment(crm, book):
    with pytest.raises(FactsUnavailable) as refused:
        people_facts(settings(crm.url), STUDIO, [501], [book["vip"], book["theirs"]])
    assert refused.value.segment_missing is True


GOOD = {"user_id": 1, "known": False, "tags": [], "segment_ids": [], "marketing_consent": False}


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, {"error": "down"}),
        (401, {"error": {"code": "unauthorized"}}),
        (400, {"error": {"code": "validation_error"}}),
        (302, "moved"),
        (200, {"unexpected": True}),
        (200, "not json"),
        (200, {"items": {}}),
        (200, {"items": []}),  # the id asked left out
        (200, {"items": [GOOD | {"email": None}]}),  # consent_at left out
        (200, {"items": [GOOD | {"user_id": "1", "consent_at": None, "email": None}]}),
        (200, {"items": [GOOD | {"tags": "vip", "consent_at": None, "email": None}]}),
        (200, {"items": [GOOD | {"consent_at": "yesterday", "email": None}]}),
    ],
    ids=str,
)
def test_an_answer_of_no_use_is_facts_unavailable(fake_crm, status, body):
    fake_crm.queue(status, body=body, headers={"Location": "/elsewhere"} if status == 302 else None)
    with pytest.raises(FactsUnavailable) as refused:
        people_facts(settings(fake_crm.url), STUDIO, [1], [])
    assert refused.value.segment_missing is False
    assert len(fake_crm.requests) == 1  # no redirect followed


def test_a_404_is_a_missing_segment(fake_crm):
    fake_crm.queue(404, body={"error": {"code": "segment_not_found"}})
    with pytest.raises(FactsUnavailable) as refused:
        people_facts(settings(fake_crm.url), STUDIO, [1], [9])
    assert refused.value.segment_missing is True


def test_the_crm_down_or_slow_is_facts_unavailable(fake_crm, dead_crm_url):
    with pytest.raises(FactsUnavailable):
        people_facts(settings(dead_crm_url), STUDIO, [1], [])
    fake_crm.queue(200, body={"items": []}, delay=2.0)
    with pytest.raises(FactsUnavailable):
        people_facts(settings(fake_crm.url, timeout=0.2), STUDIO, [1], [])
