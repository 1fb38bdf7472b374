"""The main API's outside world: a fake CRM, the real CRM served on a port, a dead CRM address, fake Stripe and
Razorpay APIs, and a stand-in for WhatsApp's Cloud API."""

from dataclasses import dataclass

import pytest
from db_templates import detach_crm_log_handlers
from main_fake_crm import FakeCRM, ServedApp
from main_fake_razorpay import FakeRazorpay
from main_fake_stripe import FakeStripe
from main_fake_whatsapp import FakeWhatsApp
from provider_fakes import SIDES
from sqlalchemy import select

from crm_microservice import create_app as create_crm_app
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Notification
from main_app.services.crm.client import CRMNotificationService
from plugins.main_api import CRM_TOKEN, closed_port


@pytest.fixture
def fake_crm():
    """A running FakeCRM, stopped after the test."""
    server = FakeCRM()
    yield server
    server.stop()


@pytest.fixture
def dead_crm_url():
    """A CRM address where nothing listens: connections are refused."""
    return f"http://127.0.0.1:{closed_port()}"


@pytest.fixture
def start_fake_crm():
    """Factory: start a FakeCRM on a given port (e.g. one that was down a moment ago)."""
    servers = []

    def start(port: int = 0) -> FakeCRM:
        server = FakeCRM(port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@dataclass
class RealCRM:
    """The real CRM app served on a loopback port, on its own fresh database (a copy of the migrated template)."""

    app: object
    url: str

    def stored(self) -> list[dict]:
        """Every notification the CRM stored, oldest first, as its store records."""
        with self.app.app_context():
            rows = crm_db.session.scalars(select(Notification).order_by(Notification.id))
            return [row.to_record() for row in rows]


@pytest.fixture
def real_crm(db_backend, make_database_url, tmp_path):
    """Factory: start the real CRM (crm_microservice.create_app) with this token and signing secret."""
    started = []

    def start(*, signing_secret: str = "", auth_token: str = CRM_TOKEN) -> RealCRM:
        n = len(started)
        crm_app = create_crm_app(
            {
                "TESTING": True,
                "APP_ENV": "development",
                "CRM_AUTH_TOKEN": auth_token,
                "JWT_SECRET_KEY": "test-jwt-secret",
                "CRM_STORAGE": "sqlite",
                "CRM_DATABASE_URL": make_database_url(db_backend, f"crm{n}", template="crm"),
                "CRM_LOG_FILE": str(tmp_path / f"crm{n}.log"),
                "NOTIFICATION_LOG_FILE": str(tmp_path / f"notifications{n}.json"),
                "CRM_SIGNING_SECRET": signing_secret,
            }
        )
        server = ServedApp(crm_app)
        started.append((crm_app, server))
        return RealCRM(crm_app, server.url)

    yield start
    for crm_app, server in started:
        server.stop()
        with crm_app.app_context():
            crm_db.session.remove()
            crm_db.engine.dispose()
    detach_crm_log_handlers()  # its file handlers write into this test's tmp_path


@pytest.fixture
def make_crm():
    """Factory: a CRMNotificationService, closed after the test."""
    clients = []

    def make(*args, **kwargs) -> CRMNotificationService:
        client = CRMNotificationService(*args, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def stripe_api():
    """A fake Stripe API on 127.0.0.1 (point STRIPE_API_BASE at its url)."""
    fake = FakeStripe()
    yield fake
    fake.close()


@pytest.fixture
def razorpay_api():
    """A fake Razorpay API on 127.0.0.1 (point RAZORPAY_API_BASE at its url)."""
    fake = FakeRazorpay()
    yield fake
    fake.close()


@pytest.fixture
def whatsapp_api():
    """A stand-in for WhatsApp's Cloud API on 127.0.0.1 with the test numbers of whatsapp_shapes (point the Graph API
    base URL at its url; set_webhook sends a number's webhooks to us)."""
    fake = FakeWhatsApp()
    yield fake
    fake.close()


@pytest.fixture(params=sorted(SIDES))
def payments_at(request):
    """Each fake payment provider in turn (provider_fakes): a provider-neutral test runs against Razorpay and
    Stripe alike."""
    side = SIDES[request.param]()
    yield side
    side.close()
