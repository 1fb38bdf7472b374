"""Webhook and automation settings: how the webhooks lane calls a studio's endpoints, how many one studio may have, the
key that seals their secrets (production's check of secrets refuses a weak or published one), and when automations
stay quiet and how many people one run moves."""

from collections.abc import Mapping

from .values import fernet_keys, number, parse_schedule

SCHEDULE = "WEBHOOK_RETRY_SCHEDULE"
# Seconds before each later try of a delivery that failed transiently: the other lanes' default, about two days.
RETRY_SCHEDULE = "5,30,120,600,1800,3600,7200,14400,28800,43200,43200,43200"


def webhooks(env: Mapping) -> dict:
    """WEBHOOK_TIMEOUT, WEBHOOK_QUICK_RETRIES, WEBHOOK_RETRY_SCHEDULE, WEBHOOKS_PER_STUDIO and WEBHOOK_KEYS_KEY."""
    return dict(
        WEBHOOK_TIMEOUT=number(env, "WEBHOOK_TIMEOUT", 10.0),
        WEBHOOK_QUICK_RETRIES=number(env, "WEBHOOK_QUICK_RETRIES", 1, int),
        WEBHOOK_RETRY_SCHEDULE=parse_schedule(env.get(SCHEDULE) or RETRY_SCHEDULE, SCHEDULE),
        WEBHOOKS_PER_STUDIO=number(env, "WEBHOOKS_PER_STUDIO", 20, int),
        WEBHOOK_KEYS_KEY=fernet_keys(env, "WEBHOOK_KEYS_KEY"),
    )


def automations(env: Mapping) -> dict:
    """AUTOMATION_QUIET_START and AUTOMATION_QUIET_END (hours on the studio's clock between which no automation
    writes to anyone), AUTOMATION_BATCH (people one run of an automation moves at most) and AUTOMATIONS_PER_STUDIO."""
    return dict(
        AUTOMATION_QUIET_START=number(env, "AUTOMATION_QUIET_START", 21, int, allow_zero=True),
        AUTOMATION_QUIET_END=number(env, "AUTOMATION_QUIET_END", 9, int, allow_zero=True),
        AUTOMATION_BATCH=number(env, "AUTOMATION_BATCH", 200, int),
        AUTOMATIONS_PER_STUDIO=number(env, "AUTOMATIONS_PER_STUDIO", 50, int),
    )


def own_tools(env: Mapping) -> dict:
    """The settings of the studio's webhooks and automations."""
    return webhooks(env) | automations(env)
