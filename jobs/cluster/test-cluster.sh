#!/usr/bin/env bash
# Integration test on a real Spark standalone cluster (1 master, 2 workers on 127.0.0.1):
#   - the shaded unwind jar submitted with spark-submit gives the same paths, events, samples and
#     summary rows as a local[2] run of the same config (compared row for row, bit for bit);
#   - with speculative execution on, no row is duplicated or changed;
#   - SIGKILLing a worker (and its executor) while tasks run, the job still completes on the
#     other worker with identical output;
#   - bad input at the cluster boundary (missing config URI, unreachable HDFS, unwritable output
#     root) exits 2 before any application reaches the cluster.
# Prints "N passed, M failed" and exits non-zero when anything failed.
#
# Usage: jobs/cluster/test-cluster.sh [--app unwind|probe] [--keep]
#   --app probe   runs the same cluster checks with a self-contained probe application
#                 (jobs/cluster/probe/Probe.java) instead of unwind: tells a cluster problem
#                 from an application problem.
#   --keep        keeps the work dir (outputs, logs, event logs) for inspection.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UNWIND_ROOT"

app=unwind
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app) app="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--app unwind|probe] [--keep]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/unwind-cluster-test.XXXXXX")"
# The test's own cluster state, so it never touches a cluster the user started.
export UNWIND_CLUSTER_STATE="$work/state"
cluster="$UNWIND_CLUSTER_DIR/cluster.sh"
submit="$UNWIND_CLUSTER_DIR/spark-submit.sh"
py="$UNWIND_CLUSTER_DIR/.venv/bin/python"
passed=0
failed=0
bg_pid=""
completed=false
t0=$SECONDS

log() { echo "[$((SECONDS - t0))s] $*"; }
pass() { passed=$((passed + 1)); log "PASS $*"; }
fail() { failed=$((failed + 1)); log "FAIL $*"; }

