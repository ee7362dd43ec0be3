"""Schemathesis against the real server: every documented operation, valid and invalid requests
generated from the OpenAPI document, every built-in check (no 5xx, documented statuses, content
types, headers and schemas, valid data accepted, invalid data rejected, methods, ...)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES

from service.api.app import create_app
from service.settings import load_settings

pytestmark = pytest.mark.server
# The server runs with these; the document the cases come from is built with the same settings.
SERVER = {"CLAIMEX_MAX_QUEUE": "64", "CLAIMEX_MAX_TEXT_CHARS": "500", "CLAIMEX_MAX_BATCH_DOCUMENTS": "3"}
# Cases per operation and generation mode, 170 in all (SCHEMATHESIS_SCALE=6 runs about 1,000). The
# GETs have nothing to send, so nothing to make invalid: they run valid cases only. Short texts
# (CLAIMEX_MAX_TEXT_CHARS) keep each case quick.
SCALE = float(os.environ.get("SCHEMATHESIS_SCALE", "1"))
EXAMPLES = {("POST /v1/extract", GenerationMode.POSITIVE): 40, ("POST /v1/extract", GenerationMode.NEGATIVE): 60,
            ("POST /v1/extract/batch", GenerationMode.POSITIVE): 25,
            ("POST /v1/extract/batch", GenerationMode.NEGATIVE): 35}
GET_EXAMPLES = 5


# An invalid request is answered 400, or 413 where it breaks a documented size limit (too long a
# text, too many documents): both refuse it, so the negative-data check counts 413 with the rest.
REJECTIONS = [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"]
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}}})


def api_schema():
    document = create_app(load_settings(SERVER), load_pipeline=lambda path: None).openapi_schema.to_schema()
    return schemathesis.openapi.from_dict(document, config=CONFIG)


SCHEMA = api_schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
CASES = [(op, mode) for op in OPERATIONS for mode in GenerationMode
         if (op.label, mode) in EXAMPLES or (op.method.upper() == "GET" and mode is GenerationMode.POSITIVE)]
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


@pytest.fixture(scope="module")
def live(start_claimex):
    with start_claimex(**SERVER) as server:
        yield server


@pytest.mark.parametrize(("operation", "mode"), CASES, ids=[f"{op.label} {mode.value}" for op, mode in CASES])
def test_operation_conforms_to_its_openapi_document(live, operation, mode):
    # Invalid cases are sent as JSON: a text/plain body is a string whatever its bytes, so a
    # "wrong type" there (schemathesis sends the integer 305 as "305") is no invalid request.
    media_type = "application/json" if mode is GenerationMode.NEGATIVE else None

    examples = round(SCALE * EXAMPLES.get((operation.label, mode), GET_EXAMPLES))

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              derandomize=True)
    @given(case=operation.as_strategy(generation_mode=mode, media_type=media_type))
    def conforms(case):
        case.call_and_validate(base_url=live.base, checks=ALL_CHECKS, timeout=60)

    conforms()
