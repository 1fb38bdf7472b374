"""Whose language: a person chooses theirs (PATCH /auth/me), a request without one speaks the browser's best match
(Accept-Language), else English; error messages speak it while their codes stay; a message to someone goes in their
choice, else their booking's, else their studio's default."""

from types import SimpleNamespace

import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from main_app.services.languages import language_for, request_language

NO_BOOKING = "/bookings/999999"


def test_a_person_chooses_their_language_and_the_errors_they_get_speak_it(user_client, assert_error):
    assert user_client.get("/auth/me").get_json()["language"] is None
    chosen = user_client.patch("/auth/me", json={"language": "mr"})
    assert chosen.status_code == 200 and chosen.get_json()["language"] == "mr"
    assert user_client.get("/auth/me").get_json()["language"] == "mr"
    # A route that read the token speaks the person's choice, whatever the browser asks for; the code stays.
    error = assert_error(user_client.get(NO_BOOKING, headers={"Accept-Language": "hi"}), 404, "booking_not_found")
    assert error["message"] == "बुकिंग 999999 अस्तित्वात नाही."
    cleared = user_client.patch("/auth/me", json={"language": None})
    assert cleared.get_json()["language"] is None
    error = assert_error(
        user_client.get(NO_BOOKING, headers={"Accept-Language": "hi-IN,en;q=0.5"}), 404, "booking_not_found"
    )
    assert error["message"] == "बुकिंग 999999 मौजूद नहीं है।"


@pytest.mark.parametrize("language", ["fr", "", "HI", 7])
def test_a_language_we_do_not_speak_is_refused(user_client, assert_error, language):
    error = assert_error(user_client.patch("/auth/me", json={"language": language}), 400, "validation_error")
    assert "language" in error["details"]


@pytest.mark.parametrize(
    "header, message",
    [
        ("hi", "अमान्य इनपुट: language।"),
        ("mr-IN,mr;q=0.9", "अवैध इनपुट: language."),
        ("de-DE,fr;q=0.8", "Invalid input: language."),
        (None, "Invalid input: language."),
    ],
)
def test_without_a_choice_the_browsers_language_speaks(user_client, header, message):
    headers = {"Accept-Language": header} if header else {}
    refused = user_client.patch("/auth/me", json={"language": "fr"}, headers=headers)
    assert refused.status_code == 400 and refused.get_json()["error"]["message"] == message


def test_a_public_error_speaks_the_browsers_language(client, assert_error):
    error = assert_error(client.get("/events/999999", headers={"Accept-Language": "hi"}), 404, "event_not_found")
    assert error["message"] == "कार्यक्रम 999999 मौजूद नहीं है।"


def _accepting(header: str) -> LanguageAccept:
    return parse_accept_header(header, LanguageAccept)


@pytest.mark.parametrize(
    "chosen, header, spoken",
    [
        ("mr", "hi", "mr"),
        (None, "hi-IN,en;q=0.8", "hi"),
        (None, "en-GB,mr;q=0.9", "en"),
        (None, "ta,mr;q=0.5", "mr"),
        (None, "hi;q=0,ta", None),  # none we speak: answered in English, and a booking takes its studio's language
        ("xx", "", None),
    ],
)
def test_the_language_a_request_asks_for(chosen, header, spoken):
    assert request_language(chosen, _accepting(header)) == spoken


@pytest.mark.parametrize(
    "person, studio, spoken",
    [
        (SimpleNamespace(language="hi"), SimpleNamespace(default_language="mr"), "hi"),
        (SimpleNamespace(language=None), SimpleNamespace(default_language="mr"), "mr"),
        (None, {"default_language": "hi"}, "hi"),  # a guest without an account, a snapshot's studio
        ({"language": "ta"}, None, "en"),
        (None, None, "en"),
    ],
)
def test_a_message_speaks_the_persons_choice_else_the_studios(person, studio, spoken):
    assert language_for(person, studio) == spoken
