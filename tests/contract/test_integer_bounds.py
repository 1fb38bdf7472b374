"""Every integer either service documents (in a path, a query or a body at any depth, read from the running
services' OpenAPI documents) sent at the edges of the integer types: 0, -1, 2**31 - 1, 2**31, 2**63 and 2**64.
Outside the documented range the request is refused (400, or 404 for an id in a path) and nothing is kept; inside
it, any answer but a 5xx; every refusal in our error shape. On each database: a column's type decides the edge.
The requests go to the services' apps in this process, configured as the running ones (as the Schemathesis run's):
the edges are the apps' and their databases' to hold, not the HTTP server's, and an HTTP client and server on both
sides of every request would cost more CPU than the answers."""

import json
import re

import pytest
import requests
from contract_world import CRM_CALLERS, MAIN_CALLERS, caller_for
from openapi_walk import holds, integer_slots, plausible, resolve, with_value
from schemathesis_run import in_process_apps

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]

EDGES = (0, -1, 2**31 - 1, 2**31, 2**63, 2**64)
# Each item is judged alone and the batch answers 200 with it marked invalid (docs/api.md).
ITEMS_JUDGED_ALONE = {"/notify/batch"}


@pytest.fixture(scope="module")
def apps_on_each_database(world_on_each_database):
    """The world's main API and CRM as apps in this process, on the world's databases."""
    return in_process_apps(world_on_each_database.env)


def _url(path: str, ids: dict, override: dict) -> str:
    """path with {name} filled from override, else a real record's id where there is one, else 1."""
    fill = lambda m: str(override.get(m.group(1), (ids.get(m.group(1)) or [1])[0]))  # noqa: E731
    return re.sub(r"{(\w+)}", fill, path)


def _required_query(spec: dict, operation: dict) -> dict:
    """A plausible value for each required query parameter."""
    return {
        p["name"]: plausible(spec, p.get("schema", {}))
        for p in operation.get("parameters", ())
        if p.get("in") == "query" and p.get("required")
    }


def _variants(spec: dict, slot, operation: dict, value) -> list[tuple[str, dict]]:
    """(label, keyword arguments of a test client's open()) putting value in the slot: for a body, in the smallest
    body that reaches it and in the whole plausible body (when the slot's path is in it)."""
    label = f"{slot.where} {'.'.join(map(str, slot.name))}={value}"
    if slot.where == "path":
        return [(label, {"override": {slot.name[0]: value}})]
    if slot.where == "query":
        query = {**_required_query(spec, operation), slot.name[0]: value}
        return [(label, {"query_string": {name: v for name, v in query.items() if v is not None}})]  # as requests
    found = [(f"{label} (smallest body)", {"json": with_value(slot.body, slot.name, value)})]
    whole = plausible(spec, resolve(spec, operation["requestBody"]["content"]["application/json"]["schema"]))
    if holds(whole, slot.name):
        found.append((f"{label} (whole body)", {"json": with_value(whole, slot.name, value)}))
    return found


def _problem(response, where: str, slot, value) -> str | None:
    """What is wrong with the answer (a test client's response to the request named by where), or None."""
    text = response.get_data(as_text=True)
    if response.status_code >= 500:
        return f"{where}: {response.status_code} {text[:200]}"
    if response.status_code >= 400:
        try:
            error = json.loads(text)["error"]
        except (ValueError, KeyError, TypeError):
            error = None
        if not (isinstance(error, dict) and set(error) == {"code", "message", "details"}):
            return f"{where}: {response.status_code} not in our error shape: {text[:200]}"
    low, high = slot.minimum, slot.maximum
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    expected = (404,) if slot.where == "path" else (400,)
    if response.status_code == 200 and slot.path in ITEMS_JUDGED_ALONE:
        return None if response.get_json()["invalid"] >= 1 else f"{where}: 200 with every item stored"
    if response.status_code not in expected:
        return f"{where}: outside {slot.minimum}..{slot.maximum}, answered {response.status_code}, not {expected}"
    return None


def _run(world, base_url: str, app, callers) -> None:
    """Every integer slot of the document the service at base_url serves, at every edge, sent to its app."""
    spec = requests.get(f"{base_url}/openapi.json", timeout=10).json()
    slots = integer_slots(spec)
    problems, sent = [], 0
    http = app.test_client()
    for slot in slots:
        operation = spec["paths"][slot.path][slot.method]
        if slot.minimum is None or slot.maximum is None:
            problems.append(f"{slot.method.upper()} {slot.path} {slot.where} {slot.name}: no documented bound")
        caller = caller_for(slot.path, operation, callers)
        headers = world.headers[caller] if caller else {}
        for value in EDGES:
            for label, request in _variants(spec, slot, operation, value):
                path = _url(slot.path, world.ids, request.pop("override", {}))
                response = http.open(path, method=slot.method.upper(), headers=headers, **request)
                sent += 1
                if problem := _problem(response, f"{slot.method.upper()} {path[:100]} with {label}", slot, value):
                    problems.append(problem)
    print(f"integer edges, {base_url}: {len(slots)} integers, {sent} requests, {len(problems)} problems")
    assert not problems, f"{len(problems)} of {sent} requests:\n" + "\n".join(problems[:40])
    assert {"path", "query", "body"} <= {slot.where for slot in slots}


def test_the_main_api_holds_every_integer_to_its_documented_range(world_on_each_database, apps_on_each_database):
    world = world_on_each_database
    _run(world, world.main_url, apps_on_each_database["main"], MAIN_CALLERS)


def test_the_crm_holds_every_integer_to_its_documented_range(world_on_each_database, apps_on_each_database):
    world = world_on_each_database
    _run(world, world.crm_url, apps_on_each_database["crm"], CRM_CALLERS)
