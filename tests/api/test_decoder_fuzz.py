"""Byte-level fuzzing of the request decoders: any body, media type or query gives a Job or a 4xx error.

No model and no HTTP: the decoders run directly, thousands of times in a few seconds.
"""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.api.errors import PROBLEMS, ClaimexError
from service.api.requests import Job, decode_batch, decode_extract, parse_published_at
from service.settings import Settings

LIMITS = Settings(max_text_chars=300, max_batch_documents=3)
FIELDS = ["text", "published_at", "id", "url", "min_score", "documents"]
# Cases per test: 1,000 (about 25 s for the three); FUZZ_EXAMPLES=50000 for a longer run.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "1000")), deadline=None,
                suppress_health_check=list(HealthCheck), database=None)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
    | st.sampled_from(["2022-03-12", "2022-03-12T09:30:00Z", "", " ", "\x00", "\ud800"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8),
                                                                   inner, max_size=5),
    max_leaves=12,
)
documents = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6)
batches = st.fixed_dictionaries({"documents": st.lists(documents, max_size=5)}) | documents


@st.composite
def mutated(draw, values) -> bytes:
    """Return the JSON of a drawn value with some of its bytes replaced, inserted or cut."""
    raw = bytearray(json.dumps(draw(values), ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["replace", "insert", "cut"]))
        byte = draw(st.integers(0, 255))
        if action == "insert" or at == len(raw):
            raw.insert(at, byte)
        elif action == "replace":
            raw[at] = byte
        else:
            del raw[at:at + draw(st.integers(1, 8))]
    return bytes(raw)


bodies = st.binary(max_size=400) | mutated(documents) | mutated(batches)
media = st.sampled_from(["application/json", "text/plain", "application/xml", ""])
params = st.dictionaries(st.sampled_from(["charset", "boundary"]), st.sampled_from(["utf-8", "utf8", "latin-1", ""]))
queries = st.dictionaries(st.sampled_from(["published_at", "id", "url", "min_score", "format", "x"]),
                          st.text(max_size=30), max_size=4)


def assert_client_error(exc: ClaimexError) -> None:
    status = PROBLEMS[type(exc)][0]
    assert 400 <= status < 500, (type(exc), exc.detail)


@FUZZ
@given(body=bodies, kind=media, params=params, query=queries)
def test_any_extract_body_is_a_job_or_a_4xx(body, kind, params, query):
    try:
        job = decode_extract(body, kind, params, query, LIMITS)
    except ClaimexError as exc:
        assert_client_error(exc)
        return
    assert isinstance(job, Job) and job.text.strip() and len(job.text) <= LIMITS.max_text_chars


@FUZZ
@given(body=bodies, kind=media)
def test_any_batch_body_is_jobs_or_a_4xx(body, kind):
    try:
        jobs = decode_batch(body, kind, LIMITS)
    except ClaimexError as exc:
        assert_client_error(exc)
        return
    assert 1 <= len(jobs) <= LIMITS.max_batch_documents and all(isinstance(job, Job) for job in jobs)


@FUZZ
@given(value=st.text(max_size=40) | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat()))
def test_any_published_at_is_a_date_or_a_4xx(value):
    try:
        parse_published_at(value)
    except ClaimexError as exc:
        assert_client_error(exc)
