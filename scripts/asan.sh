#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer (gcc), in
# build-asan/. Any report fails the run: UBSan does not recover, ASan aborts on the first error,
# and leaks are reported at exit.  scripts/asan.sh [ctest arguments, e.g. -R storage]
set -euo pipefail
cd "$(dirname "$0")/.."
# What `./run test` installs besides the C++ build: packages, the test peers, the built console and
# the browser test's parts (console_browser starts the sanitized gridbot).
./run deps
if [ ! -f build-asan/CMakeCache.txt ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # -O0 and line tables only (-g1, enough for symbolized reports): an ASan-instrumented Boost-heavy
  # unit costs about half the CPU of -O1 (bot/http/server.cpp: 23.7 s user against 41.7 s), and on
  # a shared 2-core machine the build, not the run, is what takes hours (-O0 optimizes no checked
  # access away).
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  cmake -S . -B build-asan "${generator[@]}" -DGRIDBOT_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g1 -DNDEBUG" "${launcher[@]}" >/dev/null
fi
# Only what ctest runs: every test binary it lists and the gridbot binary the end-to-end tests and
# the browser test start; the benches are not built (they are never tests).
# (Read from ctest's own files: each test's command is a binary in build-asan/, or node.)
mapfile -t targets < <(find build-asan -name CTestTestfile.cmake -exec grep -ho '^add_test([^ ]* "[^"]*"' {} + |
  sed 's/.*"\(.*\)"/\1/' | grep "^$PWD/build-asan/" | xargs -n1 basename | sort -u)
cmake --build build-asan -j"$(nproc)" --target gridbot "${targets[@]}"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The browser test waits 6 times longer for the slower sanitized gridbot (the C++ tests scale their
# waits by themselves: tests/support/patience.hpp).
export GRIDBOT_TEST_PATIENCE=6
cd build-asan
echo "asan: $(ctest -N | tail -1 | tr -d '\n'), every one under ASan+UBSan" >&2
ctest --output-on-failure -j"$(nproc)" "$@"
