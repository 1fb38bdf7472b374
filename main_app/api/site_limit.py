"""The limit per embedding site of the public routes a studio's widget and public pages read (/timetable, an event,
the passes on sale, a studio's page): one site's flood is refused before it costs the others a thread. nginx keys
its own limit the same way in production, refusing first; this one holds in every run, the only one where nothing is
in front, and with Redis counts every machine's requests together (service_kit.rate_limits)."""

from flask import current_app

from service_kit.rate_limits import embed_site_key

from ..extensions import limiter

MESSAGE = "Too many requests for this studio's pages; try again in {seconds} second{s}."
REFUSED = "too_many_requests: over the limit of the embedding site (its studio's widget or page); see Retry-After"

# One count per site across the routes, as nginx's zone has.
per_site = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_EMBED_SITE"], "embed_site", key_func=embed_site_key, error_message=MESSAGE
)
