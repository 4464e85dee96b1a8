// What one console sign-in costs, and whether a wrong user costs what a wrong password does:
// both paths through PBKDF2-HMAC-SHA256 at the default iterations, timed alternately so the
// machine's load falls on both alike. Prints medians in milliseconds.
//   ./build/bench/sign_in_bench [rounds]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bot/console/password.hpp"

using namespace gridbot::console;

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 15;
  const auto stored = parse_password_hash(hash_password("zhoulan-demo-2026"));
  std::vector<double> wrong_password, unknown_user;
  auto time = [](auto&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  for (int i = 0; i < rounds; ++i) {
    wrong_password.push_back(time([&] { static_cast<void>(verify_password("guess", *stored)); }));
    unknown_user.push_back(time([&] { spend_like_verify("guess", stored->iterations); }));
  }
  auto median = [](std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
  };
  std::printf("pbkdf2-sha256 at %d iterations, %d rounds each\n", stored->iterations, rounds);
  std::printf("wrong password: median %.1f ms (min %.1f, max %.1f)\n", median(wrong_password),
              std::ranges::min(wrong_password), std::ranges::max(wrong_password));
  std::printf("unknown user:   median %.1f ms (min %.1f, max %.1f)\n", median(unknown_user),
              std::ranges::min(unknown_user), std::ranges::max(unknown_user));
  return 0;
}
