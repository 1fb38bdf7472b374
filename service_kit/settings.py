"""Rules for settings both services read: the secrets production refuses, and the browser origins allowed."""

from collections.abc import Mapping
from urllib.parse import urlsplit

# What each secret is in development when it is not set.
DEFAULT_SECRETS = {
    "SECRET_KEY": "dev-secret-key-change-me-in-production",
    "JWT_SECRET_KEY": "dev-jwt-secret-change-me-in-production",
    "CRM_AUTH_TOKEN": "your-static-bearer-token-here",
}
# Publicly known values, refused in production: our defaults and the examples in the seed documents.
KNOWN_SECRETS = {
    "SECRET_KEY": {DEFAULT_SECRETS["SECRET_KEY"], "your-secret-key"},
    "JWT_SECRET_KEY": {DEFAULT_SECRETS["JWT_SECRET_KEY"], "dev-jwt-secret-change-me", "your-jwt-secret"},
    "CRM_AUTH_TOKEN": {
        DEFAULT_SECRETS["CRM_AUTH_TOKEN"],
        "your-secret-token-here",
        "your-secret-token",
        "CRM_SECRET_123",
    },
}
# The web app's own server on 5173 (start_services.py adds its real port when it differs).
DEFAULT_CORS_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173"


def refuse_known_secrets(config: Mapping) -> None:
    """In production (APP_ENV), stop start-up while any secret the service has is still publicly known."""
    if config["APP_ENV"] != "production":
        return
    left = sorted(name for name, known in KNOWN_SECRETS.items() if name in config and config[name] in known)
    if left:
        raise RuntimeError(
            f"APP_ENV=production refuses secrets left at a published default value: {', '.join(left)}. "
            "Set them in the environment or .env."
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
