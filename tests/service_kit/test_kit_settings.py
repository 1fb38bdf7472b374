"""One secret policy for both services: production refuses every publicly known value of the secrets each has."""

import pytest

from crm_microservice import config as crm_config
from main_app import config as main_config
from service_kit.settings import KNOWN_SECRETS

REAL = {"SECRET_KEY": "s" * 40, "JWT_SECRET_KEY": "j" * 40, "CRM_AUTH_TOKEN": "t" * 40}
SHARED = ("JWT_SECRET_KEY", "CRM_AUTH_TOKEN")  # the secrets both services hold


@pytest.mark.parametrize("load", [main_config.load_config, crm_config.load_config], ids=["main", "crm"])
@pytest.mark.parametrize("name, known", [(name, known) for name in SHARED for known in sorted(KNOWN_SECRETS[name])])
def test_both_services_refuse_the_same_known_values(load, name, known):
    env = {**REAL, "APP_ENV": "production", name: known}
    with pytest.raises(RuntimeError, match=f"published default value: {name}\\."):
        load(env)
    assert load({**REAL, "APP_ENV": "development", name: known})["APP_ENV"] == "development"


@pytest.mark.parametrize("known", sorted(KNOWN_SECRETS["SECRET_KEY"]))
def test_the_main_api_refuses_known_session_keys(known):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        main_config.load_config({**REAL, "APP_ENV": "production", "SECRET_KEY": known})


@pytest.mark.parametrize("load", [main_config.load_config, crm_config.load_config], ids=["main", "crm"])
def test_both_services_start_in_production_with_real_secrets(load):
    assert load({**REAL, "APP_ENV": "production"})["APP_ENV"] == "production"
