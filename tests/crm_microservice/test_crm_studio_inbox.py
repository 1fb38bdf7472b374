"""A studio's inbox: GET /notifications?studio_id=, its unread count and read marks, for the JWTs whose
inbox_studios claim names the studio (its owners and managers, as the main API mints them), and nobody else."""

import datetime as dt

import pytest
from crm_payloads import AUTH, SEED_NESTED, SEED_TYPED, body
from crm_tokens import FACILITATOR_ID, OTHER_FACILITATOR_ID, USER_ID, bearer, mint

from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store
from service_kit.security import INBOX_STUDIOS_CLAIM

T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
STUDIO_A, STUDIO_B = 7, 8


def _token(studios: list, role: str = "user", user_id: int = USER_ID) -> dict:
    """Minted when the test runs: never expired by then."""
    return bearer(mint(user_id, role, claims={INBOX_STUDIOS_CLAIM: studios}))


@pytest.fixture
def studios(any_app):
    """Ids 1..5: two of studio A (by two instructors), two of studio B, one of no studio (seed 000's shape)."""
    payloads = [
        body(SEED_NESTED, studio_id=STUDIO_A),  # 1: A, facilitator 101
        body(SEED_NESTED, booking_id=124, facilitator_id=OTHER_FACILITATOR_ID, studio_id=STUDIO_B),  # 2: B
        body(SEED_TYPED, type="event_updated", facilitator_id=OTHER_FACILITATOR_ID, studio_id=STUDIO_A),  # 3: A, 102
        body(SEED_NESTED, booking_id=125, studio_id=STUDIO_B),  # 4: B, facilitator 101
        body(SEED_NESTED, booking_id=126),  # 5: nobody's studio
    ]
    with any_app.app_context():
        store = get_store(any_app)
        made = [
            store.add(build_record(p, {}, now=T0 + dt.timedelta(minutes=i)))[0]["id"] for i, p in enumerate(payloads)
        ]
    assert made == [1, 2, 3, 4, 5]
    return {STUDIO_A: [3, 1], STUDIO_B: [4, 2]}


def test_a_manager_reads_their_studios_inbox_and_is_refused_anothers(any_client, studios):
    mine = any_client.get(f"/notifications?studio_id={STUDIO_A}", headers=_token([STUDIO_A]))
    theirs = any_client.get(f"/notifications?studio_id={STUDIO_B}", headers=_token([STUDIO_A]))

    assert mine.status_code == 200
    assert [item["id"] for item in mine.get_json()["items"]] == studios[STUDIO_A]
    assert mine.get_json()["unread"] == 2 and {item["studio_id"] for item in mine.get_json()["items"]} == {STUDIO_A}
    assert theirs.status_code == 403 and theirs.get_json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("studios_claim", [[], None, "7", [str(STUDIO_A)], [True]], ids=str)
def test_a_token_whose_claim_does_not_name_the_studio_is_refused(any_client, studios, studios_claim):
    """An instructor's or front desk's token names no studio (they lack inbox.read); malformed claims name none."""
    claims = {} if studios_claim is None else {INBOX_STUDIOS_CLAIM: studios_claim}
    token = bearer(mint(USER_ID, "user", claims=claims))

    for method, path in (
        ("GET", "/notifications"),
        ("GET", f"/notifications?studio_id={STUDIO_A}"),
        ("GET", f"/notifications/unread-count?studio_id={STUDIO_A}"),
        ("POST", f"/notifications/1/read?studio_id={STUDIO_A}"),
        ("POST", f"/notifications/read-all?studio_id={STUDIO_A}"),
    ):
        answer = any_client.open(path, method=method, headers=token)
        assert answer.status_code == 403, (method, path)
        assert answer.get_json()["error"]["code"] == "forbidden"


def test_read_marks_of_a_studio_stay_in_that_studio(any_client, studios):
    staff_of_a = _token([STUDIO_A])

    assert any_client.post(f"/notifications/2/read?studio_id={STUDIO_A}", headers=staff_of_a).status_code == 404
    read = any_client.post(f"/notifications/1/read?studio_id={STUDIO_A}", headers=staff_of_a)
    counted = any_client.get(f"/notifications/unread-count?studio_id={STUDIO_A}", headers=staff_of_a)
    all_read = any_client.post(f"/notifications/read-all?studio_id={STUDIO_A}", headers=staff_of_a)

    assert read.status_code == 200 and read.get_json()["read"] is True
    assert counted.get_json() == {"unread": 1}
    assert all_read.get_json() == {"marked": 1, "unread": 0}
    of_b = any_client.get(f"/notifications?studio_id={STUDIO_B}", headers=_token([STUDIO_B])).get_json()
    assert of_b["unread"] == 2


def test_a_facilitators_own_inbox_is_as_before_and_their_studio_too(any_client, studios):
    """A seed facilitator's token without studio_id reads their own notifications, whatever studio; with their
    studio's id (the main API names it: they own it), the studio's."""
    token = _token([STUDIO_B], role="facilitator", user_id=FACILITATOR_ID)

    own = any_client.get("/notifications", headers=token).get_json()
    studio = any_client.get(f"/notifications?studio_id={STUDIO_B}", headers=token).get_json()
    count = any_client.get("/notifications/unread-count", headers=token).get_json()

    assert [item["id"] for item in own["items"]] == [5, 4, 1] and count == {"unread": 3}
    assert [item["id"] for item in studio["items"]] == studios[STUDIO_B]
    assert any_client.get(f"/notifications?studio_id={STUDIO_A}", headers=token).status_code == 403


def test_the_service_token_lists_any_studio_and_has_no_inbox(any_client, studios):
    listed = any_client.get(f"/notifications?studio_id={STUDIO_B}", headers=AUTH)

    assert [item["id"] for item in listed.get_json()["items"]] == studios[STUDIO_B]
    assert any_client.get(f"/notifications/unread-count?studio_id={STUDIO_B}", headers=AUTH).status_code == 403


def test_a_bad_studio_id_is_a_400(any_client, studios):
    answer = any_client.get("/notifications/unread-count?studio_id=abc", headers=_token([STUDIO_A]))

    assert answer.status_code == 400 and "studio_id" in answer.get_json()["error"]["details"]