cleanup() {
  [[ -n "$bg_pid" ]] && kill "$bg_pid" 2> /dev/null
  "$cluster" stop > /dev/null 2>&1
  if [[ "$keep" == true ]]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
finish() {
  cleanup
  [[ "$completed" == true ]] || { failed=$((failed + 1)); echo "FAIL the test script stopped before its end"; }
  echo "$passed passed, $failed failed"
  if ((failed > 0 || passed == 0)); then exit 1; fi
  exit 0
}
trap finish EXIT
trap 'fail "interrupted"; exit 1' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- the application under test -------------------------------------------------------------

# Two sizes of the baseline, one year: "small" for the comparisons, "large" for the fault test,
# whose tasks must run long enough (~20-40 s here) to be killed mid-task.
small_paths="${UNWIND_CLUSTER_TEST_PATHS:-3000}"
small_partitions=6
large_paths="${UNWIND_CLUSTER_TEST_FAULT_PATHS:-60000}"
large_partitions=4

if [[ "$app" == probe ]]; then
  app_jar="$work/probe.jar"
  app_class=Probe
  tables=(probe:value)
  # app_args OUT_ROOT SIZE: rows, partitions, milliseconds each task sleeps.
  app_args() { echo "$1/probe" 200000 "$small_partitions" 4000; }
  run_local() { "$submit" --master 'local[2]' --class Probe "$app_jar" $(app_args "$@"); }
else
  app_class=io.unwind.jobs.cli.UnwindCli
  tables=(paths:path_id,strategy events samples summary:strategy,metric,condition,level histograms:strategy,quantity,bin)
  app_args() {
    local n="$small_paths" p="$small_partitions"
    [[ "$2" == large ]] && { n="$large_paths"; p="$large_partitions"; }
    echo run --config "$UNWIND_ROOT/conf/baseline.conf" --out "$1" --run-id cluster-test \
      --set "paths=$n" --set horizon-days=252 --partitions "$p"
  }
  # The launcher's default heap (8 GiB) is more than this test needs on a shared machine.
  run_local() { UNWIND_JAVA_OPTS=-Xmx2g "$UNWIND_ROOT/jobs/bin/unwind" $(app_args "$@") --master 'local[2]'; }
fi

build_app() {
  if [[ "$app" == probe ]]; then
    mkdir -p "$work/probe-classes"
    javac -d "$work/probe-classes" -cp "$SPARK_HOME/jars/*" "$UNWIND_CLUSTER_DIR/probe/Probe.java" &&
      jar cf "$app_jar" -C "$work/probe-classes" .
    return
  fi
  app_jar="$("$UNWIND_CLUSTER_DIR/build-jar.sh")" || return 1
  [[ -f "$app_jar" ]] && jar tf "$app_jar" | grep -qx 'io/unwind/jobs/cli/UnwindCli.class' || { log "no io.unwind.jobs.cli.UnwindCli in $app_jar"; return 1; }
}

# Makes run NAME's dir, event log dir and driver UI port (before a background submit, so the
# caller can watch the driver).
prepare_run() {
  mkdir -p "$work/$1/events"
  [[ -s "$work/$1/ui-port" ]] || free_port > "$work/$1/ui-port"
}

# Submits the application to the cluster in client mode (the driver here, so its exit code is
# the application's). Extra spark-submit options first, then "--", then application arguments.
# Each run gets its own driver UI port and event log dir under $work/NAME.
submit_app() {
  local name="$1"; shift
  local opts=()
  while [[ $# -gt 0 && "$1" != -- ]]; do opts+=("$1"); shift; done
  [[ "${1:-}" == -- ]] && shift
  prepare_run "$name"
  timeout --kill-after=15 "${SUBMIT_TIMEOUT:-300}" "$submit" --master "$master" --deploy-mode client \
    --name "unwind-$name" --class "$app_class" \
    --conf spark.ui.port="$(cat "$work/$name/ui-port")" \
    --conf spark.eventLog.enabled=true --conf spark.eventLog.dir="file://$work/$name/events" \
    --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false \
    --conf spark.executor.memory=1g \
    "${opts[@]}" "$app_jar" "$@"
}

compare_outputs() {
  local what="$1" a="$2" b="$3"
  if "$py" "$UNWIND_CLUSTER_DIR/compare.py" "$a" "$b" "${tables[@]}"; then
    pass "$what"
  else
    fail "$what"
  fi
}

# Counts events in a run's event log: event_count RUN GREP_PATTERN.
event_count() {
  find "$work/$1/events" -type f -name 'app-*' -exec cat {} + 2> /dev/null | grep -c -- "$2"
}

# Applications the master has seen (running or finished).
master_app_count() {
  curl -fsS --max-time 5 "http://127.0.0.1:$MASTER_WEBUI_PORT/json/" |
    python3 -c 'import json, sys; j = json.load(sys.stdin); print(len(j["activeapps"]) + len(j["completedapps"]))'
}

# Waits until the driver of run NAME reports at least N tasks running at once; bounded.
wait_for_running_tasks() {
  local name="$1" want="$2" limit="$3" port deadline=$((SECONDS + $3))
  port="$(cat "$work/$name/ui-port")"
  while ((SECONDS < deadline)); do
    local active
    active="$(python3 - "$port" <<'PY' 2> /dev/null
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}/api/v1/applications"
app_id = json.load(urllib.request.urlopen(base, timeout=3))[0]["id"]
executors = json.load(urllib.request.urlopen(f"{base}/{app_id}/executors", timeout=3))
print(sum(e["activeTasks"] for e in executors if e["id"] != "driver"))
PY
)"
    [[ "${active:-0}" -ge "$want" ]] && return 0
    kill -0 "$bg_pid" 2> /dev/null || return 1
    sleep 1
  done
  return 1
}

# --- setup -----------------------------------------------------------------------------------

log "work dir $work; app $app"
"$UNWIND_CLUSTER_DIR/spark-home.sh" || { fail "spark-home.sh"; exit 1; }
if [[ ! -x "$py" ]] || ! "$py" -c 'import duckdb' 2> /dev/null; then
  python3 -m venv "$UNWIND_CLUSTER_DIR/.venv" &&
    "$UNWIND_CLUSTER_DIR/.venv/bin/pip" install -q -r "$UNWIND_CLUSTER_DIR/requirements.txt" ||
    { fail "comparator venv"; exit 1; }
fi
build_app || { fail "build $app application"; exit 1; }

if master="$("$cluster" start --workers 2 --worker-cores 1 --worker-memory 2g)"; then
  source "$UNWIND_CLUSTER_STATE/cluster.env"
  pass "cluster up: $master with 2 ALIVE workers"
else
  fail "cluster start"; exit 1
fi

# --- 1. cluster run equals local run ----------------------------------------------------------

log "clean run on the cluster"
if submit_app clean -- $(app_args "$work/clean/out" small) > "$work/clean.log" 2>&1; then
  pass "clean cluster run exit 0"
else
  fail "clean cluster run exit $? (tail of $work/clean.log:)"; tail -n 20 "$work/clean.log"
fi

log "same run in local[2]"
if run_local "$work/local/out" small > "$work/local.log" 2>&1; then
  pass "local run exit 0"
else
  fail "local run exit $? (tail of $work/local.log:)"; tail -n 20 "$work/local.log"
fi
compare_outputs "cluster output equals local[2] output" "$work/clean/out" "$work/local/out"

# --- 2. speculative execution -----------------------------------------------------------------

log "run with speculative execution"
if submit_app speculative --conf spark.speculation=true --conf spark.speculation.multiplier=1 \
  --conf spark.speculation.quantile=0.1 -- $(app_args "$work/speculative/out" small) > "$work/speculative.log" 2>&1; then
  spec_attempts="$(event_count speculative 'SparkListenerTaskStart.*"Speculative":true')"
  # The probe has a straggler, so copies must run; unwind's tasks are even, so it may have none.
  if [[ "$app" == probe && "$spec_attempts" -lt 1 ]]; then
    fail "speculative run launched no speculative attempt"
  else
    pass "speculative run exit 0 ($spec_attempts speculative task attempts launched)"
  fi
else
  fail "speculative run exit $?"; tail -n 20 "$work/speculative.log"
fi
compare_outputs "speculative output equals clean output (no duplicated or changed rows)" \
  "$work/speculative/out" "$work/clean/out"

# --- 2b. cluster deploy mode: the driver runs on a worker --------------------------------------

# Standalone cluster mode does not put --files in the driver's working directory, so the config
# goes as a URI the worker can read (file:// on this shared machine; hdfs:// or s3a:// elsewhere).
# The submitting client's exit code does not carry the driver's, so the master's record does.
log "cluster deploy mode"
if [[ "$app" == probe ]]; then
  cm_args=("$work/cluster-mode/out/probe" 2000 2 100)
  cm_table=probe
else
  cm_args=(run --config "file://$UNWIND_ROOT/conf/baseline.conf" --out "file://$work/cluster-mode/out"
    --run-id cluster-mode --paths 200 --set horizon-days=252 --partitions 2)
  cm_table=runs
fi
prepare_run cluster-mode
submit_app cluster-mode --deploy-mode cluster --conf spark.standalone.submit.waitAppCompletion=true \
  -- "${cm_args[@]}" > "$work/cluster-mode.log" 2>&1
driver_state="$(curl -fsS --max-time 5 "http://127.0.0.1:$MASTER_WEBUI_PORT/json/" | python3 -c 'import json, sys
drivers = json.load(sys.stdin)["completeddrivers"]
print(max(drivers, key=lambda d: d["id"])["state"] if drivers else "NONE")')"
cm_rows="$("$py" -c 'import duckdb, sys
print(duckdb.sql(f"SELECT count(*) FROM read_parquet(\x27{sys.argv[1]}/**/*.parquet\x27)").fetchall()[0][0])' \
  "$work/cluster-mode/out/$cm_table" 2> /dev/null || echo 0)"
if [[ "$driver_state" == FINISHED && "$cm_rows" -ge 1 ]]; then
  pass "cluster deploy mode: driver FINISHED on a worker, $cm_rows $cm_table rows"
else
  fail "cluster deploy mode: driver $driver_state, $cm_rows $cm_table rows"
  tail -n 10 "$work/cluster-mode.log"
  find "$UNWIND_CLUSTER_STATE" -path '*driver-*' -name stderr -exec tail -n 20 {} \;
fi

# --- 3. bad input at the cluster boundary -----------------------------------------------------

if [[ "$app" == unwind ]]; then
  # expect_bad_input NAME LIMIT_S ARGS...: exit 2, within LIMIT_S, nothing written, and no
  # application registered with the master (the driver refused before starting Spark).
  expect_bad_input() {
    local name="$1" limit="$2"; shift 2
    local before after rc start=$SECONDS
    before="$(master_app_count)"
    SUBMIT_TIMEOUT="$limit" submit_app "$name" -- "$@" > "$work/$name.log" 2>&1
    rc=$?
    after="$(master_app_count)"
    if [[ "$rc" == 2 && "$before" == "$after" && ! -e "$work/$name/out" ]]; then
      pass "$name: exit 2 in $((SECONDS - start))s, no application on the cluster: $(grep -v -e WARN -e '^\s*at ' "$work/$name.log" | tail -n 1)"
    else
      fail "$name: exit $rc (want 2), apps on master $before -> $after, output $(ls "$work/$name/out" 2> /dev/null | wc -l) entries"
      tail -n 10 "$work/$name.log"
    fi
  }
  expect_bad_input bad-config-uri 120 run --config file:///nonexistent/unwind.conf \
    --out "$work/bad-config-uri/out" --paths 100
  expect_bad_input bad-config-hdfs 120 run --config hdfs://127.0.0.1:1/unwind/x.conf \
    --out "$work/bad-config-hdfs/out" --paths 100
  # Root ignores directory permissions, so the unwritable root is a path below a regular file;
  # other users also get a read-only directory.
  mkdir -p "$work/bad-output-root" && touch "$work/bad-output-root/a-file"
  expect_bad_input bad-output-root 120 run --config "$UNWIND_ROOT/conf/baseline.conf" \
    --out "$work/bad-output-root/a-file/out" --paths 100
  if [[ "$(id -u)" != 0 ]]; then
    mkdir -p "$work/bad-output-ro/ro" && chmod 555 "$work/bad-output-ro/ro"
    expect_bad_input bad-output-ro 120 run --config "$UNWIND_ROOT/conf/baseline.conf" \
      --out "$work/bad-output-ro/ro/out" --paths 100
  fi
fi

# --- 4. a worker dies mid-run -----------------------------------------------------------------

if [[ "$app" == probe ]]; then
  fault_reference="$work/clean/out"
else
  log "large run in local[2] (the fault test's reference)"
  if run_local "$work/local-large/out" large > "$work/local-large.log" 2>&1; then
    pass "large local run exit 0"
  else
    fail "large local run exit $?"; tail -n 20 "$work/local-large.log"
  fi
  fault_reference="$work/local-large/out"
fi

log "large run that loses a worker while tasks run"
prepare_run fault
submit_app fault -- $(app_args "$work/fault/out" large) > "$work/fault.log" 2>&1 &
bg_pid=$!
if wait_for_running_tasks fault 2 180; then
  sleep "${UNWIND_CLUSTER_KILL_DELAY:-2}"
  "$cluster" kill-worker 1
  wait "$bg_pid"
  rc=$?
  bg_pid=""
  lost="$(event_count fault 'ExecutorLostFailure')"
  if [[ "$rc" == 0 && "$lost" -ge 1 ]]; then
    pass "fault run exit 0 after SIGKILL of worker 1 and its executor ($lost running task attempts lost)"
  else
    fail "fault run exit $rc, $lost task attempts lost (want exit 0 and at least 1 lost)"
    tail -n 20 "$work/fault.log"
  fi
  compare_outputs "output after a lost worker equals the clean output" "$work/fault/out" "$fault_reference"
else
  fail "fault run never had 2 tasks running at once"
  tail -n 20 "$work/fault.log"
fi
completed=true
log "done"
