#!/usr/bin/env bash
# Execute every notebook on a run's output and check that each produced its figures and tables.
#
# Usage: notebooks/run_tests.sh [--fixture] [OUT [RUN_ID]]
#   --fixture  write a synthetic output root (tests/make_fixture.py: no Spark, no Java needed)
#   OUT        an existing output root (or env UNWIND_OUT)
#   RUN_ID     the run notebooks 01-03 read (or env UNWIND_RUN_ID; default baseline)
# Without --fixture or OUT it makes three small runs itself with jobs/bin/unwind: `baseline`
# (conf/baseline.conf), `crowded` (conf/crowded.conf, if present) and `importance` (the baseline
# with sampling.method=importance), 2000 paths x 504 days; 04_compare_runs shows all three, and
# the importance run's weighted summary is checked against the notebooks' weighted estimators.
#
# On output it makes itself it also runs tests/check_summary_views.py: unwind_data's estimators
# computed from `paths` against the job's `summary` rows of the real run (to the bit), the views of
# those rows, and the refusals (no summary, an old summary). With
# --fixture (whose summary unwind_data's estimators wrote) that comparison is only a smoke test.
#
# The venv lives in notebooks/.venv (created and kept in sync with requirements.txt).
# Ends with `N passed, M failed` from check_outputs.py; exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

fixture=0
made_importance=0
args=()
for a in "$@"; do
  case "$a" in
    --fixture) fixture=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) args+=("$a") ;;
  esac
done
out="${args[0]:-${UNWIND_OUT:-}}"
run_id="${args[1]:-${UNWIND_RUN_ID:-baseline}}"

# --- venv, reinstalled only when requirements.txt changes -------------------------------------
# shellcheck source=venv.sh
source "$here/venv.sh"
export JUPYTER_PATH="$venv/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export MPLBACKEND=Agg

work="$(mktemp -d "${TMPDIR:-/tmp}/unwind-notebooks.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# --- output to test against ---------------------------------------------------------------------
if [[ $fixture == 1 ]]; then
  out="$work/out"
  "$venv/bin/python" "$here/tests/make_fixture.py" "$out"
elif [[ -z "$out" ]]; then
  out="$work/out"
  small=(--set paths=2000 --set horizon-days=504 --set sample-every=50)
  echo "making run baseline under $out"
  "$root/jobs/bin/unwind" run --out "$out" --run-id baseline "${small[@]}" > "$work/baseline.log" 2>&1 \
    || { cat "$work/baseline.log"; echo "jobs/bin/unwind run failed"; exit 1; }
  if [[ -f "$root/conf/crowded.conf" ]]; then
    echo "making run crowded under $out"
    "$root/jobs/bin/unwind" run --out "$out" --run-id crowded --config "$root/conf/crowded.conf" "${small[@]}" \
      > "$work/crowded.log" 2>&1 || { cat "$work/crowded.log"; echo "jobs/bin/unwind run (crowded) failed"; exit 1; }
  else
    echo "conf/crowded.conf not found: 04_compare_runs will compare a single run"
  fi
  echo "making run importance under $out (the baseline, importance-sampled)"
  "$root/jobs/bin/unwind" run --out "$out" --run-id importance "${small[@]}" --set sampling.method=importance \
    > "$work/importance.log" 2>&1 || { cat "$work/importance.log"; echo "jobs/bin/unwind run (importance) failed"; exit 1; }
  made_importance=1
  run_id=baseline
fi
out="$(cd "$out" && pwd)"

# --- execute -------------------------------------------------------------------------------------
executed="$work/executed"
mkdir -p "$executed"
notebooks=("$here"/0*.ipynb)
status=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  params=(-p out "$out" -p engine duckdb)
  [[ "$name" != 04_* ]] && params+=(-p run_id "$run_id")
  echo "executing $name"
  if ! "$venv/bin/papermill" --cwd "$here" --no-progress-bar --log-level WARNING "$nb" "$executed/$name" \
      "${params[@]}" > "$work/$name.log" 2>&1; then
    cat "$work/$name.log"
    echo "FAILED executing $name"
    status=1
  fi
done

# --- unwind_data against the job's summary, and the refusals ------------------------------------
# Only on output this script made: an OUT given on the command line may predate the rows checked.
if [[ $fixture == 1 || -z "${args[0]:-${UNWIND_OUT:-}}" ]]; then
  echo "checking unwind_data against the summary (tests/check_summary_views.py)"
  "$venv/bin/python" "$here/tests/check_summary_views.py" "$out" "$run_id" > "$work/views.log" 2>&1 || status=1
  grep -v '^ok ' "$work/views.log" || true   # failures with their details, and the count
fi
if [[ $made_importance == 1 ]]; then
  echo "checking the weighted estimators against the importance run's summary, and 01 on it"
  "$venv/bin/python" "$here/tests/check_summary_views.py" "$out" importance --importance \
    > "$work/views-importance.log" 2>&1 || status=1
  grep -v '^ok ' "$work/views-importance.log" || true
  "$venv/bin/papermill" --cwd "$here" --no-progress-bar --log-level WARNING "$here/01_tail_risk.ipynb" \
    "$work/01-importance.ipynb" -p out "$out" -p engine duckdb -p run_id importance > "$work/01-importance.log" 2>&1 \
    || { cat "$work/01-importance.log"; echo "FAILED executing 01_tail_risk.ipynb on the importance run"; status=1; }
fi

if [[ -n "${UNWIND_KEEP_EXECUTED:-}" ]]; then
  mkdir -p "$UNWIND_KEEP_EXECUTED" && cp "$executed"/*.ipynb "$UNWIND_KEEP_EXECUTED"/
fi

"$venv/bin/python" "$here/check_outputs.py" "$executed" "${notebooks[@]}" || status=1
exit $status
