#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine that has Swift 6.1+ and runs swift-mlops' main job:
# Examples/FraudQuickstart — synthetic card transactions → train GBDT → evaluate → calibrate →
# gate → register with lineage → serve in-process → score → drift check on a shifted day.
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

echo "== FraudQuickstart: data → train → evaluate → calibrate → gate → register → serve → score → drift"
swift build -c release --product FraudQuickstart
.build/release/FraudQuickstart
