"""The API against its own OpenAPI schema (schemathesis): generated requests to every operation, no server error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import TOKEN, serve

EXAMPLES = 40  # generated requests per operation: the whole run stays under ~30 s here

@pytest.fixture(scope="module")
def fuzzed_desk(desk_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-write desk over a copy of the store, which the generated POSTs may fill."""
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    with closing(sqlite3.connect(desk_db)) as src, closing(sqlite3.connect(db)) as dst:
        src.backup(dst)
    yield from serve(db, TOKEN)


def test_no_generated_request_is_a_server_error(fuzzed_desk: str) -> None:
    """Every operation, with the write token, on requests hypothesis draws from the schema: never a 5xx."""
    api = schemathesis.openapi.from_url(f"{fuzzed_desk}/api/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 7
    sent: list[tuple[str, int]] = []

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            """Send one generated request and check its status."""
            response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                                              checks=[not_a_server_error])
            sent.append((case.operation.label, response.status_code))

        check()
    assert {label for label, _ in sent} == {op.label for op in operations}
    assert len(sent) >= 5 * len(operations)
