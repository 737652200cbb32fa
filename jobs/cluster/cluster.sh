#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1: one master and N workers, started from the jars
# that spark-home.sh resolves, stopped by PID.
#
# Usage:
#   jobs/cluster/cluster.sh start [--workers 2] [--worker-cores 1] [--worker-memory 2g]
#   jobs/cluster/cluster.sh status          # master URL, web UI, workers and their state
#   jobs/cluster/cluster.sh url             # prints spark://127.0.0.1:PORT
#   jobs/cluster/cluster.sh kill-worker N   # SIGKILL worker N and its executors (fault tests)
#   jobs/cluster/cluster.sh stop
#
# Ports are picked free at start and written, with the PIDs, to $UNWIND_CLUSTER_STATE
# (default jobs/cluster/target/state/cluster.env); logs go beside them. Each daemon runs in its
# own session (setsid), so its PID is also its process group, which holds the executors it forks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

state_file="$UNWIND_CLUSTER_STATE/cluster.env"
start_timeout="${UNWIND_CLUSTER_START_TIMEOUT:-90}"

die() { echo "cluster: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2> /dev/null; }

load_state() {
  [[ -f "$state_file" ]] || return 1
  # shellcheck disable=SC1090
  source "$state_file"
}

# Starts a daemon class in its own session; prints its PID.
launch() {
  local log="$1"; shift
  # shellcheck disable=SC2046
  setsid "$(unwind_java)" -cp "$(unwind_spark_classpath)" -Xmx512m $(unwind_spark_jvm_options) \
    -Dspark.worker.timeout=15 "$@" < /dev/null > "$log" 2>&1 &
  echo $!
}

master_json() {
  curl -fsS --max-time 5 "http://127.0.0.1:$MASTER_WEBUI_PORT/json/"
}

alive_workers() {
  master_json 2> /dev/null | python3 -c 'import json, sys
print(sum(1 for w in json.load(sys.stdin).get("workers", []) if w.get("state") == "ALIVE"))' 2> /dev/null || echo 0
}

cmd_start() {
  local workers=2 cores=1 memory=2g
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --worker-cores) cores="$2"; shift 2 ;;
      --worker-memory) memory="$2"; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  if load_state && alive "${MASTER_PID:-}"; then
    die "already running ($MASTER_URL); run: $0 stop"
  fi
  "$UNWIND_CLUSTER_DIR/spark-home.sh"
  rm -rf "$UNWIND_CLUSTER_STATE"
  mkdir -p "$UNWIND_CLUSTER_STATE"

  MASTER_PORT="$(free_port)"
  MASTER_WEBUI_PORT="$(free_port)"
  MASTER_REST_PORT="$(free_port)"
  MASTER_URL="spark://127.0.0.1:$MASTER_PORT"
  # The REST submission server (cluster deploy mode) would take the fixed port 6066 otherwise.
  MASTER_PID="$(launch "$UNWIND_CLUSTER_STATE/master.log" \
    -Dspark.master.rest.enabled=true -Dspark.master.rest.host=127.0.0.1 \
    -Dspark.master.rest.port="$MASTER_REST_PORT" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_WEBUI_PORT")"
  {
    echo "MASTER_URL=$MASTER_URL"
    echo "MASTER_PORT=$MASTER_PORT"
    echo "MASTER_WEBUI_PORT=$MASTER_WEBUI_PORT"
    echo "MASTER_REST_PORT=$MASTER_REST_PORT"
    echo "MASTER_PID=$MASTER_PID"
  } > "$state_file"

  local deadline=$((SECONDS + start_timeout))
  until master_json > /dev/null 2>&1; do
    alive "$MASTER_PID" || die "master exited; see $UNWIND_CLUSTER_STATE/master.log"
    ((SECONDS < deadline)) || { cmd_stop; die "master not up after ${start_timeout}s"; }
    sleep 1
  done

  local i pids=() ports=()
  for ((i = 1; i <= workers; i++)); do
    local port webui dir="$UNWIND_CLUSTER_STATE/worker-$i"
    port="$(free_port)"; webui="$(free_port)"
    mkdir -p "$dir/work" "$dir/local"
    # SPARK_LOCAL_DIRS: shuffle and block files stay in the state dir, removed on stop.
    # Every second worker registers as "localhost" (still bound to 127.0.0.1): Spark never runs
    # a speculative copy on the host of the original attempt, so with one host name for all
    # workers speculative execution could not be exercised on one machine.
    local host=127.0.0.1
    ((i % 2 == 0)) && host=localhost
    pids+=("$(SPARK_LOCAL_DIRS="$dir/local" launch "$UNWIND_CLUSTER_STATE/worker-$i.log" \
      org.apache.spark.deploy.worker.Worker --host "$host" --port "$port" --webui-port "$webui" \
      --cores "$cores" --memory "$memory" --work-dir "$dir/work" "$MASTER_URL")")
    ports+=("$webui")
  done
  {
    echo "WORKER_PIDS=\"${pids[*]}\""
    echo "WORKER_WEBUI_PORTS=\"${ports[*]}\""
  } >> "$state_file"

  until [[ "$(alive_workers)" -ge "$workers" ]]; do
    for i in "${!pids[@]}"; do
      alive "${pids[$i]}" || { cmd_stop; die "worker $((i + 1)) exited; see its log in $UNWIND_CLUSTER_STATE"; }
    done
    ((SECONDS < deadline)) || { cmd_stop; die "$workers workers not ALIVE after ${start_timeout}s"; }
    sleep 1
  done
  echo "cluster: $MASTER_URL with $workers workers ($cores core, $memory each); web UI http://127.0.0.1:$MASTER_WEBUI_PORT" >&2
  echo "$MASTER_URL"
}

