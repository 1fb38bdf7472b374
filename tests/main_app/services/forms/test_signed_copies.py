"""What a signature leaves: the studio's desk reads a client's signed forms and their signed copies (instructors do
not), the signer downloads a signed copy as a PDF (Devanagari too), and their data export holds it while erasing the
account deletes it."""

from signed_forms import signing

from main_app.extensions import db
from main_app.models import FormSignature

HINDI = {"kind": "waiver", "title": "छूट पत्र", "body": "मैं अपनी ज़िम्मेदारी पर कक्षा में भाग लेता हूँ।"}


def _signed(client, form: dict) -> dict:
    answer = client.post(f"/me/forms/{form['id']}/signatures", json=signing(form["current_version"]["id"]))
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def other_id(client) -> int:
    return client.get("/auth/me").get_json()["id"]


def test_the_desk_reads_a_clients_signatures_and_the_instructor_may_not(
    studio, published, user, user_client, make_session, client_for, make_user, assert_error
):
    session = make_session(studio_id=studio.id)
    other = client_for(make_user(name="Another client"))
    for client in (user_client, other):  # both the studio's clients, before it requires a form
        assert client.post("/bookings/book", json={"session_id": session.id}).status_code == 201
    signed = _signed(user_client, published())
    path = f"{studio.base}/clients/{user.id}/form-signatures"
    assert studio.desk.get(path).get_json()["items"] == [signed]
    assert_error(studio.instructor.get(path), 403, "forbidden")
    assert_error(
        studio.desk.get(f"{studio.base}/clients/{studio.owner_account.id}/form-signatures"), 404, "client_not_found"
    )
    # The client book's signed copy: the PDF the client downloads, for the desk, never another client's.
    copy = studio.desk.get(f"{path}/{signed['id']}.pdf")
    assert copy.status_code == 200 and copy.mimetype == "application/pdf"
    assert copy.data == user_client.get(f"/me/form-signatures/{signed['id']}.pdf").data
    assert_error(studio.instructor.get(f"{path}/{signed['id']}.pdf"), 403, "forbidden")
    theirs = f"{studio.base}/clients/{other_id(other)}/form-signatures/{signed['id']}.pdf"
    assert_error(studio.desk.get(theirs), 404, "form_signature_not_found")


def test_the_signed_copy_is_a_pdf_in_hindi_too(studio, published, user_client):
    for form in (published(), published(HINDI)):
        signed = _signed(user_client, form) if form["questions"] else None
        if signed is None:
            body = {**signing(form["current_version"]["id"]), "answers": {}}
            signed = user_client.post(f"/me/forms/{form['id']}/signatures", json=body).get_json()
        answer = user_client.get(f"/me/form-signatures/{signed['id']}.pdf")
        assert answer.status_code == 200 and answer.mimetype == "application/pdf"
        assert (
            answer.data.startswith(b"%PDF")
            and answer.data == user_client.get(f"/me/form-signatures/{signed['id']}.pdf").data
        )


def test_the_export_holds_the_signatures_and_erasing_the_account_deletes_them(
    app, monkeypatch, published, user, user_client
):
    monkeypatch.setattr("main_app.services.accounts.export.crm_data", lambda _user_id, _children=(): {"clients": []})
    signed = _signed(user_client, published())
    exported = user_client.get("/me/export").get_json()["form_signatures"]
    assert [(row["id"], row["full_name"], row["answers"]["q1"]) for row in exported] == [
        (signed["id"], "Asha Rao", False)
    ]
    assert exported[0]["signature"].startswith("data:image/png;base64,iVBOR")
    assert user_client.delete("/me", json={"password": user.password}).status_code == 204
    with app.app_context():
        assert db.session.query(FormSignature).count() == 0
