#!/usr/bin/env bash
# Weekly churn scoring benchmark (docs/_pending/churn-benchmarks.md): N tenants' usage in an H2
# file, loaded, featured, scored with top reasons and stored. Usage: bench/churn-scoring.sh [IN_MEMORY_N [DB_N]]
set -euo pipefail
mkdir -p target/churn
rm -rf target/churn/bench-db
mvn -B -q -o compile -pl ops -am
mvn -B -q -o dependency:build-classpath -pl ops -Dmdep.outputFile="$PWD/target/churn/ops.cp" >/dev/null
java -Xmx4g -cp "ops/target/classes:store/target/classes:$(cat target/churn/ops.cp)" \
  dev.switchboard.ops.churn.ChurnScoringBenchmark "${1:-100000}" "${2:-5000}" target/churn/bench-db
