"""People sign a required form's version 1 and book while the studio publishes version 2, on both databases: a
signature of version 1 is given before version 2 or refused, and a booking goes through only when the version
current at its read was signed; a refusal names the version to sign, and version 2 is asked of everyone after."""

import pytest
from racing import race
from signed_forms import signing

from main_app.extensions import db
from main_app.models import Booking

pytestmark = pytest.mark.both_databases


def _sign_then_book(client, form: dict, session_id: int) -> tuple[int, int, list]:
    """(signing's status, booking's status, the versions the booking's refusal names)."""
    signed = client.post(f"/me/forms/{form['id']}/signatures", json=signing(form["current_version"]["id"]))
    booked = client.post("/bookings/book", json={"session_id": session_id})
    named = [f["version"] for f in booked.get_json()["error"]["details"]["forms"]] if booked.status_code == 409 else []
    return signed.status_code, booked.status_code, named


def test_a_booking_racing_a_new_version_needs_the_version_it_read_signed(
    app, studio, published, make_session, make_user, client_for
):
    form = published()
    session = make_session(studio_id=studio.id, capacity=10)
    people = [client_for(make_user(name=f"Racer {n}")) for n in range(4)]
    studio.owner.patch(f"{studio.base}/forms/{form['id']}", json={"body": "Version two."})
    publish = [lambda: ("publish", studio.owner.post(f"{studio.base}/forms/{form['id']}/versions").status_code)]
    racers = [lambda c=c: ("person", _sign_then_book(c, form, session.id)) for c in people]
    answers = race(publish + racers)
    assert ("publish", 201) in answers
    outcomes = [outcome for kind, outcome in answers if kind == "person"]
    for signed, booked, named in outcomes:
        assert signed in (201, 409) and booked in (201, 409)
        if signed == 409:  # version 2 was current when they signed: it is the one their booking needs
            assert (booked, named) == (409, [2])
        elif booked == 409:  # signed version 1 in time, but version 2 came before their booking's read
            assert named == [2]
    with app.app_context():
        assert db.session.query(Booking).count() == sum(1 for _s, booked, _n in outcomes if booked == 201)
    after = make_session(studio_id=studio.id)
    for client in people:
        refused = client.post("/bookings/book", json={"session_id": after.id})
        assert refused.status_code == 409 and refused.get_json()["error"]["details"]["forms"][0]["version"] == 2
