"""Check executed notebooks: no errors, a figure from every figure cell, rows in every table cell.

Cells declare what they must produce with cell tags:
  figure -> at least one image/png output
  table  -> at least one text/html output holding a table with at least one body row
Every notebook must declare at least one of each.

Usage: python check_outputs.py EXECUTED_DIR NOTEBOOK [NOTEBOOK ...]
(NOTEBOOK names the source notebooks; the executed copy of each must be in EXECUTED_DIR.)
Prints one line per notebook and a final `N passed, M failed`; exits 1 if any failed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROW = re.compile(r"<tbody>\s*<tr", re.S)


def problems(path: Path) -> list[str]:
    if not path.is_file():
        return [f"executed notebook {path} missing"]
    nb = nbformat.read(path, as_version=4)
    found = []
    figures = tables = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        for o in outputs:
            if o.get("output_type") == "error":
                found.append(f"cell {i}: {o.get('ename')}: {o.get('evalue')}")
        tags = cell.get("metadata", {}).get("tags", [])
        data = [o.get("data", {}) for o in outputs]
        if "figure" in tags:
            figures += 1
            if not any("image/png" in d for d in data):
                found.append(f"cell {i}: tagged figure but produced no image/png")
        if "table" in tags:
            tables += 1
            if not any(ROW.search(str(d.get("text/html", ""))) for d in data):
                found.append(f"cell {i}: tagged table but produced no HTML table with rows")
    if figures == 0:
        found.append("no cell tagged figure")
    if tables == 0:
        found.append("no cell tagged table")
    return found


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    executed = Path(argv[1])
    passed = failed = 0
    for name in argv[2:]:
        found = problems(executed / Path(name).name)
        if found:
            failed += 1
            print(f"FAIL {Path(name).name}")
            for p in found:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   {Path(name).name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
