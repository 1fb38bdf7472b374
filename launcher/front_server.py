"""The production profile's front server (`python3 dev.py run --production`): nginx in front of both services and
the web app, configured from deploy/nginx.conf.template in a runtime folder and run there as a plain process."""

import os
import shutil
from pathlib import Path

from service_kit.settings import EMBED_LIMIT_DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
ERROR_PAGES = ROOT / "deploy" / "nginx-json-errors.conf"  # included by every server of the template
# Where nginx may be when it is not on PATH (Debian installs it in /usr/sbin, which a user's PATH may lack).
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
SOCKETS = {"crm": "crm.sock", "main-api": "main-api.sock", "web": "web.sock", "live": "live.sock"}


def find_nginx() -> str:
    """The nginx binary; a RuntimeError that says how to install it when there is none."""
    found = shutil.which("nginx") or next((path for path in NGINX_PATHS if os.access(path, os.X_OK)), None)
    if not found:
        raise RuntimeError(
            "the production profile runs nginx in front of the services: install it (Debian/Ubuntu: "
            "apt-get install nginx), or run without --production"
        )
    return found


def socket_bind(runtime: Path, service: str) -> str:
    """gunicorn's --bind for a service behind nginx: a Unix socket in the runtime folder, out of reach of clients."""
    return f"unix:{runtime / SOCKETS[service]}"


def write_config(
    runtime: Path,
    *,
    host: str,
    main_port: int,
    crm_port: int,
    web_port: int,
    dist: Path,
    max_body: int,
    max_batch_body: int = 2 * 1024 * 1024,
    max_import_body: int = 8 * 1024 * 1024,
    max_studio_import_body: int = 64 * 1024 * 1024,
    upstreams: dict[str, str | list[str]] | None = None,
    embed_limits: dict[str, int] | None = None,
):
    """Render the template into runtime/nginx.conf and return its path. upstreams: where each service listens
    (crm, main-api, web, live: nginx's `server` address, or a list of them for several instances, which nginx
    takes turns with), by default its Unix socket in the runtime folder. embed_limits: the EMBED_*_PER_SITE
    settings (service_kit.settings.embed_limits), their defaults where not given."""
    values = {
        # Run as root (CI, a container), nginx would hand its workers to "nobody", who may not read the project.
        "USER": "user root;" if os.geteuid() == 0 else "",
        "RUNTIME": str(runtime),
        "HOST": f"[{host}]" if ":" in host else host,
        "MAIN_PORT": str(main_port),
        "CRM_PORT": str(crm_port),
        "WEB_PORT": str(web_port),
        "DIST": str(dist),
        "MAX_BODY": str(max_body),
        "MAX_BATCH_BODY": str(max_batch_body),  # POST /notify/batch on the CRM
        "MAX_IMPORT_BODY": str(max_import_body),  # a studio's client file, on the main API
        "MAX_STUDIO_IMPORT_BODY": str(max_studio_import_body),  # a studio export imported, on the main API
        **_upstreams(runtime, upstreams or {}),
        "ERRORS": str(ERROR_PAGES),
        **_embed_values(embed_limits or {}),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    conf = runtime / "nginx.conf"
    conf.write_text(text)
    return conf


def _upstreams(runtime: Path, upstreams: dict[str, str | list[str]]) -> dict[str, str]:
    """The placeholders of the upstream blocks: where each service listens, by default its socket in runtime."""
    where = {service: socket_bind(runtime, service) for service in SOCKETS} | upstreams
    return {
        "MAIN_SERVERS": _servers(where["main-api"]),
        "CRM_SERVERS": _servers(where["crm"]),
        "WEB_SERVERS": _servers(where["web"]),
        "LIVE_SERVERS": _servers(where["live"]),
    }


def _embed_values(embed_limits: dict[str, int]) -> dict[str, str]:
    """The placeholders of the limits per embedding site: requests a second, and how many more at once, to a widget's
    pages and to the main API's public routes."""
    embed = EMBED_LIMIT_DEFAULTS | embed_limits
    return {
        "EMBED_RATE": str(embed["EMBED_RATE_PER_SITE"]),
        "EMBED_BURST": str(embed["EMBED_BURST_PER_SITE"]),
        "EMBED_API_RATE": str(embed["EMBED_API_RATE_PER_SITE"]),
        "EMBED_API_BURST": str(embed["EMBED_API_BURST_PER_SITE"]),
    }


def _servers(addresses: str | list[str]) -> str:
    """An upstream block's `server` lines for one address or several."""
    return " ".join(f"server {address};" for address in ([addresses] if isinstance(addresses, str) else addresses))


def nginx_command(nginx: str, conf: Path, runtime: Path) -> list[str]:
    """nginx in the foreground on conf, its prefix (temporary files, pid, log) the runtime folder."""
    return [nginx, "-c", str(conf), "-p", str(runtime), "-g", "daemon off;"]
