#!/usr/bin/env bash
# Builds the bench module (-Pbench) and runs one of its programs: bench/main.sh CLASS [ARGS...]
# (the JMH benchmarks run with `java -jar bench/target/benchmarks.jar`).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench -DskipTests package -pl bench -am
exec java ${JAVA_OPTS:-} -cp bench/target/benchmarks.jar "$@"
