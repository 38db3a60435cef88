#!/usr/bin/env bash
# The churn model's bring-your-own-history evaluation on the IBM Telco set: 5-fold CV AUC of
# logistic regression and the random forest (published: LR 0.845, GBT 0.848).
# Usage: bench/telco-churn.sh   (run from the repository root; exports the CSV first if missing)
set -euo pipefail
csv=target/telco/wa_churn.csv
[ -f "$csv" ] || bench/telco-export.sh "$csv"
bench/main.sh dev.switchboard.bench.churn.OwnHistoryEvaluation "$csv" churn
