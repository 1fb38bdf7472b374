"""The app as a whole: health, configuration, error shape, logs and the OpenAPI document."""

import datetime as dt
import logging
import os
import re

import pytest
from crm_payloads import AUTH, SEED_NESTED, SERVICE_TOKEN
from crm_tokens import JWT_SECRET

import crm_microservice
from crm_microservice import config, create_app
from crm_microservice.extensions import db
from crm_microservice.logs import LogFileHandler
from service_kit.settings import DEFAULT_SECRETS

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


# --- health -------------------------------------------------------------------------------------


def assert_healthy(response, storage: str) -> None:
    assert response.status_code == 200
    health = response.get_json()
    assert set(health) == {"status", "service", "storage", "time"}
    assert (health["status"], health["service"], health["storage"]) == ("ok", "crm", storage)
    age = dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(health["time"])
    assert health["time"].endswith("+00:00") and dt.timedelta(0) <= age < dt.timedelta(seconds=30)


def test_health_on_the_sql_store(client):
    assert_healthy(client.get("/health"), "sqlite")


def test_health_on_the_json_store(json_client):
    assert_healthy(json_client.get("/health"), "json")


def test_health_is_degraded_without_the_table(app, client):
    with app.app_context():
        db.drop_all()

    response = client.get("/health")

    assert response.status_code == 503
    assert response.get_json()["error"] == {
        "code": "service_unavailable",
        "message": "The notification store is not usable.",
        "details": {"status": "degraded", "service": "crm", "storage": "sqlite"},
    }


# --- configuration ------------------------------------------------------------------------------


def test_defaults_from_an_empty_environment():
    project_root = os.path.dirname(os.path.dirname(crm_microservice.__file__))

    settings = config.load_config({})

    assert settings["CRM_AUTH_TOKEN"] == "your-static-bearer-token-here"
    assert settings["JWT_SECRET_KEY"] == "dev-jwt-secret-change-me-in-production"
    assert settings["CRM_PORT"] == 5001
    assert settings["CRM_STORAGE"] == "sqlite"
    assert settings["CRM_DEBUG"] is False
    assert settings["APP_ENV"] == "development"
    assert settings["CRM_ANONYMOUS_READ"] is True
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{os.path.join(project_root, 'instance', 'crm.db')}"
    assert settings["NOTIFICATION_LOG_FILE"] == os.path.join(project_root, "crm_microservice", "notifications.json")
    assert settings["CRM_LOG_FILE"] == os.path.join(project_root, "crm_microservice", "crm_notifications.log")
    assert (settings["MAIN_API_URL"], settings["MAIN_API_TIMEOUT"]) == ("http://localhost:5000", 10.0)
    assert (settings["TRUSTED_PROXIES"], settings["RATELIMIT_KEY_PREFIX"]) == (0, "")


def test_environment_values_are_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path / "project")
    environ = {
        "CRM_PORT": "5002",
        "CRM_STORAGE": "JSON",
        "CRM_DEBUG": "true",
        "CRM_ANONYMOUS_READ": "no",
        "NOTIFICATION_LOG_FILE": "crm_microservice/n.json",
        "CRM_LOG_FILE": "/var/log/crm.log",
        "CRM_DATABASE_URL": "postgresql://crm@db.internal/crm",
        "CRM_AUTH_TOKEN": "",  # empty counts as unset
        "MAIN_API_URL": "https://api.example.org/",
        "MAIN_API_TIMEOUT": "2.5",
        "TRUSTED_PROXIES": "2",
        "RATELIMIT_KEY_PREFIX": " crm-blue ",
    }

    settings = config.load_config(environ)

    assert (settings["CRM_PORT"], settings["CRM_STORAGE"], settings["CRM_DEBUG"]) == (5002, "json", True)
    assert settings["CRM_ANONYMOUS_READ"] is False
    assert settings["NOTIFICATION_LOG_FILE"] == str(tmp_path / "project" / "crm_microservice" / "n.json")
    assert settings["CRM_LOG_FILE"] == "/var/log/crm.log"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://crm@db.internal/crm"
    assert settings["CRM_AUTH_TOKEN"] == "your-static-bearer-token-here"
    assert (settings["MAIN_API_URL"], settings["MAIN_API_TIMEOUT"]) == ("https://api.example.org", 2.5)
    assert (settings["TRUSTED_PROXIES"], settings["RATELIMIT_KEY_PREFIX"]) == (2, "crm-blue")


