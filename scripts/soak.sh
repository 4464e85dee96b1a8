#!/usr/bin/env bash
# Soak: the real binary at a steady 2,000 posts/s for 10 minutes (scripts/soak.sh [SECONDS] [RATE]).
# Passes when no request failed, at least 95% of the rate was sustained, and RSS grew less than
# 10% from the first minute to the end.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600} rate=${2:-2000}
./run build >/dev/null
./build/intake_bench --connections 32 --seconds "$seconds" --rate "$rate"
