"""Names in two scripts in the client book: a client's other_name beside their name, found by either in any case
with one typo, Devanagari conjuncts, vowel signs and nukta included, and the list by name in one order on SQLite and
PostgreSQL."""

import csv
import datetime as dt
import io
import unicodedata

import pytest
from client_book_payloads import SLUG, STUDIO, booking, staff_token, typed
from crm_payloads import AUTH

from crm_microservice.extensions import db
from crm_microservice.services.clients import rebuild
from crm_microservice.services.clients.names import sort_key
from crm_microservice.services.clients.search import digits_of

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
# Seen one minute apart, the first most recently: a tie of search's tiers lists them in this order on both databases.
PEOPLE = [
    {"id": 470, "name": "Priya Sharma", "other_name": "प्रिया शर्मा", "email": "priya@example.com"},
    {"id": 471, "name": "क्षितिज देशपांडे", "other_name": "Kshitij Deshpande", "email": "kd@example.com"},
    {"id": 472, "name": "श्रीकांत जोशी", "email": "shri@example.com", "phone": "+919822012345"},
    {"id": 473, "name": "Priyanka Rao", "email": "rao@example.com"},
    # Typed with the precomposed nukta letter (U+095B): NFC writes it as ज and its nukta apart.
    {"id": 474, "name": "\u095b\u094b\u092f\u093e Khan", "email": "zoya@example.com"},
]
NAMES = {person["id"]: person["name"] for person in PEOPLE}


@pytest.fixture
def book(app):
    client = app.test_client()
    for n, person in enumerate(PEOPLE, start=1):
        payload = booking("booking_created", n, NOW, NOW - dt.timedelta(minutes=n), user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    return client


def _listed(client, **query) -> list[dict]:
    answer = client.get(
        f"/api/studios/{SLUG}/clients", query_string={"per_page": 100, **query}, headers=staff_token("owner")
    )
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def _found(client, q: str) -> list[int]:
    return [item["user_id"] for item in _listed(client, q=q)]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("प्रिया", [470]),  # the other name, as typed
        ("Priya", [470, 473]),  # a word's start: both, the more recent first
        ("priya sharma", [470]),
        ("PRIYA SHARMA", [470]),
        ("शर्मा", [470]),  # a word of the other name
        ("रिया", [470]),  # a part of a word, from inside a conjunct
        ("क्षितिज", [471]),
        ("kshitij", [471]),
        ("tij desh", [471]),
        ("देशपांडे", [471]),
        ("श्रीकांत", [472]),
        ("कांत", [472]),
        ("९८२२०", [472]),  # phone digits typed in Devanagari
        ("ज़ोया", [474]),  # the nukta apart, as NFC writes it
        ("\u095b\u094b\u092f\u093e", [474]),  # the precomposed letter, as some keyboards type it
        ("zoya", [474]),  # the email
        ("Ritu", []),
        ("क्ष", [471]),  # two letters and a virama: three code points, one trigram
    ],
)
def test_either_name_finds_the_client_in_any_script_and_case(book, q, expected):
    assert _found(book, q) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("प्रीया", [470]),  # ि typed as ी: a vowel sign changed
        ("प्रियया", [470]),  # a letter too many
        ("परिया", [470]),  # र typed for ्र: the virama missing
        ("क्षितीज", [471]),
        ("क्षतिज", [471]),  # a vowel sign left out inside
        ("श्रिकांत", [472]),
        ("श्रीकंात", [472]),  # two signs swapped
        ("Kshtiij", [471]),  # the other name, two letters swapped
    ],
)
def test_one_typo_in_devanagari_or_latin_is_forgiven(book, q, expected):
    assert _found(book, q) == expected


def test_the_list_by_name_is_in_dictionary_order_on_both_databases(app):
    """Latin A to Z (case and accents aside), then Devanagari as a Hindi dictionary orders it: anusvara first, a
    letter before another consonant before its vowel signs, conjuncts (क्ष, ज्ञ) after the vowel signs."""
    ordered = [
        "asha Mehta",
        "Émile Roy",
        "Zoya Khan",
        "अजय",
        "आशा",
        "इंदु",
        "कंचन",
        "कमला",
        "किरण",
        "कौशल",
        "क्षमा पाटील",
        "जया",
        "ज्ञानेश",
        "श्रीकांत",
    ]
    client = app.test_client()
    for n, name in enumerate(reversed(ordered), start=1):
        person = {"id": 500 + n, "name": name, "email": f"p{n}@example.com"}
        payload = booking("booking_created", n, NOW, NOW, user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    assert [item["name"] for item in _listed(client, sort="name")] == ordered
    assert [item["name"] for item in _listed(client, sort="name", q="श्")] == ["श्रीकांत"]
    assert sort_key("  Émile\u0301  ROY ") == "emile roy" and sort_key(None) is None
    assert client.get(f"/api/studios/{SLUG}/clients?sort=age", headers=staff_token("owner")).status_code == 400


def test_other_name_is_told_with_the_person_and_kept_otherwise(book, app):
    """A notification telling the person's other name brings it (null: none); one that does not (a pass's credit, a
    booking from a sender that does not know the field, a rebuild's replay of stored notifications) leaves it."""
    priya = next(item for item in _listed(book) if item["user_id"] == 470)
    assert priya["other_name"] == "प्रिया शर्मा" and priya["name"] == "Priya Sharma"
    profile = book.get(f"/api/studios/{SLUG}/clients/{priya['id']}", headers=staff_token("owner")).get_json()
    assert profile["other_name"] == "प्रिया शर्मा"

    no_person = typed("credit_spent", NOW, user_id=470, pass_id=5, credits_left=3)
    assert book.post("/notify", json=no_person, headers=AUTH).status_code == 201
    assert _found(book, "प्रिया") == [470]
    with app.app_context():
        rebuild(STUDIO)
        db.session.remove()
    assert _found(book, "प्रिया") == [470]

    renamed = typed("client_imported", NOW, user_id=470, user=PEOPLE[0] | {"other_name": "प्रिया श. शर्मा"})
    assert book.post("/notify", json=renamed, headers=AUTH).status_code == 201
    assert _found(book, "श. शर्मा") == [470]
    without = {key: value for key, value in PEOPLE[0].items() if key != "other_name"}
    for payload in (
        booking("booking_created", 40, NOW, NOW, user=without),
        typed("pass_purchased", NOW, user_id=470, user=without),
    ):
        assert book.post("/notify", json=payload, headers=AUTH).status_code == 201
    assert _found(book, "श. शर्मा") == [470]
    payload = booking("booking_created", 41, NOW, NOW, user=PEOPLE[0] | {"other_name": None})
    assert book.post("/notify", json=payload, headers=AUTH).status_code == 201
    assert _found(book, "प्रिया") == [] and _found(book, "Priya Sharma") == [470]


def test_the_csv_carries_the_other_name(book):
    answer = book.get(f"/api/studios/{SLUG}/clients.csv", headers=staff_token("owner"))
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    by_name = {row["name"]: row["other_name"] for row in rows}
    assert by_name["Priya Sharma"] == "प्रिया शर्मा" and by_name["श्रीकांत जोशी"] == ""
    assert unicodedata.is_normalized("NFC", "".join(by_name)) and "\u095b" not in "".join(by_name)


def test_digits_of_any_script():
    assert digits_of("+91 ९८२२०-१२३४५") == "919822012345" and digits_of("प्रिया") is None
