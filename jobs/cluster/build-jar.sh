#!/usr/bin/env bash
# Prints the path of the shaded unwind-jobs jar, building it first when it is missing or older
# than any source or pom of common/ and jobs/ (so tests never submit a stale jar).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UNWIND_ROOT"

find_jar() {
  ls jobs/target/unwind-jobs-*.jar 2> /dev/null | grep -v -e '-sources' -e '-javadoc' -e 'original-' | head -n 1
}
jar="$(find_jar || true)"
if [[ -z "$jar" ]] || [[ -n "$(find pom.xml common/pom.xml jobs/pom.xml common/src jobs/src -newer "$jar" -type f 2> /dev/null | head -n 1)" ]]; then
  echo "build-jar: building the shaded jar (mvn package -pl jobs -am)" >&2
  mvn -B -q -DskipTests package -pl jobs -am >&2
  jar="$(find_jar)"
fi
echo "$UNWIND_ROOT/$jar"
