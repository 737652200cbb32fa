"""Compares Parquet tables of two unwind output roots row for row (content, not files).

Usage: compare.py ROOT_A ROOT_B TABLE[:KEY,KEY...] ...

For each table, reads every Parquet file under ROOT/TABLE with Hive partitioning (so run_id and
strategy come back as columns), and requires: both sides non-empty, the same columns, the same row
count, and an empty multiset difference both ways (EXCEPT ALL), so a duplicated row or a changed bit
in a double fails. DuckDB compares doubles exactly (NaN equals NaN). With :KEY columns, also
requires that the key is unique on both sides. Prints one line per table; exits 1 on any mismatch.
"""

import sys

import duckdb


def table_view(con, name, root, table):
    glob = f"{root}/{table}/**/*.parquet".replace("'", "''")
    con.execute(
        f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{glob}',"
        " hive_partitioning = true, union_by_name = true)"
    )
    return [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]


def compare(con, root_a, root_b, spec):
    table, _, key = spec.partition(":")
    cols_a = table_view(con, "a", root_a, table)
    cols_b = table_view(con, "b", root_b, table)
    if sorted(cols_a) != sorted(cols_b):
        return f"columns differ: {sorted(set(cols_a) ^ set(cols_b))}"
    cols = ", ".join(f'"{c}"' for c in sorted(cols_a))
    n_a = con.execute("SELECT count(*) FROM a").fetchone()[0]
    n_b = con.execute("SELECT count(*) FROM b").fetchone()[0]
    if n_a == 0:
        return "no rows"
    if n_a != n_b:
        return f"row counts differ: {n_a} vs {n_b}"
    only_a = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM a EXCEPT ALL SELECT {cols} FROM b)").fetchone()[0]
    only_b = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM b EXCEPT ALL SELECT {cols} FROM a)").fetchone()[0]
    if only_a or only_b:
        example = con.execute(f"SELECT {cols} FROM a EXCEPT ALL SELECT {cols} FROM b LIMIT 1").fetchall()
        return f"{only_a} rows only in A, {only_b} only in B; e.g. {example}"
    if key:
        keys = ", ".join(f'"{k}"' for k in key.split(","))
        for side in ("a", "b"):
            dup = con.execute(f"SELECT count(*) - count(DISTINCT ({keys})) FROM {side}").fetchone()[0]
            if dup:
                return f"{dup} duplicated keys ({key}) on side {side.upper()}"
    return None, n_a


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    root_a, root_b, specs = argv[1], argv[2], argv[3:]
    con = duckdb.connect()
    failed = 0
    for spec in specs:
        try:
            result = compare(con, root_a, root_b, spec)
        except duckdb.Error as e:
            result = f"cannot read: {str(e).splitlines()[0]}"
        if isinstance(result, tuple):
            print(f"compare {spec.partition(':')[0]}: identical, {result[1]} rows")
        else:
            failed += 1
            print(f"compare {spec.partition(':')[0]}: DIFFERENT: {result}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
