"""Rules for settings both services read: what production asks of secrets and of rate-limit counts, and the browser
origins allowed."""

from collections.abc import Mapping
from urllib.parse import urlsplit

# What each secret is in development when it is not set.
DEFAULT_SECRETS = {
    "SECRET_KEY": "dev-secret-key-change-me-in-production",
    "JWT_SECRET_KEY": "dev-jwt-secret-change-me-in-production",
    "CRM_AUTH_TOKEN": "your-static-bearer-token-here",
}
# Publicly known values, refused in production for every secret: our development defaults (also in .env.example),
# the examples in the original specifications, and the Standard Webhooks specification's example signing secret.
PUBLISHED_SECRETS = frozenset(
    {
        *DEFAULT_SECRETS.values(),
        "your-secret-key",
        "dev-jwt-secret-change-me",
        "your-jwt-secret",
        "your-secret-token-here",
        "your-secret-token",
        "CRM_SECRET_123",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    }
)
TOKEN_RECIPE = 'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
# Every secret either service may hold, with how to make a good one; the optional ones are checked when set.
SECRET_RECIPES = {
    "SECRET_KEY": TOKEN_RECIPE,
    "JWT_SECRET_KEY": TOKEN_RECIPE,
    "CRM_AUTH_TOKEN": TOKEN_RECIPE,
    "CRM_SIGNING_SECRET": ".venv/bin/python -m service_kit.signatures",
    "STRIPE_WEBHOOK_SECRET": "the signing secret Stripe shows for the webhook endpoint (Dashboard > Webhooks)",
    "RAZORPAY_WEBHOOK_SECRET": f"the secret typed for the webhook in Razorpay's Dashboard (make one: {TOKEN_RECIPE})",
    "WHATSAPP_ACCESS_TOKEN": "a system user's permanent access token (Meta Business Settings > System users)",
    "WHATSAPP_APP_SECRET": "the Meta app's secret (App settings > Basic > App secret)",
    "WHATSAPP_VERIFY_TOKEN": f"a token of your own, typed again in the Meta app's webhook settings: {TOKEN_RECIPE}",
}
MIN_SECRET_BYTES = 32
MIN_DISTINCT_CHARACTERS = 8
# Prefixes that name a secret's kind (Standard Webhooks, Stripe) and say nothing about its randomness.
KIND_PREFIXES = ("whsec_",)
# Where a deployment says how many worker processes serve a service: the launcher's setting, gunicorn's own default.
WORKER_SETTINGS = ("GUNICORN_WORKERS", "WEB_CONCURRENCY")
SHARED_COUNTS_RECIPE = "RATELIMIT_STORAGE_URI=redis://host:6379/0"
# The public pages and the widget, per embedding site (deploy/nginx.conf.template keys its zones the same way):
# requests per second and how many more may come at once, for the web app's pages and the main API's public routes.
EMBED_LIMIT_DEFAULTS = {
    "EMBED_RATE_PER_SITE": 5,
    "EMBED_BURST_PER_SITE": 20,
    "EMBED_API_RATE_PER_SITE": 20,
    "EMBED_API_BURST_PER_SITE": 60,
}
# The web app's own server on 5173 (start_services.py adds its real port when it differs).
DEFAULT_CORS_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173"


def _folded(text: str) -> str:
    """The text without case, spaces or punctuation: a published value stays published in capitals or spaced out."""
    return "".join(character for character in text.casefold() if character.isalnum())


def _shortest_period(text: str) -> int:
    """The length of the shortest unit whose repetition spells text (Knuth-Morris-Pratt's failure function)."""
    failure = [0] * len(text)
    for index in range(1, len(text)):
        length = failure[index - 1]
        while length and text[index] != text[length]:
            length = failure[length - 1]
        failure[index] = length + (text[index] == text[length])
    return len(text) - failure[-1] if text else 0


