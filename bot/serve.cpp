#include "bot/serve.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bot/log.hpp"
#include "bot/service.hpp"

namespace gridbot {

int run_serve_command(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  if (wants_help(args)) {
    std::cout << serve_usage;
    return 0;
  }
  // GRIDBOT_LOG=warn keeps a busy service (or a benchmark) from writing a line per request.
  if (const char* level = std::getenv("GRIDBOT_LOG"); level && !log::set_min_level(level)) {
    std::cerr << "gridbot: configuration error: GRIDBOT_LOG: '" << level << "' is not debug, info, warn or error\n";
    return 2;
  }
  try {
    Service service(config_from_args(args));
    service.run();
    return 0;
  } catch (const ConfigError& e) {
    std::cerr << "gridbot: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "gridbot: cannot start: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace gridbot