def test_relative_sqlite_url_lands_in_the_instance_folder(make_app, tmp_path):
    app = make_app("sqlite:///crm-relative.db", create_tables=False)

    with app.app_context():
        assert db.engine.url.database == os.path.join(app.instance_path, "crm-relative.db")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CRM_STORAGE", "foo"),
        ("CRM_PORT", "abc"),
        ("CRM_PORT", "70000"),
        ("CRM_DEBUG", "maybe"),
        ("APP_ENV", "staging"),
        ("CRM_ANONYMOUS_READ", "sometimes"),
        ("MAIN_API_URL", "localhost:5000"),
        ("MAIN_API_URL", "ftp://main"),
        ("MAIN_API_TIMEOUT", "0"),
        ("MAIN_API_TIMEOUT", "nan"),
        ("MAIN_API_TIMEOUT", "soon"),
        ("TRUSTED_PROXIES", "-1"),
        ("TRUSTED_PROXIES", "one"),
        ("TRUSTED_PROXIES", "1.5"),
    ],
)
def test_invalid_setting_is_refused(name, value):
    with pytest.raises(RuntimeError, match=rf"Invalid {name}='{value}'"):
        config.load_config({name: value})


def test_production_refuses_every_default_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("CRM_AUTH_TOKEN", DEFAULT_SECRETS["CRM_AUTH_TOKEN"])
    monkeypatch.setenv("JWT_SECRET_KEY", DEFAULT_SECRETS["JWT_SECRET_KEY"])

    with pytest.raises(RuntimeError) as excinfo:
        create_app({"CRM_LOG_FILE": str(tmp_path / "crm.log")})

    assert "CRM_AUTH_TOKEN (a published value), JWT_SECRET_KEY (a published value)" in str(excinfo.value)
    assert "production" in str(excinfo.value)


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        (
            {"CRM_AUTH_TOKEN": SERVICE_TOKEN, "JWT_SECRET_KEY": "dev-jwt-secret-change-me-in-production"},
            "JWT_SECRET_KEY (a published value)",
        ),
        ({"CRM_AUTH_TOKEN": "CRM_SECRET_123", "JWT_SECRET_KEY": JWT_SECRET}, "CRM_AUTH_TOKEN (a published value)"),
        (
            {"CRM_AUTH_TOKEN": "your-secret-token-here", "JWT_SECRET_KEY": "s3cret"},
            "CRM_AUTH_TOKEN (a published value), JWT_SECRET_KEY (shorter than 32 bytes)",
        ),
    ],
)
def test_production_names_the_weak_secrets(overrides, named):
    with pytest.raises(RuntimeError, match=re.escape(f"weak secrets: {named}.")):
        config.load_config({}, dict(overrides, APP_ENV="production"))


def test_production_starts_with_real_secrets(make_app):
    app = make_app(APP_ENV="production")

    assert app.config["APP_ENV"] == "production"
    assert app.test_client().get("/health").status_code == 200