# Sends a signal to a daemon's process group (the daemon and the executors it forked).
signal_group() {
  local sig="$1" pid="$2"
  kill "-$sig" -- "-$pid" 2> /dev/null || kill "-$sig" "$pid" 2> /dev/null || true
}

wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2))
  while kill -0 -- "-$pid" 2> /dev/null || alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

cmd_stop() {
  load_state || { echo "cluster: not running" >&2; return 0; }
  local pid
  # Workers first so the master does not log them as lost; then the master.
  for pid in ${WORKER_PIDS:-} ${MASTER_PID:-}; do
    signal_group TERM "$pid"
  done
  for pid in ${WORKER_PIDS:-} ${MASTER_PID:-}; do
    if ! wait_gone "$pid" 20; then
      signal_group KILL "$pid"
      wait_gone "$pid" 10 || echo "cluster: process group $pid still alive" >&2
    fi
  done
  rm -f "$state_file"
  echo "cluster: stopped" >&2
}

cmd_status() {
  load_state || { echo "cluster: not running"; return 1; }
  alive "$MASTER_PID" || { echo "cluster: master $MASTER_PID is dead (stale state; run stop)"; return 1; }
  echo "master  $MASTER_URL  pid $MASTER_PID  web UI http://127.0.0.1:$MASTER_WEBUI_PORT  REST spark://127.0.0.1:$MASTER_REST_PORT"
  master_json | python3 -c 'import json, sys
j = json.load(sys.stdin)
for w in j.get("workers", []):
    print("worker  %s  %s  cores %s/%s used  memory %s/%s MiB used" % (w["id"], w["state"],
          w["coresused"], w["cores"], w["memoryused"], w["memory"]))
for a in j.get("activeapps", []):
    print("app     %s  %s  %s" % (a["id"], a["name"], a["state"]))'
}

cmd_kill_worker() {
  load_state || die "not running"
  local n="${1:?worker number}" pids
  read -r -a pids <<< "$WORKER_PIDS"
  local pid="${pids[$((n - 1))]:?no worker $n}"
  # The executors are children of the worker, in its process group: one SIGKILL takes both,
  # as when a machine dies. Children that left the group are killed by parent PID too.
  local children
  children="$(ps -o pid= --ppid "$pid" 2> /dev/null | tr '\n' ' ' || true)"
  kill -KILL -- "-$pid" 2> /dev/null || true
  # shellcheck disable=SC2086
  [[ -n "${children// /}" ]] && kill -KILL $children 2> /dev/null || true
  echo "cluster: SIGKILLed worker $n (pid $pid, children: ${children:-none})" >&2
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) load_state && echo "$MASTER_URL" ;;
  kill-worker) shift; cmd_kill_worker "$@" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
