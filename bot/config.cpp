#include "bot/config.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gridbot {

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
  throw ConfigError(source + ": " + key + ": " + why);
}

void parse_listen(const std::string& value, Config& c, const std::string& source, const std::string& key) {
  auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0) fail(source, key, "expected HOST:PORT, got '" + value + "'");
  unsigned port = 0;
  const char* begin = value.data() + colon + 1;
  const char* end = value.data() + value.size();
  auto [p, ec] = std::from_chars(begin, end, port);
  if (ec != std::errc() || p != end || port > 65535) fail(source, key, "port must be 0..65535, got '" + value + "'");
  c.listen_host = value.substr(0, colon);
  c.listen_port = static_cast<std::uint16_t>(port);
}

std::string string_field(const nlohmann::json& doc, const char* key, const std::string& source) {
  if (!doc[key].is_string()) fail(source, key, "must be a string");
  return doc[key].get<std::string>();
}

}  // namespace

bool Config::platform_enabled(const std::string& name) const {
  auto it = platforms.find(name);
  return it != platforms.end() && it->second.value("enabled", true);
}

Config load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "(file)", "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) fail(path, "(file)", "is not valid JSON");
  if (!doc.is_object()) fail(path, "(file)", "must be a JSON object");

  Config c;
  c.source = path;
  const auto base = std::filesystem::path(path).parent_path();
  auto resolve = [&](const std::string& p) { return std::filesystem::path(p).is_absolute() ? p : (base / p).string(); };
  for (auto& [key, value] : doc.items()) {
    if (key == "listen") parse_listen(string_field(doc, "listen", path), c, path, "listen");
    else if (key == "data_dir") c.data_dir = resolve(string_field(doc, "data_dir", path));
    else if (key == "organization") c.organization = resolve(string_field(doc, "organization", path));
    else if (key == "time_zone") c.time_zone = string_field(doc, "time_zone", path);
    else if (key == "platforms") {
      if (!value.is_object()) fail(path, "platforms", "must be an object with one key per platform");
      c.platforms.clear();
      for (auto& [name, settings] : value.items()) {
        if (!settings.is_object()) fail(path, "platforms." + name, "must be an object");
        if (settings.contains("enabled") && !settings["enabled"].is_boolean())
          fail(path, "platforms." + name + ".enabled", "must be true or false");
        c.platforms[name] = settings;
      }
    } else fail(path, key, "unknown key (expected listen, data_dir, organization, time_zone, platforms)");
  }
  return c;
}

Config config_from_args(const std::vector<std::string>& args) {
  Config c;
  const std::string flags = "command line";
  // The file first, wherever --config stands, so every other flag overrides it.
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) fail(flags, "--config", "needs a FILE");
      c = load_config_file(args[i + 1]);
    }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) fail(flags, a, "needs a value");
      return args[++i];
    };
    if (a == "--config") ++i;
    else if (a == "--listen") parse_listen(value(), c, flags, "--listen");
    else if (a == "--data") c.data_dir = value();
    else if (a == "--organization") c.organization = value();
    else if (a == "--test-clock") c.test_clock = true;
    else if (a.starts_with("--test-clock=")) {
      std::int64_t start = 0;
      const char* begin = a.data() + 13;
      auto [end, ec] = std::from_chars(begin, a.data() + a.size(), start);
      if (ec != std::errc() || end != a.data() + a.size() || start <= 0)
        fail(flags, "--test-clock", "expected --test-clock=UNIX_SECONDS, got '" + a + "'");
      c.test_clock = true;
      c.test_clock_start = start;
    }
    else fail(flags, a, "unknown option (see gridbot --help)");
  }
  return c;
}

}  // namespace gridbot
