"""The store's SQLite SQL rewritten for PostgreSQL, so both backends run the same schema and the
same queries from one source.

No library translates between the two dialects at the level the store writes SQL (SQLAlchemy
would mean writing every query in its expression language instead), and the differences the
store meets are few and mechanical, so they are listed here, each a rewrite of one construct:

- placeholders ``?`` and ``:name`` become ``%s`` and ``%(name)s`` (and a literal ``%`` ``%%``);
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``; ``BEGIN IMMEDIATE`` ``BEGIN``;
- ``x IS ?`` becomes ``x IS NOT DISTINCT FROM %s``; ``LIKE`` ``ILIKE`` (SQLite's LIKE ignores case);
- ``group_concat(x[, sep])`` becomes ``string_agg(CAST(x AS TEXT), sep)``; the scalar two-argument
  ``MIN(a, b)``/``MAX(a, b)`` ``LEAST``/``GREATEST``; ``char(n)`` ``chr(n)``;
- ``strftime('%Y-%m-%dT%H:%M:%SZ', 'now')`` becomes the same UTC timestamp through ``to_char``;
- a subquery in FROM or JOIN without a name gets one;
- an ORDER BY term that does not say where NULLs go puts them where SQLite does (first going
  up, last going down; PostgreSQL does the opposite).

Schema scripts (:func:`postgres_ddl`) also map types (INTEGER to BIGINT, REAL to DOUBLE PRECISION,
BLOB to BYTEA, ``INTEGER PRIMARY KEY`` to an identity column), drop ``WITHOUT ROWID``, turn
``COLLATE NOCASE`` indexes into ``lower()`` indexes, give ``articles`` and ``inputs`` the ``rowid``
SQLite gives every table (the store orders by it), and turn each FTS5 table into a table with a
generated ``tsvector`` column ``search`` under a GIN index.

Text inside quotes is left alone by every rewrite but the ``%`` escape.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_TIMESTAMP = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_PG_TIMESTAMP = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
_ROWID_TABLES = ("articles", "inputs")
TEXT_SEARCH_CONFIG = "simple"


def _outside_quotes(sql: str, rewrite) -> str:
    """``rewrite`` applied to ``sql`` with its quoted literals and identifiers masked, so that
    nothing inside quotes is rewritten while calls with quoted arguments are seen whole."""
    literals: list[str] = []

    def mask(quoted: re.Match) -> str:
        literals.append(quoted.group())
        return f"\x01{len(literals) - 1}\x01"

    rewritten = rewrite(_QUOTED.sub(mask, sql))
    return re.sub("\x01(\\d+)\x01", lambda found: literals[int(found.group(1))], rewritten)


def _arguments(sql: str, open_at: int) -> tuple[list[str], int]:
    """The top-level arguments of the call whose ``(`` is at ``open_at``, and where it closes."""
    depth, start, arguments = 0, open_at + 1, []
    for index in range(open_at, len(sql)):
        char = sql[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                arguments.append(sql[start:index].strip())
                return arguments, index
        elif char == "," and depth == 1:
            arguments.append(sql[start:index].strip())
            start = index + 1
    raise ValueError(f"unbalanced parentheses in SQL: {sql!r}")


def _rewrite_calls(sql: str, name: str, rewrite) -> str:
    """Each call of function ``name`` replaced by ``rewrite(arguments)`` (or left as it is when
    that returns None); calls nested in its arguments are rewritten too."""
    pattern = re.compile(rf"\b{name}\s*\(", re.IGNORECASE)
    position = 0
    while match := pattern.search(sql, position):
        arguments, close = _arguments(sql, match.end() - 1)
        arguments = [_rewrite_calls(argument, name, rewrite) for argument in arguments]
        replacement = rewrite(arguments)
        if replacement is None:
            position = match.end()
            continue
        sql = sql[: match.start()] + replacement + sql[close + 1 :]
        position = match.start() + len(replacement)
    return sql


def _group_concat(arguments: list[str]) -> str:
    separator = arguments[1] if len(arguments) > 1 else "','"
    return f"string_agg(CAST({arguments[0]} AS TEXT), {separator})"


def _scalar(function: str):
    def rewrite(arguments: list[str]) -> str | None:
        return f"{function}({', '.join(arguments)})" if len(arguments) > 1 else None

    return rewrite


_SUBQUERY = re.compile(r"\b(?:FROM|JOIN)\s*(\()\s*SELECT\b", re.IGNORECASE)
_CLAUSE_WORDS = frozenset(
    "where group order limit join left inner cross on union having window".split()
)


def _alias_subqueries(sql: str) -> str:
    """A name for each subquery in FROM or JOIN that has none (PostgreSQL before 16 needs one)."""
    position, number = 0, 0
    while match := _SUBQUERY.search(sql, position):
        _, close = _arguments(sql, match.start(1))
        following = re.match(r"\s*(?:AS\s+)?(\w+)", sql[close + 1 :], re.IGNORECASE)
        if following is None or following.group(1).lower() in _CLAUSE_WORDS:
            number += 1
            sql = f"{sql[: close + 1]} AS subquery_{number}{sql[close + 1 :]}"
        position = match.end()
    return sql


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\b(?:LIMIT|OFFSET)\b", re.IGNORECASE)


def _order_by_terms(sql: str, start: int) -> tuple[list[str], int]:
    """The terms of the ORDER BY clause starting at ``start``, and where the clause ends."""
    depth, term_start, terms = 0, start, []
    index = start
    while index < len(sql):
        char = sql[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            terms.append(sql[term_start:index])
            term_start = index + 1
        elif depth == 0 and _CLAUSE_END.match(sql, index) and sql[index - 1].isspace():
            break
        index += 1
    terms.append(sql[term_start:index])
    return terms, index


def _sqlite_null_order(sql: str) -> str:
    """NULLs sorted as SQLite sorts them (first going up, last going down), where PostgreSQL
    does the opposite, unless a term says where they go."""
    position = 0
    while match := _ORDER_BY.search(sql, position):
        terms, end = _order_by_terms(sql, match.end())
        placed = []
        for term in terms:
            if re.search(r"\bNULLS\b", term, re.IGNORECASE):
                placed.append(term)
                continue
            ending = re.search(r"\s*$", term).start()
            descending = re.search(r"\bDESC\s*$", term, re.IGNORECASE)
            nulls = " NULLS LAST" if descending else " NULLS FIRST"
            placed.append(term[:ending] + nulls + term[ending:])
        clause = ",".join(placed)
        sql = sql[: match.end()] + clause + sql[end:]
        position = match.end() + len(clause)
    return sql


def _code(sql: str) -> str:
    """The rewrites of the module docstring on SQL outside quotes."""
    sql = re.sub(r"\bBEGIN\s+IMMEDIATE\b", "BEGIN", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bIS\s+\?", "IS NOT DISTINCT FROM ?", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bNOT\s+LIKE\b", "NOT ILIKE", sql, flags=re.IGNORECASE)
    sql = re.sub(r"(?<!NOT )\bLIKE\b", "ILIKE", sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bchar\s*\(", "chr(", sql, flags=re.IGNORECASE)
    sql = _rewrite_calls(sql, "group_concat", _group_concat)
    sql = _rewrite_calls(sql, "MIN", _scalar("LEAST"))
    sql = _rewrite_calls(sql, "MAX", _scalar("GREATEST"))
    sql = _alias_subqueries(sql)
    sql = _sqlite_null_order(sql)
    sql = sql.replace("?", "%s")
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)


@lru_cache(maxsize=1024)
def postgres_query(sql: str, with_parameters: bool = True) -> str:
    """``sql`` as written for SQLite, rewritten for PostgreSQL (see the module docstring).
    ``with_parameters=False`` for a script run without parameters: its ``%`` stay as they are."""
    sql = sql.replace(_TIMESTAMP, "\0")
    if with_parameters:
        sql = sql.replace("%", "%%")
    ignore = re.search(r"\bINSERT\s+OR\s+IGNORE\b", sql, flags=re.IGNORECASE)
    if ignore:
        sql = sql[: ignore.start()] + "INSERT" + sql[ignore.end() :]
    sql = _outside_quotes(sql, _code)
    if ignore:
        sql = sql.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return sql.replace("\0", _PG_TIMESTAMP)


_FTS_TABLE = re.compile(
    r"CREATE\s+VIRTUAL\s+TABLE\s+(\w+)\s+USING\s+fts5\s*\((.*?)\)\s*;", re.IGNORECASE | re.DOTALL
)


def _search_table(match: re.Match) -> str:
    table = match.group(1)
    columns = [column.split() for column in match.group(2).split(",")]
    indexed = [name for name, *options in columns if "UNINDEXED" not in options]
    document = " || ' ' || ".join(f"coalesce({name}, '')" for name in indexed)
    definitions = ", ".join(f"{name} TEXT" for name, *_ in columns)
    return (
        f"CREATE TABLE {table} ({definitions}, search tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{TEXT_SEARCH_CONFIG}', {document})) STORED);\n"
        f"CREATE INDEX {table}_search ON {table} USING gin(search);\n"
        f"CREATE INDEX {table}_article ON {table}(article_id);"
    )


def postgres_ddl(script: str) -> str:
    """A schema script of :mod:`newsgraph.store.migrations` for PostgreSQL."""
    script = _FTS_TABLE.sub(_search_table, script)
    script = re.sub(r"\)\s*WITHOUT\s+ROWID", ")", script, flags=re.IGNORECASE)
    script = re.sub(r"\(\s*(\w+)\s+COLLATE\s+NOCASE\s*\)", r"(lower(\1))", script)
    script = re.sub(
        r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b",
        "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        script,
    )
    script = re.sub(r"\bINTEGER\b", "BIGINT", script)
    script = re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)
    script = re.sub(r"\bBLOB\b", "BYTEA", script)
    for table in _ROWID_TABLES:
        script = re.sub(
            rf"(CREATE\s+TABLE\s+{table}\s*\()",
            r"\1rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, ",
            script,
        )
    return postgres_query(script, with_parameters=False)
