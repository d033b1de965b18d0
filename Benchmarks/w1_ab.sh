#!/bin/bash
# W1 before/after in one run: two mlctl builds alternated on the same model and rows.
# Usage: bash Benchmarks/w1_ab.sh BENCH_DIR OLD_MLCTL NEW_MLCTL [ROUNDS]
#   BENCH_DIR: a writable copy of shared/bench with data/full/ from w1_prepare.py.
set -euo pipefail
bench=$1; old=$2; new=$3; rounds=${4:-2}
cd "$bench"
for round in $(seq 1 "$rounds"); do
  for model in xgb_model.json lgb_model.txt; do
    for side in old new; do
      if [ "$side" = old ]; then bin=$old; else bin=$new; fi
      echo "== round $round $model $side load $(cut -d' ' -f1 /proc/loadavg)"
      "$bin" bench predict --model "data/full/$model" --input data/full/score_X.npy --repeats 1 --calls 20000 --json
    done
  done
done
