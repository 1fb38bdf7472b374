"""flask --app main_app create-admin: the first platform admin of a production install; the long-running commands'
logs."""

import logging

from sqlalchemy import select

from main_app.cli import log_at_info
from main_app.extensions import db
from main_app.models import ROLE_ADMIN, User


def _role_of(app, email: str):
    with app.app_context():
        return db.session.scalar(select(User.role).where(User.email == email))


def test_create_admin_makes_a_platform_admin_who_can_sign_in(app, client):
    run = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "Root@Example.com", "--name", "Root"], input="long-enough-9\nlong-enough-9\n"
    )
    assert run.exit_code == 0, run.output
    assert "root@example.com" in run.output
    assert _role_of(app, "root@example.com") == ROLE_ADMIN
    login = client.post("/auth/login", json={"email": "root@example.com", "password": "long-enough-9"})
    assert login.status_code == 200, login.get_json()


def test_create_admin_refuses_a_taken_email_a_short_password_and_a_non_address(app, user):
    runner = app.test_cli_runner()
    taken = runner.invoke(args=["create-admin", "--email", user.email, "--name", "X", "--password", "long-enough-9"])
    assert taken.exit_code != 0 and "already exists" in taken.output
    short = runner.invoke(args=["create-admin", "--email", "a@b.example", "--name", "X", "--password", "short"])
    assert short.exit_code != 0 and "8 to 128" in short.output
    bad = runner.invoke(args=["create-admin", "--email", "nobody", "--name", "X", "--password", "long-enough-9"])
    assert bad.exit_code != 0 and "not an email" in bad.output
    assert _role_of(app, "a@b.example") is None


def test_the_dispatchers_log_leaves_out_the_glyphs_of_each_invoice_pdf():
    root, chatty = logging.getLogger(), logging.getLogger("fontTools")
    before = root.level, chatty.level
    subsetter = logging.getLogger("fontTools.subset")  # logs each glyph it keeps, at INFO
    try:
        root.setLevel(logging.INFO)  # as the dispatcher's log is (basicConfig keeps a level set before it)
        chatty.setLevel(logging.NOTSET)
        assert subsetter.isEnabledFor(logging.INFO)
        log_at_info("dispatcher")
        assert root.isEnabledFor(logging.INFO) and not subsetter.isEnabledFor(logging.INFO)
        assert subsetter.isEnabledFor(logging.WARNING)
    finally:
        root.setLevel(before[0])
        chatty.setLevel(before[1])
