"""The web app's server: built files, deep links, runtime config and security headers."""

import gzip
import zlib

import brotli
import pytest

from web_ui import create_app

INDEX = '<!doctype html><html><head><script src="/config.js"></script></head><body><div id="root"></div></body></html>'


@pytest.fixture
def dist(tmp_path):
    """A stand-in for frontend/dist: index.html, a hashed asset and a public file."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture
def client(dist):
    # The main API is not running (port 9 refuses): pages are served without their heads.
    config = {"WEB_DIST_DIR": dist, "MAIN_PORT": 5000, "CRM_PORT": 5001, "MAIN_API_URL": "http://127.0.0.1:9"}
    return create_app(config).test_client()


@pytest.mark.parametrize(
    "path", ["/", "/events/3", "/facilitator/sessions/12", "/bookings?x=1", "/join/guest/eyJnIjoxfQ~s1g"]
)
def test_every_page_of_the_app_gets_index_html_so_deep_links_and_reloads_work(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<div id="root">' in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-cache"  # a new build is picked up at once


def test_hashed_assets_are_cached_for_good_and_other_files_are_served(client):
    asset = client.get("/assets/index-abc123.js")
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    assert client.get("/favicon.svg").status_code == 200


@pytest.mark.parametrize(
    "accept, encoding, decode",
    [
        ("gzip, deflate", "gzip", gzip.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("deflate", "deflate", zlib.decompress),
    ],
)
def test_text_assets_are_compressed_for_clients_that_ask(dist, accept, encoding, decode):
    script = "const app = 'booking';\n" * 2000  # about 48 KB, as compressible as a bundle
    (dist / "assets" / "index-big.js").write_text(script)
    client = create_app({"WEB_DIST_DIR": dist}).test_client()
    packed = client.get("/assets/index-big.js", headers={"Accept-Encoding": accept})
    assert packed.headers["Content-Encoding"] == encoding and "Accept-Encoding" in packed.headers["Vary"]
    assert decode(packed.get_data()).decode() == script
    assert len(packed.get_data()) < len(script) / 10
    assert "immutable" in packed.headers["Cache-Control"]
    plain = client.get("/assets/index-big.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True) == script


@pytest.mark.parametrize(
    "path", ["/assets/missing.js", "/nothing.png", "/api/facilitator/2/events", "/auth/login", "/notify"]
)
def test_missing_files_and_service_paths_are_a_json_404_not_the_app(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_paths_cannot_climb_out_of_dist(client):
    assert client.get("/../web_ui/__init__.py").status_code in (200, 404)
    response = client.get("/assets/..%2f..%2fsecret.txt")
    assert b"secret" not in response.data


@pytest.mark.parametrize(
    "host, expected_main, expected_crm",
    [
        ("localhost:5173", "http://localhost:5000", "http://localhost:5001"),
        ("127.0.0.1:5173", "http://127.0.0.1:5000", "http://127.0.0.1:5001"),
        ("192.168.1.20:5173", "http://192.168.1.20:5000", "http://192.168.1.20:5001"),
    ],
)
def test_config_js_points_the_browser_at_the_services_on_the_host_it_used(client, host, expected_main, expected_crm):
    response = client.get("/config.js", headers={"Host": host})
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/javascript"
    stream = expected_main.replace(":5000", ":5003")  # the live stream on STREAM_PORT
    settings = (
        f'{{"mainApiUrl": "{expected_main}", "crmApiUrl": "{expected_crm}", "streamUrl": "{stream}", "devTools": true}}'
    )
    assert body == f"window.__APP_CONFIG__ = {settings};\n"


def test_production_offers_no_development_pages(dist):
    app = create_app({"WEB_DIST_DIR": dist, "DEV_TOOLS": False})
    assert '"devTools": false' in app.test_client().get("/config.js").get_data(as_text=True)
    from web_ui import load_config

    assert load_config({"APP_ENV": "production"})["DEV_TOOLS"] is False
    assert load_config({})["DEV_TOOLS"] is True


def test_configured_public_urls_win(dist):
    app = create_app(
        {
            "WEB_DIST_DIR": dist,
            "PUBLIC_MAIN_API_URL": "https://api.example.org",
            "PUBLIC_CRM_API_URL": "https://crm.example.org",
            "PUBLIC_STREAM_URL": "https://api.example.org",
        }
    )
    body = app.test_client().get("/config.js").get_data(as_text=True)
    assert '"mainApiUrl": "https://api.example.org"' in body and '"crmApiUrl": "https://crm.example.org"' in body
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "connect-src 'self' https://api.example.org https://crm.example.org;" in csp  # the stream's named once


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/assets/index-abc123.js", "/nothing.png", "/config.js"):
        headers = client.get(path, headers={"Host": "localhost:5173"}).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "connect-src 'self' http://localhost:5000 http://localhost:5001 http://localhost:5003;" in csp
        assert "frame-src http://localhost:5000;" in csp  # only the main API's mailbox frames, nothing else
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_an_unbuilt_app_says_how_to_build_it(tmp_path):
    response = create_app({"WEB_DIST_DIR": tmp_path}).test_client().get("/events/1")
    assert response.status_code == 503
    assert "python3 dev.py run" in response.get_data(as_text=True)
    health = create_app({"WEB_DIST_DIR": tmp_path}).test_client().get("/health").get_json()
    assert health == {"status": "ok", "service": "web", "built": False}


def test_wrong_methods_get_a_json_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
