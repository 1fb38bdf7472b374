"""A studio's client import: a Mindbody, Momence or hand-mapped CSV checked in a dry run (an error per bad row,
nothing written), then imported on the timers lane a few rows a step: clients found by email or made without a
password, pass balances opened as ledger rows of kind imported, the CRM told; the same file again changes nothing."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from main_app.extensions import db
from main_app.models import (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    ImportedClient,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
    User,
)

pytestmark = pytest.mark.both_databases

# The file's date, read once when this module loads: a test run over midnight still finds the date it wrote.
ENDS = date.today() + timedelta(days=40)
LATER = ENDS.strftime("%m/%d/%Y")  # Mindbody writes month first
MINDBODY = f"""Client ID,First Name,Last Name,Email,Mobile Phone,Pricing Option,Remaining,Expiration Date
100001,Asha,Rao,asha@example.com,+91 98123 45678,10 Class Pass,4,{LATER}
100002,Ben,Ng,BEN@example.com,,unlimited monthly,,{LATER}
100003,Chandra,Iyer,chandra@example.com,,,,
100004,Dev,Kapoor,not-an-email,,,,
100005,Esha,Das,esha@example.com,12345,,,
100006,Farid,Ali,farid@example.com,,Gold Card,3,{LATER}
100007,Gita,Sen,gita@example.com,,10 Class Pass,2,01/01/2020
100008,Asha,Again,asha@example.com,,,,
100009,Hari,Nair,hari@example.com,,10 Class Pass,0,
100010,Ira,Shah,ira@example.com,,10 Class Pass,lots,
"""


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_dry_run_of_a_mindbody_file_names_every_bad_row_and_writes_nothing(app, send):
    users = _count(app, User)
    status, checked = send(MINDBODY)
    assert status == 200, checked
    assert (checked["source"], checked["day_first"]) == ("mindbody", False)
    assert checked["fields"]["email"].startswith("Email") and "Pricing Option" in checked["headers"]
    assert checked["mapping"] == {
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "Email",
        "phone": "Mobile Phone",
        "pass_name": "Pricing Option",
        "credits_left": "Remaining",
        "pass_ends": "Expiration Date",
    }
    errors = {(error["line"], error["field"]) for error in checked["errors"]}
    assert errors == {
        (5, "email"),
        (6, "phone"),
        (7, "pass_name"),
        (8, "pass_ends"),
        (9, "email"),
        (11, "credits_left"),
    }
    assert (checked["rows_total"], checked["rows_ok"], checked["passes"]) == (10, 4, 2)
    preview = {row["email"]: row for row in checked["preview"]}
    assert preview["asha@example.com"] == {
        "line": 2, "name": "Asha Rao", "email": "asha@example.com", "phone": "+919812345678",
        "product_id": preview["asha@example.com"]["product_id"], "credits": 4,
        "ends_on": ENDS.isoformat(),
    }  # fmt: skip
    assert "product_id" not in preview["hari@example.com"]  # no credits left: no pass to bring over
    assert _count(app, User) == users and _count(app, OutboxMessage, OutboxMessage.channel == CHANNEL_CRM) == 0


def test_the_import_writes_the_rows_that_pass_in_steps_and_a_second_run_changes_nothing(app, shop, send, drainer):
    status, job = send(MINDBODY, dry_run=False)
    assert status == 202, job
    assert (job["status"], job["rows_total"], job["rows_done"], job["check"]["errors_total"]) == ("running", 4, 0, 6)
    drainer("timers")()
    done = shop.owner.get(f"{shop.base}/{job['id']}").get_json()
    assert (done["status"], done["rows_done"], done["accounts_made"], done["passes_opened"]) == ("done", 4, 4, 2)
    with app.app_context():
        asha = db.session.scalar(select(User).where(User.email == "asha@example.com"))
        assert (asha.name, asha.phone, asha.password_hash) == ("Asha Rao", "+919812345678", "!")
        opened = {p.name: p for p in db.session.scalars(select(Pass).where(Pass.studio_id == shop.id))}
        assert (opened["10 Class Pass"].credits_left, opened["10 Class Pass"].price) == (4, 0)
        assert opened["Unlimited Monthly"].renews is False and opened["Unlimited Monthly"].valid_until is not None
        kinds = db.session.execute(select(PassLedgerEntry.kind, PassLedgerEntry.credits)).all()
        assert sorted(kinds) == [("imported", 0), ("imported", 4)]
        crm = sorted(db.session.scalars(select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_CRM)))
        assert crm == ["client_imported"] * 4 + ["pass_purchased"] * 2 + ["user_registered"] * 4
        assert _count(app, OutboxMessage, OutboxMessage.channel == CHANNEL_EMAIL) == 0  # the studio tells them
    outbox = _count(app, OutboxMessage)
    _status, again = send(MINDBODY, dry_run=False)
    drainer("timers")()
    rerun = shop.owner.get(f"{shop.base}/{again['id']}").get_json()
    assert (rerun["status"], rerun["unchanged"], rerun["accounts_made"], rerun["passes_opened"]) == ("done", 4, 0, 0)
    assert _count(app, OutboxMessage) == outbox + 2  # its two steps only (4 rows, 3 a step)
    assert _count(app, Pass) == 2 and _count(app, ImportedClient) == 4


def test_an_imported_account_has_no_password_until_its_owner_sets_one(client, send, drainer):
    send(MINDBODY, dry_run=False)
    drainer("timers")()
    refused = client.post("/auth/login", json={"email": "chandra@example.com", "password": "!"})
    assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "invalid_credentials"


def test_an_existing_client_is_found_by_email_and_keeps_their_own_details(app, make_user, send, drainer, shop):
    make_user(name="Chandra I.", email="chandra@example.com")
    send(MINDBODY, dry_run=False)
    drainer("timers")()
    with app.app_context():
        chandra = db.session.scalar(select(User).where(User.email == "chandra@example.com"))
        assert chandra.name == "Chandra I." and chandra.password_hash != "!"
        assert db.session.get(ImportedClient, (shop.id, chandra.id)) is not None


def test_a_momence_file_maps_itself_and_reads_dates_day_first(send):
    ends = date.today() + timedelta(days=10)
    later = ends.strftime("%d/%m/%Y")
    text = "Customer,Email,Phone number,Pack name,Credits left,Expiration date\n"
    text += f"Kiran Joshi,kiran@example.com,,10 Class Pass,3,{later}\n"
    status, checked = send(text)
    assert status == 200 and (checked["source"], checked["day_first"], checked["errors"]) == ("momence", True, [])
    assert checked["preview"][0]["name"] == "Kiran Joshi"
    assert checked["preview"][0]["ends_on"] == ends.isoformat()


def test_any_other_file_is_mapped_by_hand_and_a_mapping_naming_a_missing_column_is_refused(send):
    text = "Nom,Courriel\nLea Martin,lea@example.com\n"
    status, checked = send(text)
    assert status == 400 and checked["error"]["code"] == "import_mapping_invalid"  # no email column found
    status, checked = send(text, mapping={"name": "Nom", "email": "Courriel"})
    assert status == 200 and checked["preview"][0] == {"line": 2, "name": "Lea Martin", "email": "lea@example.com"}
    status, refused = send(text, mapping={"email": "Mail"})
    assert status == 400 and "Mail" in refused["error"]["message"]


def test_a_name_in_another_script_comes_with_the_client(app, send, drainer):
    text = "name,other_name,email\nPriya Sharma,प्रिया शर्मा,priya@example.com\nक्षितिज देशपांडे,,kd@example.com\n"
    status, checked = send(text)
    assert status == 200 and checked["mapping"]["other_name"] == "other_name", checked
    assert checked["preview"][0]["other_name"] == "प्रिया शर्मा" and "other_name" not in checked["preview"][1]
    assert send(text.replace("प्रिया शर्मा", "प" * 201))[1]["errors"][0]["field"] == "other_name"
    send(text, dry_run=False)
    drainer("timers")()
    with app.app_context():
        names = db.session.execute(select(User.name, User.other_name).where(User.email.like("%@example.com")))
        assert set(names) >= {("Priya Sharma", "प्रिया शर्मा"), ("क्षितिज देशपांडे", None)}


def test_a_file_without_headers_or_over_the_row_limit_is_refused_whole(app, send):
    assert send("")[0] == 400
    status, empty = send("\n\n")
    assert status == 400 and empty["error"]["code"] == "import_file_invalid"
    app.config["CLIENT_IMPORT_MAX_ROWS"] = 2
    status, long = send("Email\na@example.com\nb@example.com\nc@example.com\n")
    assert status == 400 and "more than 2 rows" in long["error"]["message"]


def test_a_body_over_the_import_limit_is_a_json_413(app, shop):
    app.config["MAX_CONTENT_LENGTH_BY_PATH"] = {"/api/studios/*/client-imports/dry-run": 1000}
    answer = shop.owner.post(f"{shop.base}/dry-run", json={"csv": "Email\n" + "a@example.com\n" * 200})
    assert answer.status_code == 413 and answer.get_json()["error"]["code"]


def test_a_staff_email_is_a_row_error(make_user, send):
    make_user(role="facilitator", email="asha@example.com")
    _status, checked = send(MINDBODY)
    assert {
        "line": 2,
        "field": "email",
        "message": "This email is a staff account's: it cannot be a client.",
    } in checked["errors"]


def test_a_dry_run_counts_every_error_and_shows_the_first_500_by_line(make_user, send):
    make_user(role="facilitator", email="staff@example.com")
    rows = ["staff@example.com" if n == 700 else (f"ok{n}@example.com" if n % 2 else f"bad{n}") for n in range(1200)]
    _status, checked = send("Email\n" + "\n".join(rows) + "\n", source="csv", mapping={"email": "Email"})
    assert (checked["rows_total"], checked["errors_total"], checked["rows_ok"]) == (1200, 600, 600)
    lines = [error["line"] for error in checked["errors"]]
    assert lines == sorted(lines) and len(lines) == 500 and lines[0] == 2  # the first bad row is line 2 (n = 0)
    assert 702 in lines  # the staff email's row (n = 700), found after the rest were checked, in its place


def test_only_owners_import_and_an_import_is_seen_by_its_own_studio_only(shop, make_shop, send):
    refused = shop.manager.post(f"{shop.base}/dry-run", json={"csv": MINDBODY})
    assert refused.status_code == 403
    _status, job = send(MINDBODY, dry_run=False)
    other = make_shop("Other Studio")
    seen = other.owner.get(f"{other.base}/{job['id']}")
    assert seen.status_code == 404 and seen.get_json()["error"]["code"] == "import_not_found"
