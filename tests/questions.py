"""Runs the DuckDB queries of docs/analysis.md ("The partnership's questions in DuckDB")
over the tables `flatten` wrote, and checks each answer against the theme `summarise`
counted from the same records.

    python tests/questions.py DOCS TABLES_DIR THEMES_JSON

Each query is a ```sql block whose first line is `-- theme: ID`; its one result row must
equal the theme's counts (the `count` column of every row, in order). Exits 1 naming every
query that disagrees.
"""

import json
import os
import re
import sys

import duckdb

BLOCK = re.compile(r"```sql\n-- theme: (\w+)\n(.*?)```", re.DOTALL)


def main():
    docs, tables, themes_path = sys.argv[1:4]
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
    if failures:
        sys.exit("questions: FAILED: " + ", ".join(failures))
    print(f"questions: ok, {len(queries)} queries agree with summarise")


if __name__ == "__main__":
    main()
