"""Typo-tolerant search of the client book: one contract on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), by name,
email or phone; another studio's clients and merged clients never appear."""

import datetime as dt

import pytest
from client_book_payloads import OTHER_STUDIO, SLUG, booking, staff_token
from crm_payloads import AUTH

from crm_microservice.services.clients.search import digits_of, typos

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
PEOPLE = {
    "asha": {"id": 456, "name": "Asha Rao", "email": "asha.rao@sunrise.test", "phone": "+919812345678"},
    "sasha": {"id": 457, "name": "Sasha Iyer", "email": "sasha@mail.test", "phone": "+14155550101"},
    "aaron": {"id": 458, "name": "Aaron Shaw", "email": "aaron@mail.test"},
    "twin": {"id": 459, "name": "Asha R", "email": "asha.r@mail.test", "phone": "+919812345678"},
}
THEIRS = {"id": 460, "name": "Asha Rao", "email": "asha@moonrise.test", "phone": "+919812345678"}


@pytest.fixture
def searched(app):
    """The studio's three clients and a fourth merged into Asha; another studio's Asha Rao with her phone."""
    client = app.test_client()
    for n, person in enumerate(PEOPLE.values(), start=1):
        payload = booking("booking_created", n, NOW, NOW - dt.timedelta(minutes=n), user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    theirs = booking("booking_created", 9, NOW, NOW, user=THEIRS, studio=OTHER_STUDIO)
    assert client.post("/notify", json=theirs, headers=AUTH).status_code == 201
    ids = {item["user_id"]: item["id"] for item in _search(client, None)}
    merged = client.post(
        f"/api/studios/{SLUG}/clients/{ids[459]}/merge", json={"into": ids[456]}, headers=staff_token("owner")
    )
    assert merged.status_code == 200
    return client


def _search(client, q: str | None) -> list[dict]:
    query = {"per_page": 100} | ({"q": q} if q is not None else {})
    answer = client.get(f"/api/studios/{SLUG}/clients", query_string=query, headers=staff_token("owner"))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Asha Rao", ["Asha Rao"]),  # exact
        ("asha rao", ["Asha Rao"]),
        ("Ash", ["Asha Rao", "Sasha Iyer"]),  # a prefix first, then a part
        ("as", ["Asha Rao", "Sasha Iyer"]),  # too short for trigrams: parts only
        ("Ahsa", ["Asha Rao", "Sasha Iyer"]),  # two letters swapped
        ("Asgha", ["Asha Rao", "Sasha Iyer"]),  # a letter too many
        ("Ashq Rao", ["Asha Rao"]),  # a letter wrong
        ("Shaw", ["Aaron Shaw"]),
        ("sunrise", ["Asha Rao"]),  # part of an email
        ("SASHA@MAIL", ["Sasha Iyer"]),
        ("98123 45678", ["Asha Rao"]),  # a phone, spaced differently, its twin merged and the other studio's hidden
        ("9812345678", ["Asha Rao"]),
        ("415-555", ["Sasha Iyer"]),  # punctuation ignored
        ("(415) 555-0101", ["Sasha Iyer"]),
        ("zz", []),
        ("Zebedee", []),
        ("100%", []),  # LIKE's wildcards are literal
        ("a_a", []),
    ],
)
def test_search_finds_by_name_email_or_phone_with_a_typo(searched, q, expected):
    assert [item["name"] for item in _search(searched, q)] == expected


def test_another_studios_and_merged_clients_never_appear(searched):
    for q in ("Asha", "asha rao", "98123", "moonrise", "asha.r@mail"):
        found = _search(searched, q)
        assert {item["user_id"] for item in found} <= {456, 457, 458}, q
        assert all(item["email"] != THEIRS["email"] for item in found), q


def test_a_changed_name_or_phone_is_found_under_the_new_one(searched):
    renamed = PEOPLE["aaron"] | {"name": "Aarav Menon", "phone": "+442079460958"}
    payload = booking("booking_created", 20, NOW, NOW, user=renamed)
    assert searched.post("/notify", json=payload, headers=AUTH).status_code == 201

    assert [item["name"] for item in _search(searched, "Menon")] == ["Aarav Menon"]
    assert [item["name"] for item in _search(searched, "7946 0958")] == ["Aarav Menon"]
    assert _search(searched, "Shaw") == []


def test_typos_and_digits():
    patterns = dict(typos("ahsa"))
    assert set(patterns) == {"asha", "hasa", "ahas", "a_hsa", "ahs_a"}  # four letters: swaps, a letter missing
    assert dict(typos("rohn"))["roh_n"] == ("roh",)  # "Rohan" with its a left out
    found = dict(typos("asgha"))
    assert found["asha"] == ("asha",) and found["asgh_"] == ("asgh",) and found["a_gha"] == ("gha",)
    assert "as_ha" not in found  # no run of three to look up
    assert dict(typos("asha rao"))["asha_rao"] == ("asha", "rao")  # a row must hold both
    assert all("\\%" in pattern for pattern in dict(typos("100% off")) if "%" in pattern)  # escaped
    assert typos("ash") == [] and typos("12345") == []
    assert digits_of("+91 (981) 23-45") == "919812345" and digits_of("n/a") is None


def test_a_searchs_pages_count_every_match_past_the_last_page_too(searched):
    owner = staff_token("owner")
    pages = [
        searched.get(
            f"/api/studios/{SLUG}/clients", query_string={"q": "sha", "per_page": 1, "page": page}, headers=owner
        )
        for page in (1, 3, 4)
    ]

    assert [page.status_code for page in pages] == [200, 200, 200]
    bodies = [page.get_json() for page in pages]  # Asha, Sasha and Shaw
    assert [body["total"] for body in bodies] == [3, 3, 3] and [body["pages"] for body in bodies] == [3, 3, 3]
    assert [len(body["items"]) for body in bodies] == [1, 1, 0]


def test_typos_join_a_search_only_while_few_clients_match_it_as_typed(app):
    """Nine Rohans and a Rohna: "rohan" finds all ten; a tenth Rohan and the typo's match is left out, in the list and
    its CSV alike (the person sought is among the exact matches; a common name's variants would test thousands)."""
    client = app.test_client()
    owner = staff_token("owner")

    def book(n: int, name: str):
        person = {"id": 700 + n, "name": name, "email": f"person{n}@mail.test"}
        payload = booking("booking_created", 70 + n, NOW, NOW, user=person)
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201

    def found() -> tuple[set, set]:
        listed = {item["name"] for item in _search(client, "rohan")}
        csv = client.get(f"/api/studios/{SLUG}/clients.csv", query_string={"q": "rohan"}, headers=owner).get_data(True)
        return listed, {name for name in listed | {"Rohna Shah"} if name in csv}

    book(0, "Rohna Shah")
    for n in range(1, 10):
        book(n, f"Rohan Client{n}")
    assert found() == ({"Rohna Shah", *(f"Rohan Client{n}" for n in range(1, 10))},) * 2

    book(10, "Rohan Client10")
    assert found() == ({f"Rohan Client{n}" for n in range(1, 11)},) * 2
