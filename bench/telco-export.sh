#!/usr/bin/env bash
# Exports the IBM Telco customer churn set (wa_churn, 7,043 customers) from Debian's
# r-cran-modeldata to CSV. Needs: apt-get install -y r-base-core r-cran-modeldata (not in CI).
# Usage: bench/telco-export.sh [OUT.csv]   (default target/telco/wa_churn.csv)
set -euo pipefail
out="${1:-target/telco/wa_churn.csv}"
mkdir -p "$(dirname "$out")"
Rscript --vanilla -e "
  suppressMessages(library(modeldata));
  data(wa_churn, package = 'modeldata');
  write.csv(wa_churn, file = '$out', row.names = FALSE, na = '');
  cat(nrow(wa_churn), 'rows,', ncol(wa_churn), 'columns ->', '$out\n')"
