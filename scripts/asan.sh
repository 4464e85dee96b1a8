#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (gcc), in
# build-asan/. Any report fails the run: UBSan does not recover, ASan aborts on the first error,
# and leaks are reported at exit.  scripts/asan.sh [ctest arguments, e.g. -R storage]
set -euo pipefail
cd "$(dirname "$0")/.."
./run build >/dev/null  # installs the packages the build needs
# The platforms' official packages play the platform's side in the WeCom, DingTalk and Feishu
# tests, as under `./run test`: without them those tests would fail, not be sanitized.
./run peers
if [ ! -f build-asan/CMakeCache.txt ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B build-asan -DGRIDBOT_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
fi
# Every target: every test binary ctest lists, the gridbot binary the e2e tests start, the benches.
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-asan
echo "asan: $(ctest -N | tail -1 | tr -d '\n'), every one under ASan+UBSan" >&2
ctest --output-on-failure -j"$(nproc)" "$@"
