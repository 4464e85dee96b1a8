// The service's configuration: a JSON file (optional) with command-line flags on top.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot {

// A configuration mistake: the message names the file and the key, and start-up stops.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string source = "(built-in defaults)";
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::string data_dir = "var";
  std::string organization;  // path of the organization file; empty: the built-in sample
  std::string time_zone = "Asia/Shanghai";
  bool test_clock = false;
  // With --test-clock=UNIX_SECONDS the manual clock starts there, so tests do not depend on the
  // time of day they run at (quiet hours, weekends); otherwise at the real time.
  std::optional<std::int64_t> test_clock_start;
  // One entry per platform, its own settings; "local" is on unless a config turns it off.
  std::map<std::string, nlohmann::json> platforms{{"local", nlohmann::json{{"enabled", true}}}};

  bool platform_enabled(const std::string& name) const;
};

// Reads a config file; relative paths inside it are resolved against the file's folder.
Config load_config_file(const std::string& path);

// `serve` arguments: --config FILE first (so flags override the file), then --listen HOST:PORT,
// --data DIR, --organization FILE, --test-clock[=UNIX_SECONDS].
Config config_from_args(const std::vector<std::string>& args);

}  // namespace gridbot
