#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine that has Swift 6.1+ and runs swift-mlops' main job:
# score a golden XGBoost model with `mlctl predict` and check it against XGBoost's own output.
# Usage (from the repository root): bash scripts/setup-and-run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "== installing libopenblas-dev liblapacke-dev libsqlite3-dev"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev libsqlite3-dev >/dev/null

echo "== building mlctl (release)"
swift build -c release --product mlctl
MLCTL=.build/release/mlctl

echo "== environment"
"$MLCTL" env

case_dir=Tests/Fixtures/models/xgb_binary_logistic
out=$(mktemp -d)/predictions.csv
echo "== scoring $case_dir/model.json on $case_dir/X.csv"
"$MLCTL" inspect --model "$case_dir/model.json"
"$MLCTL" predict --model "$case_dir/model.json" --input "$case_dir/X.csv" --output "$out"
echo "wrote $out ($(($(wc -l <"$out") - 1)) rows); first rows:"
head -4 "$out"
echo "XGBoost's own predictions (expected.csv):"
head -4 "$case_dir/expected.csv"
