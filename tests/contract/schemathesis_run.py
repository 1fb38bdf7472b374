"""The Schemathesis run's settings and its call (a plain module: the run's test files import it by name); the main
API's operations in two halves, each run by its own test file so that pytest-xdist's loadfile spreads them."""

import io
import json
import os
import zipfile
import zlib

import schemathesis
from contract_world import FIGURES, caller_for
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

import crm_microservice
import main_app
from crm_microservice import config as crm_config
from main_app import config as main_config


def _zip(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# A studio import's body: any bytes, or ZIPs that come close to an export (another format, a manifest alone).
EXPORT = {"format": "booking-platform/studio-export", "version": 2, "files": []}
NEAR_EXPORTS = [_zip({}), _zip({"manifest.json": json.dumps(EXPORT)}), _zip({"manifest.json": "[1, 2]"})]
schemathesis.openapi.media_type("application/zip", st.one_of(st.binary(max_size=4096), st.sampled_from(NEAR_EXPORTS)))

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Bounded and reproducible: a fixed seed, derandomized, few examples per operation, no shrinking (a failure
# is reported as found), no example database carried between runs, no deadline (Schemathesis sets none).
# CONTRACT_MAX_EXAMPLES=300 digs deeper by hand; CI keeps the default.
MAX_EXAMPLES = int(os.environ.get("CONTRACT_MAX_EXAMPLES", "25"))
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20261121,
        "suppress-health-check": ["too_slow"],  # about the machine's speed, not the API: no flaky CI
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "no-shrink": True,
            "deterministic": True,
            "database": "none",
        },
        "phases": {"stateful": {"enabled": False}},
    }
)
ALWAYS_PINNED = {"facilitator_id"}  # another facilitator's id is a 403 on every route: the 200s are the point
# The main API's run in one test would be the suite's longest: its operations go to two files (test_schemathesis.py and
# test_schemathesis_crm_and_second_half.py), which pytest-xdist's --dist loadfile gives to different workers.
MAIN_API_HALVES = 2


def in_process_apps(env: dict) -> dict:
    """The stack's two services as apps in this process, configured exactly as its processes are (same databases,
    secrets and addresses): the run calls them through Schemathesis' WSGI transport, which spares both sides of
    ~7,000 calls the HTTP client and server (a third of the run's CPU). The stack's processes stay up: the
    dispatcher delivers what the calls write, and the CRM's forwarded routes reach the main API over HTTP."""
    return {
        "main": main_app.create_app(main_config.load_config(env)),
        "crm": crm_microservice.create_app(crm_config.load_config(env)),
    }


def service_schema(app):
    """A service's whole OpenAPI document, as its app serves it; its cases are called in-process."""
    return schemathesis.openapi.from_wsgi("/openapi.json", app, config=CONFIG)


def operation_labels(schema) -> list[str]:
    """ "METHOD /path" of every operation the schema (with its filters) runs."""
    return [result.ok().label for result in schema.get_all_operations()]


def in_main_api_half(half: int):
    """Filter of one half of the operations, by a checksum of "METHOD /path": each operation falls in one half
    whatever the others are. Given to the test's schema (from_fixture(...).include), which sets the run's filters:
    the pytest plugin drops those of the schema its fixture returns."""
    return lambda context: zlib.crc32(context.operation.label.encode()) % MAIN_API_HALVES == half


def _pin_ids(case, ids: dict[str, list]) -> None:
    """Point generated path ids at real records two times in three (deterministically), so both the
    answers for records that exist and the 404s for ones that do not are exercised."""
    for name, value in (case.path_parameters or {}).items():
        known = ids.get(name)
        if not known:
            continue
        spread = zlib.crc32(str(value).encode())
        if name in ALWAYS_PINNED or spread % 3:
            case.path_parameters[name] = known[spread % len(known)]


def call_and_validate(case, world, service: str, callers) -> None:
    """Send the case as its caller would, on ids worth pinning, and check the answer against the document."""
    caller = caller_for(case.path, case.operation.definition.raw, callers)
    _pin_ids(case, world.ids)
    FIGURES[service][case.operation.label] += 1
    response = case.call(headers=world.headers[caller] if caller else None)
    case.validate_response(response, checks=CHECKS)
