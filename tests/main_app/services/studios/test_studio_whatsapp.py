"""A studio's own WhatsApp Business number: its owner connects it (ids and secrets checked for their shape, the
secrets sealed with Fernet, never shown again, audited by the token's hint), its messages go through it and its
webhooks are told apart from another studio's and the install's; without one, the install's number serves it."""

import base64
import hashlib
import hmac
import json

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet
from racing import race

from main_app.cli import rotate_whatsapp_keys_command
from main_app.extensions import db
from main_app.models import AuditEntry, StudioWhatsapp
from main_app.services.chats import (
    WEBHOOK_PATH,
    Connection,
    SecretsLost,
    connection_for,
    connection_of_number,
    install_connection,
    webhook_connection,
)
from main_app.services.common import Sealer, Unsealable
from main_app.services.payments import accounts

KEYS_KEY = Fernet.generate_key().decode()
INSTALL = {
    "WHATSAPP_PHONE_NUMBER_ID": "100000000000001",
    "WHATSAPP_BUSINESS_ACCOUNT_ID": "200000000000001",
    "WHATSAPP_ACCESS_TOKEN": "EAAInstallWideSystemUserTokenForTheseTests0001",
    "WHATSAPP_APP_SECRET": "0123456789abcdef0123456789abcdef",
    "WHATSAPP_VERIFY_TOKEN": "install-verify-token-for-these-tests",
}


def number_of(n: int) -> dict:
    """A studio's own number's five fields (the n-th of these tests')."""
    return {
        "phone_number_id": f"10654035224292{n}",
        "business_account_id": f"10229012934039{n}",
        "access_token": f"EAAGStudioOwnSystemUserToken{n}ForTheseTestsOnly{n}wxyz",
        "app_secret": f"{n}bcdef0123456789abcdef012345678{n}",
        "verify_token": f"studio-{n}-verify-token-of-its-own",
    }


@pytest.fixture
def app(make_app):
    return make_app(WHATSAPP_KEYS_KEY=KEYS_KEY, **INSTALL)


def connect(team, fields: dict, role: str = "owner"):
    return team.clients[role].put(f"/api/studios/{team.slug}/whatsapp", json=fields)


def test_the_owner_connects_a_number_whose_secrets_are_sealed_never_shown_and_audited_by_hint(app, team):
    fields = number_of(1)
    before = team.clients["owner"].get(f"/api/studios/{team.slug}/whatsapp").get_json()
    assert (before["connected"], before["sends_through"], before["install_phone_number_id"]) == (
        False, "install", INSTALL["WHATSAPP_PHONE_NUMBER_ID"],
    )  # fmt: skip
    answer = connect(team, fields)
    assert answer.status_code == 200, answer.get_json()
    shown = answer.get_json()
    assert (shown["connected"], shown["sends_through"], shown["secrets_hint"]) == (True, "own", "EAA…wxyz")
    assert shown["phone_number_id"] == fields["phone_number_id"] and shown["secrets_set_at"]
    assert shown["webhook_url"].endswith(f"{WEBHOOK_PATH}/{team.slug}") and WEBHOOK_PATH == "/whatsapp/webhook"
    for name in ("access_token", "app_secret", "verify_token"):
        assert fields[name] not in json.dumps(shown)
    assert team.clients["owner"].get(f"/api/studios/{team.slug}/whatsapp").get_json() == shown
    with app.app_context():
        stored = db.session.get(StudioWhatsapp, team.id).secrets
        assert not any(fields[name] in stored for name in ("access_token", "app_secret", "verify_token"))
        entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "studio.whatsapp_changed")).one()
        assert (entry.before, entry.after) == (
            {"phone_number_id": None, "secrets_hint": None},
            {"phone_number_id": fields["phone_number_id"], "secrets_hint": "EAA…wxyz"},
        )
        assert fields["access_token"] not in json.dumps([entry.before, entry.after, entry.labels])


def test_fields_of_the_wrong_shape_are_named_and_nothing_is_kept(app, team, assert_error):
    wrong = {**number_of(1), "phone_number_id": "+91 98123 45678", "access_token": "sk_live_not_a_meta_token_at_all"}
    answer = connect(team, {**wrong, "app_secret": "0123456789ABCDEF0123456789ABCDEF"})
    assert_error(answer, 400, "validation_error")
    assert set(answer.get_json()["error"]["details"]) == {"phone_number_id", "access_token", "app_secret"}
    missing = {key: value for key, value in number_of(1).items() if key != "verify_token"}
    assert_error(connect(team, missing), 400, "validation_error", "verify_token")
    assert_error(connect(team, {**number_of(1), "webhook_url": "x"}), 400, "validation_error", "webhook_url")
    assert_error(connect(team, number_of(1), role="manager"), 403, "forbidden")  # studio.whatsapp: owners only
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StudioWhatsapp)) == 0


def test_one_number_serves_one_studio_and_never_the_installs(app, make_team, assert_error):
    lotus, shanti = make_team("Lotus Yoga"), make_team("Shanti Hall")
    assert connect(lotus, number_of(1)).status_code == 200
    assert_error(connect(shanti, number_of(1)), 409, "whatsapp_number_taken")
    install_number = {**number_of(2), "phone_number_id": INSTALL["WHATSAPP_PHONE_NUMBER_ID"]}
    assert_error(connect(shanti, install_number), 409, "whatsapp_number_taken")
    assert connect(lotus, number_of(3)).status_code == 200  # Lotus moves to another number
    assert connect(shanti, number_of(1)).status_code == 200  # and its old one is free


