"""Schemathesis over every operation of both OpenAPI documents, against the real services: no 5xx, and
every answer's status, content type and body as documented. Here the first half of the main API's operations;
test_schemathesis_crm_and_second_half.py runs the rest on a stack of its own, beside this file under pytest-xdist."""

from collections import Counter

import pytest
import schemathesis
from contract_world import MAIN_CALLERS
from schemathesis_run import MAIN_API_HALVES, call_and_validate, in_main_api_half, operation_labels, service_schema

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def main_schema(apps):
    return service_schema(apps["main"])


main_api = schemathesis.pytest.from_fixture("main_schema").include(in_main_api_half(0))


def test_the_main_api_halves_run_every_operation_once(apps):
    whole = service_schema(apps["main"])
    halves = Counter(
        label for half in range(MAIN_API_HALVES) for label in operation_labels(whole.include(in_main_api_half(half)))
    )
    assert halves == Counter(operation_labels(whole))
    assert halves and set(halves.values()) == {1}


@main_api.parametrize()
def test_main_api_answers_as_documented(case, world):
    call_and_validate(case, world, "main", MAIN_CALLERS)
