// How long a test waits for the service before it gives up: longer in the sanitized build
// (scripts/asan.sh), whose -O0 instrumented gridbot starts and answers several times slower
// (14.8 s to a first /healthz at load 12), never longer in the normal build. A bound on waiting,
// not a speed target.
#pragma once

#include <chrono>

namespace gridbot::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr int patience_factor = 6;
#else
inline constexpr int patience_factor = 1;
#endif

constexpr std::chrono::seconds patience(std::chrono::seconds normal) { return normal * patience_factor; }

}  // namespace gridbot::testing
