"""Runs the DuckDB queries of docs/analysis.md ("The partnership's questions in DuckDB")
over the tables `flatten` wrote, and checks each answer against the theme `summarise`
counted from the same records.

    python tests/questions.py DOCS TABLES_DIR THEMES_JSON [PARQUET_DIR]

Each query is a ```sql block whose first line is `-- theme: ID`; its one result row must
equal the theme's counts (the `count` column of every row, in order). With PARQUET_DIR
(`flatten --format parquet` of the same records), each query runs again over the Parquet
files and must give the same answer, and the columns must have their types (dates as
DATE, times as TIMESTAMP WITH TIME ZONE, numbers as BIGINT, yes-or-no as BOOLEAN). Exits 1
naming every query that disagrees.
"""

import json
import os
import re
import sys

import duckdb

BLOCK = re.compile(r"```sql\n-- theme: (\w+)\n(.*?)```", re.DOTALL)
JSON_TABLE = re.compile(r"read_json_auto\('(\w+)\.jsonl'\)")
TYPES = {
    ("records", "meetingDate"): "DATE",
    ("records", "createdAt"): "TIMESTAMP WITH TIME ZONE",
    ("records", "schemaVersion"): "BIGINT",
    ("records", "childUnborn"): "BOOLEAN",
    ("records", "status"): "VARCHAR",
    ("scales", "score"): "BIGINT",
    ("actions", "due"): "DATE",
}


def parquet_types(directory):
    """The failures of the Parquet files' column types."""
    failures = []
    for (table, column), expected in TYPES.items():
        path = os.path.join(directory, f"{table}.parquet")
        described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        got = {row[0]: row[1] for row in described}.get(column)
        print(f"questions: parquet {table}.{column}: {got}")
        if got != expected:
            failures.append(f"{table}.{column} is {got}, not {expected}")
    return failures


def main():
    docs, tables, themes_path = sys.argv[1:4]
    parquet = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else None
    with open(docs, encoding="utf-8") as handle:
        queries = BLOCK.findall(handle.read())
    if not queries:
        sys.exit(f"questions: no `-- theme:` queries in {docs}")
    with open(themes_path, encoding="utf-8") as handle:
        themes = {table["id"]: table for table in json.load(handle)["themes"]}
    os.chdir(tables)
    failures = []
    for theme, sql in queries:
        table = themes.get(theme)
        if table is None:
            failures.append(f"{theme}: summarise has no such theme")
            continue
        expected = [row["count"] for row in table["rows"]]
        got = list(duckdb.sql(sql).fetchone())
        status = "ok" if got == expected else "DIFFERS"
        print(f"questions: {theme}: {got} ({status}; summarise says {expected})")
        if got != expected:
            failures.append(theme)
        elif not any(expected):
            failures.append(f"{theme}: every count is 0, so the query proves nothing")
        if parquet:
            over_parquet = JSON_TABLE.sub(
                lambda match: f"read_parquet('{os.path.join(parquet, match.group(1))}.parquet')",
                sql,
            )
            again = list(duckdb.sql(over_parquet).fetchone())
            if again != got:
                failures.append(f"{theme}: {again} over Parquet, {got} over JSON Lines")
    if parquet:
        failures.extend(parquet_types(parquet))
    if failures:
        sys.exit("questions: FAILED: " + ", ".join(failures))
    print(f"questions: ok, {len(queries)} queries agree with summarise")


if __name__ == "__main__":
    main()
