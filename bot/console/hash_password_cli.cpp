#include "bot/console/hash_password_cli.hpp"

#include <termios.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <iostream>
#include <string>

#include "bot/console/password.hpp"

namespace gridbot::console {

namespace {

// Echo off while a person types at a terminal, back on however we leave.
struct NoEcho {
  bool active = false;
  termios saved{};
  NoEcho() {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) != 0) return;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  }
};

bool read_line(std::string& out) {
  if (!std::getline(std::cin, out)) return false;
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return true;
}

}  // namespace

int run_hash_password_command(int argc, char** argv) {
  int iterations = default_iterations;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) {
      const char* v = argv[++i];
      auto [end, ec] = std::from_chars(v, v + std::strlen(v), iterations);
      if (ec != std::errc() || *end != '\0' || iterations < min_iterations || iterations > max_iterations) {
        std::cerr << "gridbot hash-password: --iterations must be a whole number from " << min_iterations << " to "
                  << max_iterations << "\n";
        return 2;
      }
    } else {
      std::cerr << "usage: gridbot hash-password [--iterations N]   (reads the password from stdin, prints its hash)\n";
      return std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0 ? 0 : 2;
    }
  }
  const bool terminal = isatty(STDIN_FILENO);
  std::string password, again;
  {
    NoEcho quiet;
    if (terminal) std::cerr << "password: " << std::flush;
    bool ok = read_line(password);
    if (terminal) {
      std::cerr << "\nagain: " << std::flush;
      ok = ok && read_line(again);
      std::cerr << "\n";
    }
    if (!ok) {
      std::cerr << "gridbot hash-password: no password on stdin\n";
      return 1;
    }
  }
  if (password.empty()) {
    std::cerr << "gridbot hash-password: the password is empty\n";
    return 1;
  }
  if (terminal && password != again) {
    std::cerr << "gridbot hash-password: the two passwords differ\n";
    return 1;
  }
  std::cout << hash_password(password, iterations) << "\n";
  return 0;
}

}  // namespace gridbot::console
