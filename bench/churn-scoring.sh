#!/usr/bin/env bash
# Weekly churn scoring benchmark (docs/benchmarks.md): N tenants' usage in an H2 file, loaded,
# featured, scored with top reasons and stored. Usage: bench/churn-scoring.sh [IN_MEMORY_N [DB_N]]
set -euo pipefail
mkdir -p target/churn
rm -rf target/churn/bench-db
JAVA_OPTS=-Xmx4g bench/main.sh dev.switchboard.bench.churn.ChurnScoringBenchmark \
  "${1:-100000}" "${2:-5000}" target/churn/bench-db
