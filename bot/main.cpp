// gridbot's entry point: one binary, a few subcommands.
#include <cstring>
#include <iostream>

#include "bot/console/hash_password_cli.hpp"
#include "bot/serve.hpp"
#include "bot/understand_cli.hpp"

namespace {

int usage() {
  std::cerr << "usage:\n"
               "  gridbot serve [--config FILE] [--listen HOST:PORT] [--data DIR] [--organization FILE]\n"
               "                [--test-clock[=UNIX_SECONDS]]     (gridbot serve --help: every option)\n"
            << gridbot::understand_usage()
            << "  gridbot hash-password [--iterations N]   (password on stdin → a console user's password_hash)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const char* command = argv[1];
  if (std::strcmp(command, "serve") == 0) return gridbot::run_serve_command(argc - 2, argv + 2);
  if (std::strcmp(command, "hash-password") == 0) return gridbot::console::run_hash_password_command(argc - 2, argv + 2);
  if (std::strcmp(command, "understand") == 0) return gridbot::run_understand_command(argc - 2, argv + 2);
  if (std::strcmp(command, "--help") == 0 || std::strcmp(command, "-h") == 0) { usage(); return 0; }
  std::cerr << "gridbot: unknown command '" << command << "'\n";
  return usage();
}
