#!/usr/bin/env bash
# The churn model's time-split evaluation on the demo history and on a larger one made the same
# way (docs/churn-model.md). Usage: bench/churn-evaluation.sh [TODAY [LEAD_SCALE [SEED]]]
set -euo pipefail
bench/main.sh dev.switchboard.bench.churn.ChurnEvaluationReport "$@"