def test_messages_and_webhooks_go_through_the_studios_own_number_else_the_installs(app, make_team):
    lotus, shanti = make_team("Lotus Yoga"), make_team("Shanti Hall")
    assert connect(lotus, number_of(1)).status_code == 200
    with app.app_context():
        own, other = connection_for(lotus.id, app.config), connection_for(shanti.id, app.config)
        assert isinstance(own, Connection) and isinstance(other, Connection)
        assert (own.studio_id, own.phone_number_id, own.access_token) == (
            lotus.id, number_of(1)["phone_number_id"], number_of(1)["access_token"],
        )  # fmt: skip
        assert (own.app_secret, own.verify_token) == (number_of(1)["app_secret"], number_of(1)["verify_token"])
        assert own.api_base == app.config["WHATSAPP_API_BASE"]  # the install's: a studio names only its number
        assert other == install_connection(app.config) and other.studio_id is None
        assert number_of(1)["access_token"] not in repr(own)  # never in a log line
        assert connection_of_number(number_of(1)["phone_number_id"], app.config) == own
        assert connection_of_number(INSTALL["WHATSAPP_PHONE_NUMBER_ID"], app.config) == other
        assert connection_of_number("999999999999", app.config) is None
        assert webhook_connection(lotus.slug, app.config) == own
        assert webhook_connection(shanti.slug, app.config) is None  # no number of its own: no door of its own
        assert webhook_connection(None, app.config) == other
        assert connection_for(lotus.id, {**app.config, **dict.fromkeys(INSTALL, "")}) == own
        assert connection_for(shanti.id, {**app.config, **dict.fromkeys(INSTALL, "")}) is None  # no WhatsApp
        with pytest.raises(SecretsLost):  # never the install's instead: the person expects the studio's
            connection_for(lotus.id, {**app.config, "WHATSAPP_KEYS_KEY": Fernet.generate_key().decode()})


def test_disconnecting_deletes_the_secrets_and_sends_through_the_install_again(app, team):
    assert connect(team, number_of(1)).status_code == 200
    gone = team.clients["owner"].delete(f"/api/studios/{team.slug}/whatsapp")
    assert gone.status_code == 200
    assert (gone.get_json()["connected"], gone.get_json()["sends_through"]) == (False, "install")
    assert team.clients["owner"].delete(f"/api/studios/{team.slug}/whatsapp").status_code == 200  # nothing to do
    with app.app_context():
        assert db.session.get(StudioWhatsapp, team.id) is None
        actions = db.session.scalars(sa.select(AuditEntry.after).where(AuditEntry.action == "studio.whatsapp_changed"))
        assert list(actions)[-1] == {"phone_number_id": None, "secrets_hint": None}
        assert connection_for(team.id, app.config).studio_id is None


def test_rotation_seals_every_studios_secrets_with_the_new_key_first(app, make_app, team):
    assert connect(team, number_of(1)).status_code == 200
    new_key = Fernet.generate_key().decode()
    rotated_app = make_app(WHATSAPP_KEYS_KEY=f"{new_key},{KEYS_KEY}", **INSTALL)
    result = rotated_app.test_cli_runner().invoke(rotate_whatsapp_keys_command)
    assert "Sealed again: 1 studios' WhatsApp secrets." in result.output, result.output
    with rotated_app.app_context():
        sealed = db.session.get(StudioWhatsapp, team.id).secrets
        assert Fernet(new_key).decrypt(sealed.encode())  # the old key is no longer needed
        alone = {**rotated_app.config, "WHATSAPP_KEYS_KEY": new_key}
        assert connection_for(team.id, alone).access_token == number_of(1)["access_token"]


def test_payments_and_whatsapp_share_the_sealing_but_not_a_derived_key(app):
    """Without their settings, both derive a key from SECRET_KEY, each its own; payment keys sealed before the
    helper was shared still open."""
    config = {"SECRET_KEY": "a-secret-key-for-this-test-only-0123456789"}
    sealed = accounts.seal(config, {"secret_key": "sk_test_x"})
    assert accounts.unseal(config, sealed) == {"secret_key": "sk_test_x"}
    with pytest.raises(Unsealable, match="WHATSAPP_KEYS_KEY"):
        Sealer("WHATSAPP_KEYS_KEY", b"studio-whatsapp-secrets").unseal(config, sealed)
    derived = hmac.new(config["SECRET_KEY"].encode(), b"studio-payment-keys", hashlib.sha256).digest()
    before = Fernet(base64.urlsafe_b64encode(derived)).encrypt(b'{"secret_key": "sk_test_old"}').decode()
    assert accounts.unseal(config, before) == {"secret_key": "sk_test_old"}


@pytest.mark.both_databases
def test_two_studios_connecting_one_number_at_once_get_it_once(app, make_team):
    lotus, shanti = make_team("Lotus Yoga"), make_team("Shanti Hall")
    answers = race([lambda team=team: connect(team, number_of(1)) for team in (lotus, shanti)])
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StudioWhatsapp)) == 1
