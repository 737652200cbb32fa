#!/usr/bin/env bash
# spark-submit without a Spark distribution: the same launcher the spark-submit script runs
# (org.apache.spark.launcher.Main builds the driver command, with --driver-memory, the Java 17
# module flags and spark-defaults.conf applied), then runs it. Every spark-submit option works.
#
# Usage: jobs/cluster/spark-submit.sh --master spark://127.0.0.1:PORT \
#          --class io.unwind.jobs.cli.UnwindCli jobs/target/unwind-jobs-*.jar run --config conf/baseline.conf
# Installed as "spark-submit" on PATH (a symlink is enough), tools such as Airflow's
# SparkSubmitOperator use it unchanged.
set -euo pipefail
script="$(readlink -f "${BASH_SOURCE[0]}")"
source "$(dirname "$script")/env.sh"
"$UNWIND_CLUSTER_DIR/spark-home.sh"

java_bin="$(unwind_java)"

# As bin/spark-class: the launcher echoes messages (e.g. --help) line by line, then a NUL and a
# newline, then the command NUL-separated; the exit code is appended. Bash cannot hold NUL, so the
# marker reads as an empty line.
build_command() {
  "$java_bin" -Xmx128m ${SPARK_LAUNCHER_OPTS:-} -cp "$(unwind_spark_classpath)" \
    org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@"
  printf '%d\0' $?
}
cmd=()
delim=$'\n'
started=false
while IFS= read -d "$delim" -r arg; do
  arg="${arg//$'\r'/}"
  if [[ "$started" == true ]]; then
    cmd+=("$arg")
  elif [[ -z "$arg" ]]; then
    delim=''
    started=true
  else
    echo "$arg"
  fi
done < <(build_command "$@")
launcher_rc="${cmd[${#cmd[@]}-1]:-1}"
[[ ${#cmd[@]} -gt 0 ]] && unset 'cmd[${#cmd[@]}-1]'
if [[ "$launcher_rc" != 0 ]]; then exit "$launcher_rc"; fi
exec "${cmd[@]}"
