"""start_services.py's plan: every setting .env.example documents reaches every process it starts, from the
environment or from .env, and wins over what start_services would derive from the ports."""

import os
import re
from pathlib import Path

import pytest

import start_services
from launcher import whatsapp_stand_in

EXAMPLE = Path(start_services.ROOT, ".env.example").read_text()
DOCUMENTED = dict(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$", EXAMPLE, re.M))
# Settings start_services reads itself (where a marker would not be a number or an address).
NUMBERS = {"MAIN_PORT", "CRM_PORT", "WEB_PORT", "STREAM_PORT", "GUNICORN_WORKERS", "GUNICORN_THREADS", "DISPATCHERS"}
NUMBERS |= {"WHATSAPP_STAND_IN_PORT"}
STAND_INS = {"razorpay", "whatsapp"}


def markers() -> dict[str, str]:
    """A value for every documented setting that no default or derived value could equal."""
    values = {name: f"marker-{name.lower()}" for name in DOCUMENTED}
    values.update({name: str(int(DOCUMENTED[name]) + 3) for name in NUMBERS})
    values["HOST"] = "127.0.0.9"
    return values


@pytest.fixture
def clean_environment(monkeypatch, tmp_path):
    """os.environ without any documented setting, and an ENV_FILE that does not exist; both restored after."""
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if k not in DOCUMENTED})
    monkeypatch.setattr(start_services, "ENV_FILE", tmp_path / "absent.env")
    return tmp_path


def assert_every_process_sees(services, values: dict) -> None:
    """Every process of the system's sees values (the stand-ins are Razorpay and Meta: the settings are not theirs)."""
    assert {s.name for s in services} >= {"crm", "main-api", "dispatcher", "web"}
    for service in (service for service in services if service.name not in STAND_INS):
        effective = {**os.environ, **service.env}  # what ServiceProcess.start gives the child
        wrong = {name: effective.get(name) for name, value in values.items() if effective.get(name) != value}
        assert not wrong, f"{service.name} would get {wrong}"


def test_example_documents_the_settings_start_services_could_derive():
    assert {"CRM_BASE_URL", "MAIN_API_URL", "CORS_ORIGINS", "MAIN_PORT", "CRM_PORT", "WEB_PORT", "HOST"} <= set(
        DOCUMENTED
    )


@pytest.mark.parametrize("dev", [False, True], ids=["gunicorn", "dev"])
def test_environment_settings_reach_every_process_over_derived_values(clean_environment, dev):
    values = markers()
    os.environ.update(values)
    args, services = start_services.plan(["--dev"] if dev else [])
    assert args.host == values["HOST"]
    assert_every_process_sees(services, values)


def test_dotenv_settings_reach_every_process_and_the_environment_wins_over_them(clean_environment):
    values = markers()
    env_file = clean_environment / ".env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
    start_services.ENV_FILE = env_file  # restored by the fixture's monkeypatch
    os.environ["CRM_BASE_URL"] = "http://crm.internal:8443"
    args, services = start_services.plan([])
    assert args.host == values["HOST"]
    assert_every_process_sees(services, {**values, "CRM_BASE_URL": "http://crm.internal:8443"})


def test_without_settings_the_addresses_follow_the_ports(clean_environment):
    os.environ.update({"MAIN_PORT": "6000", "CRM_PORT": "6001", "WEB_PORT": "6173"})
    _args, services = start_services.plan([])
    assert_every_process_sees(
        services,
        {
            "CRM_BASE_URL": "http://127.0.0.1:6001",
            "MAIN_API_URL": "http://127.0.0.1:6000",
            "CORS_ORIGINS": "http://localhost:6173,http://127.0.0.1:6173",
        },
    )


def test_a_copy_of_the_example_with_only_the_ports_changed_moves_every_address(clean_environment):
    moved = {"MAIN_PORT": "6000", "CRM_PORT": "6001", "WEB_PORT": "6173"}
    copy = EXAMPLE
    for name, port in moved.items():
        copy = re.sub(rf"^{name}=.*$", f"{name}={port}", copy, flags=re.M)
    env_file = clean_environment / ".env"
    env_file.write_text(copy)
    start_services.ENV_FILE = env_file  # restored by the fixture's monkeypatch
    _args, services = start_services.plan([])
    assert_every_process_sees(
        services,
        {
            **moved,
            "CRM_BASE_URL": "http://127.0.0.1:6001",
            "MAIN_API_URL": "http://127.0.0.1:6000",
            "CORS_ORIGINS": "http://localhost:6173,http://127.0.0.1:6173",
            "PUBLIC_WEB_URL": "http://localhost:6173",
        },
    )


