"""A form signed while its new version is published, on both databases: the form's row lock decides, so a signature
of the old version is either given before the new one is published or refused as outdated, never after."""

import pytest
from racing import race
from signed_forms import signing

from main_app.extensions import db
from main_app.models import FormSignature, FormVersion

pytestmark = pytest.mark.both_databases


def test_signatures_racing_a_new_version_are_given_before_it_or_refused(app, studio, published, make_user, client_for):
    form = published()
    old = form["current_version"]["id"]
    people = [client_for(make_user(name=f"Racer {n}")) for n in range(4)]
    studio.owner.patch(f"{studio.base}/forms/{form['id']}", json={"body": "Version two."})
    publish = [lambda: ("publish", studio.owner.post(f"{studio.base}/forms/{form['id']}/versions").status_code)]
    signs = [
        lambda c=c: ("sign", c.post(f"/me/forms/{form['id']}/signatures", json=signing(old)).status_code)
        for c in people
    ]
    answers = race(publish + signs)
    assert ("publish", 201) in answers
    given = sorted(status for kind, status in answers if kind == "sign")
    assert set(given) <= {201, 409}
    with app.app_context():
        newer = db.session.query(FormVersion).filter(FormVersion.id != old).one()
        rows = db.session.query(FormSignature).all()
        assert len(rows) == given.count(201)
        assert all(row.version_id == old and row.signed_at <= newer.published_at for row in rows)
