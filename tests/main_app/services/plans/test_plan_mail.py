"""An instalment's pay link through the real email lane and a real SMTP server: a transient refusal is retried, and
the person receives the link exactly once, however often the lanes run."""

import pytest

pytestmark = pytest.mark.both_databases


@pytest.fixture
def app(make_app, smtp_server):
    """The main API mailing through the test's SMTP server: one quick try, then the schedule (0 s: due at once)."""
    return make_app(MAIL_URL=smtp_server.url, MAIL_QUICK_RETRIES=1, MAIL_RETRY_SCHEDULE=[0.0, 0.0, 0.0])


def test_a_pay_link_refused_once_by_smtp_arrives_exactly_once(
    retreat, user_client, book_and_pay, make_due, payments_lane, drainer, smtp_server, email_outbox
):
    mail = drainer("email")
    booking = book_and_pay(user_client, retreat().id)
    mail()
    before = len(smtp_server.received)
    make_due("due", 1)
    payments_lane()
    payments_lane()  # delivered once: running the lane again writes nothing more
    smtp_server.answers = ["421 Service not available, try again later"]
    mail()
    mail()
    [link] = smtp_server.wait_for(before + 1)[before:]
    assert link["Subject"].startswith("Instalment due: ")
    assert f"/bookings/{booking['id']}/instalments/1/pay" in link.get_body(("plain",)).get_content()
    [row] = [m for m in email_outbox() if m["type"] == "instalment_due"]
    assert (row["status"], row["attempts"]) == ("delivered", 2)
