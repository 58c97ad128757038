"""Schema migrations: numbered `NNNN_name.sql` files in store/migrations, applied in order and recorded."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME_RE = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered schema change read from a `NNNN_name.sql` file."""

    version: int
    name: str
    sql: str


def load_migrations(directory: Path) -> list[Migration]:
    """Read the `NNNN_name.sql` files of `directory` in version order; other .sql names are an error."""
    migrations: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _MIGRATION_NAME_RE.match(path.name)
        if not m:
            raise ValueError(f"{path}: migration files must be named NNNN_name.sql")
        version = int(m.group(1))
        if version in migrations:
            raise ValueError(f"{path}: migration version {version} is used twice")
        migrations[version] = Migration(version, m.group(2), path.read_text(encoding="utf-8"))
    return [migrations[v] for v in sorted(migrations)]


def split_statements(sql: str) -> list[str]:
    """Split an SQL script into complete statements (sqlite3.complete_statement knows strings, triggers)."""
    statements: list[str] = []
    *pieces, rest = sql.split(";")
    buffer = ""
    for piece in pieces:
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _has_code(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _has_code(buffer + rest):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {(buffer + rest).strip()[:80]!r}")
    return statements


def _has_code(sql: str) -> bool:
    """Return True when `sql` holds anything besides whitespace, `;` and -- comments."""
    return any(line.split("--", 1)[0].strip(" \t;") for line in sql.splitlines())


