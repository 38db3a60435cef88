#!/usr/bin/env bash
# The churn model's time-split evaluation on the demo history and on a larger one made the same
# way (docs/churn-model.md). Usage: bench/churn-evaluation.sh [TODAY [LEAD_SCALE [SEED]]]
set -euo pipefail
mkdir -p target/churn
mvn -B -q -o compile -pl ops -am
mvn -B -q -o dependency:build-classpath -pl ops -Dmdep.outputFile="$PWD/target/churn/ops.cp" >/dev/null
java -cp "ops/target/classes:store/target/classes:$(cat target/churn/ops.cp)" \
  dev.switchboard.ops.churn.ChurnEvaluationReport "$@"