def test_the_razorpay_stand_in_starts_with_its_addresses_and_test_keys_in_every_process(clean_environment):
    os.environ.update({"MAIN_PORT": "6000", "RAZORPAY_STAND_IN_PORT": "6004"})
    _args, services = start_services.plan(["--razorpay-stand-in"])
    [stand_in] = [service for service in services if service.name == "razorpay"]
    assert stand_in.argv[1:] == [
        str(start_services.RAZORPAY_STAND_IN), "--port", "6004", "--webhook",
        "http://127.0.0.1:6000/payments/webhook/razorpay",
    ]  # fmt: skip
    assert stand_in.health_url == "http://127.0.0.1:6004/v1/checkout.js"
    assert_every_process_sees(
        services,
        {
            "PAYMENT_PROVIDER": "razorpay",
            "RAZORPAY_API_BASE": "http://127.0.0.1:6004",
            "RAZORPAY_CHECKOUT_JS": "http://127.0.0.1:6004/v1/checkout.js",
            "RAZORPAY_KEY_ID": "rzp_test_FakeKeyIdOnly4Tests",
        },
    )
    assert os.environ["RAZORPAY_KEY_SECRET"] and os.environ["RAZORPAY_WEBHOOK_SECRET"]
    with pytest.raises(SystemExit):
        start_services.parse_args(["--razorpay-stand-in", "--production"])


def test_the_whatsapp_stand_in_starts_in_development_with_the_install_number_pointed_at_it(clean_environment):
    os.environ.update({"MAIN_PORT": "6000", "WEB_PORT": "6173", "WHATSAPP_STAND_IN_PORT": "6005"})
    args, services = start_services.plan([])
    [stand_in] = [service for service in services if service.name == "whatsapp"]
    assert stand_in.argv[1:] == [
        str(whatsapp_stand_in.STAND_IN), "--port", "6005", "--webhook", "http://127.0.0.1:6000/whatsapp/webhook",
        "--templates", str(whatsapp_stand_in.templates_path()),
    ]  # fmt: skip
    assert stand_in.health_url == "http://127.0.0.1:6005/_standin/"
    assert args.web_url == "http://localhost:6173"  # the templates' buttons open the web app
    assert_every_process_sees(
        services,
        {
            "WHATSAPP_API_BASE": "http://127.0.0.1:6005/v23.0",
            "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
            "WHATSAPP_BUSINESS_ACCOUNT_ID": "102290129340398",
            "WHATSAPP_STAND_IN_URL": "http://127.0.0.1:6005",
        },
    )
    assert all(os.environ[f"WHATSAPP_{name}"] for name in ("ACCESS_TOKEN", "APP_SECRET", "VERIFY_TOKEN"))


@pytest.mark.parametrize(
    "argv, settings",
    [
        (["--no-whatsapp-stand-in"], {}),
        ([], {"WHATSAPP_PHONE_NUMBER_ID": "123456789", "WHATSAPP_API_BASE": "https://graph.facebook.com/v21.0"}),
        ([], {"APP_ENV": "production"}),
    ],
    ids=["refused", "a number of ones own", "production"],
)
def test_no_whatsapp_stand_in_when_refused_with_a_number_of_ones_own_or_in_production(
    clean_environment, argv, settings
):
    os.environ.update(settings)
    _args, services = start_services.plan(argv)
    assert "whatsapp" not in {service.name for service in services}
    assert "WHATSAPP_STAND_IN_URL" not in os.environ
    assert os.environ.get("WHATSAPP_API_BASE") == settings.get("WHATSAPP_API_BASE")


def test_a_whatsapp_stand_in_port_that_is_no_number_is_named(clean_environment):
    os.environ["WHATSAPP_STAND_IN_PORT"] = "fivethousand"
    with pytest.raises(RuntimeError, match="WHATSAPP_STAND_IN_PORT must be a port number"):
        start_services.plan([])
