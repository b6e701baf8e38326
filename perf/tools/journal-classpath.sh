#!/usr/bin/env bash
# Prints the class path of journal/ (its jar + runtime dependencies) for perf/loadgen/JournalLoad.java.
# Builds the journal jar when it is missing (./mvnw -pl journal install, tests skipped); the
# dependency list is written under perf/target/.
set -euo pipefail
perf=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(dirname "$perf")
cp_file=$perf/target/journal-classpath.txt
journal_jar() {
  local f
  for f in "$root"/journal/target/journal-*.jar; do
    case "$f" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) [ -f "$f" ] && { echo "$f"; return 0; } ;; esac
  done
  return 1
}
mkdir -p "$perf/target"
if ! journal_jar > /dev/null || [ ! -s "$cp_file" ] || [ "$root/journal/pom.xml" -nt "$cp_file" ]; then
  (cd "$root" && ./mvnw -B -q -pl journal -DskipTests install dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file") >&2
fi
echo "$(journal_jar):$(cat "$cp_file")"