def test_dotenv_in_project_root_is_loaded_without_overriding(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("CRM_PORT=5123\nCRM_STORAGE=json\n")
    for name in ("CRM_PORT", "CRM_STORAGE"):
        monkeypatch.setenv(name, "placeholder")  # records the original value, restored after the test
    monkeypatch.delenv("CRM_PORT")
    monkeypatch.setenv("CRM_STORAGE", "sqlite")
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)

    app = create_app({"CRM_LOG_FILE": str(tmp_path / "crm.log"), "CRM_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})

    assert app.config["CRM_PORT"] == 5123
    assert app.config["CRM_STORAGE"] == "sqlite"
    assert app.instance_path == str(tmp_path / "instance")
    assert os.path.isdir(app.instance_path)


# --- error shape --------------------------------------------------------------------------------


def test_unknown_route_is_json_404(client):
    response = client.get("/no/such/route")

    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["error"]["code"] == "not_found"
    assert set(response.get_json()["error"]) == {"code", "message", "details"}


def test_wrong_method_is_json_405_with_allow(client):
    response = client.delete("/notify")

    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_unexpected_error_is_500_without_details(app, monkeypatch):
    class BrokenStore:
        keeps_client_book = False

        def add(self, record, then=None):
            raise RuntimeError(f"boom for {record['user_email']} with {SERVICE_TOKEN}")

    monkeypatch.setitem(app.extensions, "crm_store", BrokenStore())

    response = app.test_client().post("/notify", json=SEED_NESTED, headers=AUTH)

    assert response.status_code == 500
    assert response.get_json() == {
        "error": {
            "code": "internal_error",
            "message": "Something went wrong on our side; please try again.",
            "details": {},
        }
    }


# --- logs ---------------------------------------------------------------------------------------


def test_logs_hold_no_email_and_no_token(app, client, monkeypatch):
    client.post("/notify", json=SEED_NESTED, headers=AUTH)
    client.post("/notify", json=SEED_NESTED, headers={"Authorization": "Bearer guessed-token-123"})
    client.post("/notify", json=SEED_NESTED)
    client.get("/notifications")

    class BrokenStore:
        keeps_client_book = False

        def add(self, record, then=None):
            raise RuntimeError(f"boom for {record['user_email']} with Bearer {SERVICE_TOKEN}")

    monkeypatch.setitem(app.extensions, "crm_store", BrokenStore())
    client.post("/notify", json=SEED_NESTED, headers=AUTH)
    for handler in app.logger.handlers:
        handler.flush()

    with open(app.config["CRM_LOG_FILE"], encoding="utf-8") as file:
        log = file.read()
    assert "notification stored id=1" in log
    assert "auth failed (invalid token) on POST /notify" in log
    assert "auth failed (missing token) on POST /notify" in log
    assert "RuntimeError: boom for t***@example.com" in log  # the traceback is there, redacted
    assert EMAIL_RE.findall(log) == []
    assert SERVICE_TOKEN not in log
    assert "guessed-token-123" not in log


def _log_line(handler: logging.Handler, text: str) -> None:
    handler.handle(logging.LogRecord("crm", logging.INFO, __file__, 1, text, None, None))


def test_the_log_file_rolls_over_at_its_size(tmp_path):
    handler = LogFileHandler(tmp_path / "crm.log", maxBytes=300, backupCount=2, encoding="utf-8")
    for k in range(20):
        _log_line(handler, f"line {k:02d} " + "x" * 40)
    handler.close()

    assert sorted(path.name for path in tmp_path.iterdir()) == ["crm.log", "crm.log.1", "crm.log.2"]
    assert all(path.stat().st_size <= 300 for path in tmp_path.iterdir())
    assert (tmp_path / "crm.log").read_text().splitlines()[-1].startswith("line 19 ")


def test_the_log_file_is_looked_at_only_when_a_line_would_roll_it_over(tmp_path, monkeypatch):
    looked = []
    real_exists = os.path.exists
    monkeypatch.setattr(os.path, "exists", lambda path: looked.append(path) or real_exists(path))
    handler = LogFileHandler(tmp_path / "crm.log", maxBytes=10_000, backupCount=1, encoding="utf-8")

    for k in range(50):
        _log_line(handler, f"line {k}")
    assert looked == []  # Python 3.11's own handler stats the path twice per line
    _log_line(handler, "x" * 10_000)
    handler.close()

    assert looked[0] == str(tmp_path / "crm.log")  # then the rollover's own look at the older files
    assert (tmp_path / "crm.log.1").exists()


def test_a_log_file_that_is_no_regular_file_is_never_rolled_over():
    handler = LogFileHandler(os.devnull, maxBytes=1, backupCount=1)
    for k in range(3):
        _log_line(handler, f"line {k}")
    handler.close()

    assert os.path.exists(os.devnull) and not os.path.exists(os.devnull + ".1")


# --- OpenAPI ------------------------------------------------------------------------------------


def test_openapi_document_lists_the_routes(client):
    response = client.get("/openapi.json")

    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.0.3"
    assert {"/health", "/notify", "/notifications"} <= set(spec["paths"])
    assert {"NestedNotification", "FlatNotification", "TypedNotification"} <= set(spec["components"]["schemas"])
