#include "bot/serve.hpp"

#include <iostream>
#include <string>
#include <vector>

#include "bot/service.hpp"

namespace gridbot {

int run_serve_command(int argc, char** argv) {
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
