# shellcheck shell=bash
# Shared environment for the local standalone cluster scripts; sourced, never executed.
#
# Spark's launcher and Worker look for $SPARK_HOME/jars and, without a distribution's RELEASE
# file, need SPARK_SCALA_VERSION or they die with "Cannot find any build directories".

UNWIND_CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
UNWIND_ROOT="$(cd "$UNWIND_CLUSTER_DIR/../.." && pwd)"

# Our own SPARK_HOME, never one from the caller's environment: spark-home.sh rewrites its jars/,
# which must not happen to a real Spark installation. Move it with UNWIND_SPARK_HOME.
export SPARK_HOME="${UNWIND_SPARK_HOME:-$UNWIND_CLUSTER_DIR/target/spark-home}"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export SPARK_CONF_DIR="$SPARK_HOME/conf"
UNWIND_CLUSTER_STATE="${UNWIND_CLUSTER_STATE:-$UNWIND_CLUSTER_DIR/target/state}"

# The JVM flags Spark needs on Java 17 (org.apache.spark.launcher.JavaModuleOptions), read from
# the parent pom so there is one list.
unwind_spark_jvm_options() {
  sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$UNWIND_ROOT/pom.xml"
}

# The property from the parent pom, e.g. unwind_pom_property spark.version.
unwind_pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$UNWIND_ROOT/pom.xml" | head -n 1
}

unwind_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi
}

unwind_spark_classpath() {
  echo "$SPARK_CONF_DIR:$SPARK_HOME/jars/*"
}
