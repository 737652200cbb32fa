#!/usr/bin/env bash
# Tests the Airflow DAG with real Airflow: jobs/airflow/.venv (pinned requirements), a temporary
# AIRFLOW_HOME with a migrated SQLite database, spark-submit (jobs/cluster/spark-submit.sh) on
# PATH, the shaded jar built if missing; then pytest. Exits non-zero on any failure, including
# pytest collecting no test (exit 5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
stamp="$venv/.requirements-stamp"
want="$(cat "$here/requirements.txt" "$here/constraints.txt" | cksum)"

if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "run_tests: installing Airflow into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements.txt" -c "$here/constraints.txt"
  echo "$want" > "$stamp"
fi

"$repo/jobs/cluster/build-jar.sh" > /dev/null
"$repo/jobs/cluster/spark-home.sh"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/unwind-airflow.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/home/dags"
# SparkSubmitOperator runs the "spark-submit" binary from PATH.
ln -s "$repo/jobs/cluster/spark-submit.sh" "$tmp/bin/spark-submit"
export PATH="$tmp/bin:$venv/bin:$PATH"
export AIRFLOW_HOME="$tmp/home"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# Installed as a user would: the DAG file linked into the dags folder (not this directory, whose
# .venv the DAG processor would walk).
ln -s "$here/unwind_dag.py" "$tmp/home/dags/unwind_dag.py"
export AIRFLOW__CORE__DAGS_FOLDER="$tmp/home/dags"
export UNWIND_HOME="$repo"
unset UNWIND_SCENARIOS UNWIND_SPARK_CONN

airflow db migrate > "$tmp/db-migrate.log" 2>&1 || { cat "$tmp/db-migrate.log"; exit 1; }

cd "$here"
set +e
timeout --kill-after=30 900 pytest -p no:cacheprovider -q -rA "$here/test_dag.py" "$@"
rc=$?
set -e
if [[ "$rc" == 5 ]]; then
  echo "run_tests: pytest ran no test" >&2
  exit 1
fi
exit "$rc"
