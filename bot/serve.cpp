#include "bot/serve.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bot/log.hpp"
#include "bot/service.hpp"

namespace gridbot {

int run_serve_command(int argc, char** argv) {
  // GRIDBOT_LOG=warn keeps a busy service (or a benchmark) from writing a line per request.
  if (const char* level = std::getenv("GRIDBOT_LOG"); level && !log::set_min_level(level)) {
    std::cerr << "gridbot: configuration error: GRIDBOT_LOG: '" << level << "' is not debug, info, warn or error\n";
    return 2;
  }
  try {
    Service service(config_from_args(std::vector<std::string>(argv, argv + argc)));
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
