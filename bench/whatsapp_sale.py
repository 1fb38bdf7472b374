"""WhatsApp for bench/sustained.py --whatsapp: the Cloud API stand-in (tests/main_app/main_fake_whatsapp.py) as a
process of its own, the install's number pointed at it (its webhooks coming back to the main API), every template
approved, and then every seeded person given a proved number and an opt-in, as the account page records one."""

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import insert, select, update

ROOT = Path(__file__).resolve().parent.parent
STANDIN_DIR = ROOT / "tests" / "main_app"
sys.path.insert(0, str(STANDIN_DIR))  # the stand-in's test numbers

import whatsapp_shapes as wa  # noqa: E402

from launcher.processes import ServiceProcess  # noqa: E402
from main_app.database import unit_of_work  # noqa: E402
from main_app.extensions import db  # noqa: E402
from main_app.models import ROLE_USER, User, WhatsappConsent  # noqa: E402
from main_app.services.chats import consent_wording  # noqa: E402
from main_app.services.whatsapp import submissions  # noqa: E402

NUMBER = wa.STUDIO_A  # the install's number


def settings(port: int) -> dict:
    """The main API's and dispatcher's WHATSAPP_* settings for the stand-in on port."""
    return {
        "WHATSAPP_PHONE_NUMBER_ID": NUMBER.phone_number_id,
        "WHATSAPP_BUSINESS_ACCOUNT_ID": NUMBER.waba_id,
        "WHATSAPP_ACCESS_TOKEN": NUMBER.access_token,
        "WHATSAPP_APP_SECRET": NUMBER.app_secret,
        "WHATSAPP_VERIFY_TOKEN": NUMBER.verify_token,
        "WHATSAPP_API_BASE": f"http://127.0.0.1:{port}/{wa.GRAPH_VERSION}",
        # CPU per booking is what is compared: a dispatcher niced below a shared machine's other work could leave
        # the first sale's deliveries unfinished when its figures are read.
        "DISPATCHER_NICENESS": "0",
    }


def start_standin(port: int, main_url: str, workdir: Path) -> ServiceProcess:
    """The stand-in on port, sending its number's webhooks to the main API; every template approved."""
    argv = [sys.executable, str(STANDIN_DIR / "main_fake_whatsapp.py"), "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    standin = ServiceProcess("whatsapp", argv, {}, f"{url}/_standin/", workdir / "whatsapp.log")
    standin.start().wait_healthy(60)
    number = dataclasses.replace(NUMBER, webhook_url=f"{main_url}/whatsapp/webhook")
    requests.post(f"{url}/_standin/numbers", json=dataclasses.asdict(number), timeout=10).raise_for_status()
    headers = {"Authorization": f"Bearer {NUMBER.access_token}"}
    for body in submissions("http://localhost:5173"):
        templates = f"{url}/{wa.GRAPH_VERSION}/{NUMBER.waba_id}/message_templates"
        requests.post(templates, json=body, headers=headers, timeout=10).raise_for_status()
    return standin


def whatsapp_on_for_everyone(app) -> int:
    """Every person (role user) given a proved number of their own and an opt-in for it; returns how many."""
    now = datetime.now(UTC)
    with app.app_context(), unit_of_work():
        ids = list(db.session.scalars(select(User.id).where(User.role == ROLE_USER)))
        numbers = {id_: f"+9197{id_:08d}" for id_ in ids}
        people = [{"id": id_, "phone": number, "phone_verified_at": now} for id_, number in numbers.items()]
        db.session.execute(update(User), people)  # by primary key, many at once
        words = consent_wording("+919700000000", "en")
        db.session.execute(
            insert(WhatsappConsent),
            [
                {"user_id": id_, "number": number, "opted_in": True, "source": "account", "language": "en",
                 "at": now, "wording": words.replace("+919700000000", number)}
                for id_, number in numbers.items()
            ],
        )  # fmt: skip
    return len(ids)


def sent(port: int) -> int:
    """How many message requests the stand-in took."""
    answer = requests.get(f"http://127.0.0.1:{port}/_standin/callback_data", timeout=30).json()
    return len(answer["callback_data"])


def drain(port: int) -> None:
    """Wait until every webhook the stand-in made has been answered."""
    requests.post(f"http://127.0.0.1:{port}/_standin/wait", json={"timeout": 120}, timeout=130).raise_for_status()
