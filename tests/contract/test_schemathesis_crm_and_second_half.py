"""Schemathesis over the CRM's operations and the second half of the main API's (test_schemathesis.py runs the
first), on a stack of its own: a file of its own, so that pytest-xdist's --dist loadfile runs it beside the first
half and the two take about as long."""

import pytest
import schemathesis
from contract_world import CRM_CALLERS, MAIN_CALLERS
from schemathesis_run import call_and_validate, in_main_api_half, service_schema

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def main_schema(apps):
    return service_schema(apps["main"])


@pytest.fixture(scope="module")
def crm_schema(apps):
    return service_schema(apps["crm"])


main_api = schemathesis.pytest.from_fixture("main_schema").include(in_main_api_half(1))
crm = schemathesis.pytest.from_fixture("crm_schema")


@main_api.parametrize()
def test_main_api_answers_as_documented(case, world):
    call_and_validate(case, world, "main", MAIN_CALLERS)


@crm.parametrize()
def test_crm_answers_as_documented(case, world):
    call_and_validate(case, world, "crm", CRM_CALLERS)