def _published_part(text: str) -> str | None:
    """Whether text is a published value, or one with fewer than MIN_SECRET_BYTES characters around it."""
    folded = _folded(text)
    published = [_folded(value) for value in PUBLISHED_SECRETS]
    if folded in published:
        return "a published value"
    if any(value in folded and len(folded) - len(value) < MIN_SECRET_BYTES for value in published):
        return "a published value with a few characters added"
    return None


def secret_weakness(value: str) -> str | None:
    """Why a secret is unfit for production (never quoting it), or None when it is fit."""
    text = str(value)
    if reason := _published_part(text):
        return reason
    if len(text.encode()) < MIN_SECRET_BYTES:
        return f"shorter than {MIN_SECRET_BYTES} bytes"
    body = next((text[len(prefix) :] for prefix in KIND_PREFIXES if text.startswith(prefix)), text)
    if len(set(body)) < MIN_DISTINCT_CHARACTERS:
        return f"fewer than {MIN_DISTINCT_CHARACTERS} different characters"
    if _shortest_period(body) * 2 <= len(body):
        return "one short pattern repeated"
    return None


def refuse_weak_secrets(config: Mapping) -> None:
    """In production (APP_ENV), stop start-up while any secret the service has is short, monotonous or published."""
    if config["APP_ENV"] != "production":
        return
    weak = {
        name: reason
        for name in SECRET_RECIPES
        if config.get(name) and (reason := secret_weakness(config[name])) is not None
    }
    if not weak:
        return
    named = ", ".join(f"{name} ({reason})" for name, reason in sorted(weak.items()))
    recipes: dict[str, list[str]] = {}
    for name in sorted(weak):
        recipes.setdefault(SECRET_RECIPES[name], []).append(name)
    how = "; ".join(f"for {', '.join(names)}: {recipe}" for recipe, names in recipes.items())
    raise RuntimeError(
        f"APP_ENV=production refuses weak secrets: {named}. Each needs {MIN_SECRET_BYTES} or more random bytes, "
        f"set in the environment or .env. Make one {how}."
    )


def single_worker(env: Mapping) -> bool:
    """Whether the deployment says this service runs one worker process: every worker setting given says 1."""
    given = [str(env[name]).strip() for name in WORKER_SETTINGS if str(env.get(name) or "").strip()]
    return bool(given) and all(value == "1" for value in given)


def refuse_counts_per_worker(config: Mapping) -> None:
    """In production, stop start-up while rate-limit counts live in each process's memory and the service is not
    said to run one worker: each worker would count alone, multiplying every limit by the workers."""
    if config["APP_ENV"] != "production" or not config["RATELIMIT_ENABLED"] or config["SINGLE_WORKER"]:
        return
    if str(config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        raise RuntimeError(
            "APP_ENV=production refuses RATELIMIT_STORAGE_URI=memory:// unless the service runs one worker: each "
            "worker counts alone, so every limit (failed logins first) is multiplied by the workers. Set "
            f"{SHARED_COUNTS_RECIPE} (one count for every worker on every machine), or GUNICORN_WORKERS=1 when "
            "the service really runs as one process on one machine."
        )


def parse_origins(value) -> list[str]:
    """Comma-separated browser origins (scheme://host[:port]) allowed to call the service; no wildcard."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    origins = [item.strip().rstrip("/") for item in items if item.strip()]
    for origin in origins:
        parts = urlsplit(origin)
        if origin == "*" or parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise RuntimeError(f"CORS_ORIGINS must list origins like http://localhost:5173, got {origin!r}")
    return origins


def embed_limits(env) -> dict:
    """EMBED_*_PER_SITE from the environment: whole numbers of at least 1 (nginx takes no burst of 0)."""
    limits = {}
    for name, default in EMBED_LIMIT_DEFAULTS.items():
        raw = (env.get(name) or "").strip() or str(default)
        if not raw.isdigit() or int(raw) < 1:
            raise RuntimeError(f"{name} must be a whole number of at least 1, got {raw!r}")
        limits[name] = int(raw)
    return limits
