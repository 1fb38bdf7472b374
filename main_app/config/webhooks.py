"""Webhook settings: how the webhooks lane calls a studio's endpoints, how many one studio may have, and the key that
seals their secrets (production's check of secrets refuses a weak or published one)."""

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
