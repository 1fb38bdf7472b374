"""A guardian invites a second guardian by email: the link, signed for the invited address and good for seven days,
makes that account the family's second guardian, who then books for the children too; an account in a family, a
family with two guardians, another account and a link tampered with are refused."""

import re
from email import message_from_bytes, policy

import pytest
from racing import race

from main_app.extensions import db
from main_app.models import FamilyGuardian, utcnow
from main_app.services.emails.compose import compose
from main_app.services.family import complete_invitation

MEERA = "meera@example.com"


@pytest.fixture
def meera(make_user):
    return make_user(name="Meera Iyer", email=MEERA)


def _invite(app, client, email_outbox, email: str = MEERA) -> tuple[str, str]:
    """Invite email; the token its link carries and the email's text, as the email lane writes it."""
    sent = client.post("/me/family/invitations", json={"email": email})
    assert sent.status_code == 202, sent.get_json()
    snapshot = [m for m in email_outbox() if m["type"] == "family_invitation"][-1]["payload"]["snapshot"]
    assert "accept_url" not in snapshot  # signed as it goes, never stored
    with app.test_request_context():
        built = compose(
            "family_invitation", complete_invitation(snapshot), outbox_id="0" * 32, sender="a@b.c",
            web_url="http://w", stamp=utcnow(),
        )  # fmt: skip
    text = message_from_bytes(built.as_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    return re.search(r"/family-invitations/(\S+)", text).group(1), built["Subject"]


def test_an_invited_guardian_joins_and_books_for_the_children(
    app, user, user_client, meera, client_for, add_child, email_outbox, make_session
):
    asha = add_child(user_client)
    token, subject = _invite(app, user_client, email_outbox)
    assert subject == f"{user.name} invites you to their family on Sessions & Retreats"
    meera_client = client_for(meera)
    joined = meera_client.post(f"/me/family/invitations/{token}/accept")
    assert joined.status_code == 200 and joined.get_json() == {"role": "second"}
    assert [c["id"] for c in meera_client.get("/me/family/children").get_json()["items"]] == [asha["id"]]
    session = make_session()
    booked = meera_client.post("/bookings/book", json={"session_id": session.id, "dependent_id": asha["id"]})
    assert booked.status_code == 201 and booked.get_json()["for"]["id"] == asha["id"]


def test_links_are_refused_for_another_account_a_tampered_token_and_a_full_family(
    app, user_client, meera, make_user, client_for, email_outbox, assert_error
):
    token, _subject = _invite(app, user_client, email_outbox)
    stranger = client_for(make_user(name="Stranger"))
    assert_error(stranger.post(f"/me/family/invitations/{token}/accept"), 403, "invitation_for_another_account")
    assert_error(stranger.post(f"/me/family/invitations/{token[:-2]}xx/accept"), 404, "invitation_not_found")
    assert client_for(meera).post(f"/me/family/invitations/{token}/accept").status_code == 200
    assert_error(client_for(meera).post(f"/me/family/invitations/{token}/accept"), 409, "family_already")
    assert_error(user_client.post("/me/family/invitations", json={"email": "x@example.com"}), 409, "family_full")


@pytest.mark.both_databases
def test_two_invitations_accepted_at_once_make_one_second_guardian(
    app, user, user_client, make_user, client_for, email_outbox
):
    invited = [make_user(name=f"Invited {n}", email=f"invited{n}@example.com") for n in range(2)]
    tokens = [_invite(app, user_client, email_outbox, account.email)[0] for account in invited]
    clients = [client_for(account) for account in invited]
    answers = race(
        [lambda c=c, t=t: c.post(f"/me/family/invitations/{t}/accept") for c, t in zip(clients, tokens, strict=True)]
    )
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    with app.app_context():
        assert db.session.query(FamilyGuardian).filter_by(role="second").count() == 1
