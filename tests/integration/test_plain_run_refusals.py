"""The plain run (gunicorn on the ports, no nginx): what gunicorn refuses before any app runs is answered in our
JSON error shape on every port, and a body over the limit gets its answer read, not a reset connection."""

import pytest
from live_stack import SERVICE_TOKEN, free_port_number, launch_stack, sqlite_stack_databases
from raw_http import BAD_REQUESTS, exchange, post_big_body

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def plain(tmp_path_factory, db_templates):
    """Both services and the web app on gunicorn, as `python3 dev.py run` starts them."""
    folder = tmp_path_factory.mktemp("plain-run")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield stack
    stack.stop()


@pytest.mark.parametrize("service", ["main", "crm", "web"])
@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_a_request_gunicorn_refuses_is_answered_in_our_shape(plain, service, case):
    request, status, code = BAD_REQUESTS[case]
    url = {"main": plain.main_url, "crm": plain.crm_url, "web": plain.web_url}[service]

    answer = exchange(url, request)

    assert (answer.status, answer.error()["code"]) == (status, code)
    assert answer.headers["connection"] == "close"


@pytest.mark.parametrize(("service", "path"), [("main", "/auth/login"), ("crm", "/notify")])
def test_a_body_over_the_limit_is_read_off_so_the_client_reads_the_413(plain, service, path):
    url = plain.main_url if service == "main" else plain.crm_url

    answer = post_big_body(url, path, {"Authorization": f"Bearer {SERVICE_TOKEN}"})

    assert (answer.status, answer.error()["code"]) == (413, "request_entity_too_large")
    assert answer.headers["connection"] == "close"
