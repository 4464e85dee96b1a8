#!/usr/bin/env bash
# Runs a libFuzzer target for a while:   scripts/fuzz.sh TARGET SECONDS   (TARGET "all": each in turn)
# Targets: local_post_body organization config staff_command rating understand wecom_aibot_callback
# wecom_app_callback wecom_decrypt wecom_frame (fuzz/targets.hpp).
# Builds with Debian's clang (installed if missing) under ASan+UBSan in build-fuzz/, starts from the
# regression corpus fuzz/corpus/TARGET/ and grows a working corpus in build-fuzz/corpus/TARGET/.
# A crash stops the run and leaves its input in build-fuzz/crashes/TARGET/: fix the bug, then copy
# that input into fuzz/corpus/TARGET/ so the test suite (tests_fuzz_replay) replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS" >&2
  exit 2
fi
target=$1 seconds=$2
all=(local_post_body organization config staff_command rating understand wecom_aibot_callback wecom_app_callback
     wecom_decrypt wecom_frame)

packages=(clang-16 libclang-rt-16-dev cmake)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-fuzz -DGRIDBOT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang-16 \
    -DCMAKE_CXX_COMPILER=clang++-16 "${launcher[@]}" >/dev/null
fi

if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
  [ -d "fuzz/corpus/$t" ] || { echo "fuzz.sh: unknown target '$t' (no fuzz/corpus/$t)" >&2; exit 2; }
  cmake --build build-fuzz --target "fuzz_$t" -j"$(nproc)"
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/crashes/$t"
  echo "fuzz.sh: $t for ${seconds}s" >&2
  ./build-fuzz/"fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="build-fuzz/crashes/$t/" "build-fuzz/corpus/$t" "fuzz/corpus/$t"
done
