#!/usr/bin/env bash
# Builds a SPARK_HOME without a Spark distribution: jars/ resolved from Maven Central at the
# parent pom's spark.version, conf/ with a quiet log4j2.properties. Idempotent: a stamp records
# what was resolved, and nothing is done when it is current.
#
# Usage: jobs/cluster/spark-home.sh   (SPARK_HOME: $UNWIND_SPARK_HOME, default jobs/cluster/target/spark-home)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

spark_version="$(unwind_pom_property spark.version)"
pom="$UNWIND_CLUSTER_DIR/spark-home/pom.xml"
stamp_value="spark=$spark_version pom=$(cksum < "$pom" | cut -d' ' -f1)"
stamp="$SPARK_HOME/.unwind-stamp"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$stamp_value" ]] && compgen -G "$SPARK_HOME/jars/spark-core_*.jar" > /dev/null; then
  exit 0
fi

echo "spark-home: resolving Spark $spark_version jars into $SPARK_HOME/jars" >&2
rm -rf "$SPARK_HOME/jars" "$stamp"
mkdir -p "$SPARK_HOME/jars" "$SPARK_CONF_DIR"
mvn_args=(-B -q -f "$pom" package "-Dspark.home.dir=$SPARK_HOME")
# Offline first (fast, no network when ~/.m2 already has Spark); online on a clean machine.
if ! mvn -o "${mvn_args[@]}" > /dev/null 2>&1; then
  mvn "${mvn_args[@]}"
fi

if [[ ! -f "$SPARK_CONF_DIR/log4j2.properties" ]]; then
  cat > "$SPARK_CONF_DIR/log4j2.properties" <<'LOG4J'
# Quiet console logging for the local cluster daemons and spark-submit; WARN and above.
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
# The master and workers say where they listen at INFO; keep that.
logger.master.name = org.apache.spark.deploy.master.Master
logger.master.level = info
logger.worker.name = org.apache.spark.deploy.worker.Worker
logger.worker.level = info
LOG4J
fi
echo "$stamp_value" > "$stamp"
echo "spark-home: $(ls "$SPARK_HOME/jars" | wc -l) jars in $SPARK_HOME/jars" >&2
