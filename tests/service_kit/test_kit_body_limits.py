"""Per-path body limits: the app's 413 and gunicorn's closing of the connection after it use the same limit."""

from types import SimpleNamespace

import pytest

from service_kit.body_limits import limit_for
from service_kit.gunicorn_conf import pre_request

CONFIG = {"MAX_CONTENT_LENGTH": 100, "MAX_CONTENT_LENGTH_BY_PATH": {"/batch": 1000}}


def test_a_path_of_its_own_gets_its_limit_and_any_other_the_app_wide_one():
    assert limit_for(CONFIG, "/batch") == 1000
    assert limit_for(CONFIG, "/notify") == 100
    assert limit_for({"MAX_CONTENT_LENGTH": 100}, "/batch") == 100


@pytest.mark.parametrize(
    ("path", "length", "closes"),
    [("/notify", "101", True), ("/notify", "100", False), ("/batch", "500", False), ("/batch", "1001", True)],
)
def test_gunicorn_closes_the_connection_only_after_a_body_over_the_paths_limit(path, length, closes):
    worker = SimpleNamespace(wsgi=SimpleNamespace(config=CONFIG))
    req = SimpleNamespace(path=path, headers=[("CONTENT-LENGTH", length)], must_close=False)

    pre_request(worker, req)

    assert req.must_close is closes
