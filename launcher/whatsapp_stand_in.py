"""The stand-in for Meta's WhatsApp Cloud API that `python3 dev.py run` starts in development (the tests' fake,
tests/main_app/main_fake_whatsapp.py, run alone): its templates are the app's, approved at once; the main API's
install-wide number is its first test number; its signed webhooks go to the main API's /whatsapp/webhook; and the
development mailbox shows its conversations (WHATSAPP_STAND_IN_URL). Never in production, nor where the environment
or .env names a WhatsApp number of its own (WHATSAPP_PHONE_NUMBER_ID): that one is used as it is."""

import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

from .processes import ROOT, ServiceProcess

STAND_IN = ROOT / "tests" / "main_app" / "main_fake_whatsapp.py"
DEFAULT_PORT = 5005


def port() -> int:
    """WHATSAPP_STAND_IN_PORT from the environment (default 5005); a RuntimeError when it is no number."""
    try:
        return int(os.environ.get("WHATSAPP_STAND_IN_PORT") or DEFAULT_PORT)
    except ValueError as exc:
        raise RuntimeError(f"WHATSAPP_STAND_IN_PORT must be a port number ({exc})") from None


def wanted(production: bool, refused: bool) -> bool:
    """Whether this run starts the stand-in: outside production, unless refused (--no-whatsapp-stand-in) or a number
    of one's own is set."""
    return not (production or refused or (os.environ.get("WHATSAPP_PHONE_NUMBER_ID") or "").strip())


def templates_path() -> Path:
    """Where this run writes the templates the stand-in reads at its start (main_app's, in every language)."""
    return Path(tempfile.gettempdir()) / f"whatsapp-stand-in-{os.getpid()}-templates.json"


def _shapes():
    """The stand-in's test numbers, read from the tests' whatsapp_shapes.py by its path: a test module, never a
    package the services import."""
    spec = importlib.util.spec_from_file_location("whatsapp_shapes", STAND_IN.with_name("whatsapp_shapes.py"))
    shapes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shapes)
    return shapes


def whatsapp_stand_in(host: str, main_port: int) -> ServiceProcess:
    """The stand-in, and the main API's install-wide WhatsApp settings pointed at it (its first test number's ids,
    token, app secret and verify token; these win over .env's empty ones). Its webhooks, signed with that number's
    app secret as Meta signs them, go to the main API."""
    shapes = _shapes()
    number, url = shapes.STUDIO_A, f"http://127.0.0.1:{port()}"
    os.environ.update(
        WHATSAPP_API_BASE=f"{url}/{shapes.GRAPH_VERSION}",
        WHATSAPP_PHONE_NUMBER_ID=number.phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=number.waba_id,
        WHATSAPP_ACCESS_TOKEN=number.access_token,
        WHATSAPP_APP_SECRET=number.app_secret,
        WHATSAPP_VERIFY_TOKEN=number.verify_token,
        WHATSAPP_STAND_IN_URL=url,
    )
    webhook = f"http://{host}:{main_port}/whatsapp/webhook"
    argv = [sys.executable, str(STAND_IN), "--port", str(port()), "--webhook", webhook]
    return ServiceProcess("whatsapp", [*argv, "--templates", str(templates_path())], {}, f"{url}/_standin/")


def write_templates(web_url: str) -> Path:
    """Write the app's templates as they are submitted to Meta (`flask --app main_app whatsapp-templates`), in every
    language the install speaks, for the stand-in to hold approved: a template message it does not hold is refused,
    as Meta refuses one it never approved."""
    from main_app.extensions import catalogues
    from main_app.services.whatsapp import submissions
    from service_kit.languages import use_catalogues

    catalogues.compile_stale()  # start_services.py run alone: dev.py run compiled them already
    use_catalogues(catalogues)
    path = templates_path()
    path.write_text(json.dumps(submissions(web_url), ensure_ascii=False), encoding="utf-8")
    return path
