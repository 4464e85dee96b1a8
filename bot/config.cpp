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

std::int64_t integer_field(const nlohmann::json& value, const std::string& source, const std::string& key,
                           std::int64_t min, std::int64_t max) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max)
    fail(source, key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return value.get<std::int64_t>();
}

void parse_retention(const nlohmann::json& value, Config& c, const std::string& source) {
  if (!value.is_object()) fail(source, "retention", "must be an object");
  auto& r = c.retention;
  const std::int64_t years = 100 * 366;
  for (auto& [key, v] : value.items()) {
    const std::string name = "retention." + key;
    if (key == "inbox_days") r.inbox_days = static_cast<int>(integer_field(v, source, name, 1, years));
    else if (key == "outbox_sent_days") r.outbox_sent_days = static_cast<int>(integer_field(v, source, name, 1, years));
    else if (key == "timers_days") r.timers_days = static_cast<int>(integer_field(v, source, name, 1, years));
    else if (key == "local_messages_days") r.local_messages_days = static_cast<int>(integer_field(v, source, name, 1, years));
    else if (key == "tickets_days") {
      if (!v.is_null()) r.tickets_days = static_cast<int>(integer_field(v, source, name, 1, years));
    } else if (key == "archive") {
      if (!v.is_string() || v.get<std::string>().empty()) fail(source, name, "must be a file path");
      const std::filesystem::path p = v.get<std::string>();
      r.archive = p.is_absolute() ? p.string() : (std::filesystem::path(source).parent_path() / p).string();
    } else
      fail(source, name,
           "unknown key (expected inbox_days, outbox_sent_days, timers_days, local_messages_days, tickets_days, archive)");
  }
}

void parse_console(const nlohmann::json& value, Config& c, const std::string& source) {
  if (!value.is_object()) fail(source, "console", "must be an object");
  for (auto& [key, v] : value.items()) {
    const std::string name = "console." + key;
    if (key == "dist") {
      if (!v.is_string() || v.get<std::string>().empty()) fail(source, name, "must be a folder path");
      const std::filesystem::path p = v.get<std::string>();
      c.console.dist = p.is_absolute() ? p.string() : (std::filesystem::path(source).parent_path() / p).string();
    } else if (key == "behind_tls") {
      if (!v.is_boolean()) fail(source, name, "must be true or false");
      c.console.behind_tls = v.get<bool>();
    } else if (key == "trusted_proxies") {
      bool ok = v.is_array();
      for (const auto& p : v) ok = ok && p.is_string() && !p.get<std::string>().empty();
      if (!ok) fail(source, name, "must be a list of IP addresses");
      c.console.trusted_proxies = v.get<std::vector<std::string>>();
    } else if (key == "readers" || key == "read_queue") {
      // readers 0 reads on the HTTP thread, as before the pool: only for measuring the difference.
      const std::int64_t least = key == "readers" ? 0 : 1, most = key == "readers" ? 64 : 10'000;
      if (!v.is_number_integer() || v.get<std::int64_t>() < least || v.get<std::int64_t>() > most)
        fail(source, name, "must be a whole number from " + std::to_string(least) + " to " + std::to_string(most));
      (key == "readers" ? c.console.readers : c.console.read_queue) = static_cast<std::size_t>(v.get<std::int64_t>());
    } else
      fail(source, name, "unknown key (expected dist, behind_tls, trusted_proxies, readers, read_queue)");
  }
}

}  // namespace

const char* const serve_usage =
    "usage: gridbot serve [options]\n"
    "  --config FILE          JSON config file; the flags below override it\n"
    "  --listen HOST:PORT     address to listen on (default 127.0.0.1:8080)\n"
    "  --data DIR             where gridbot.db lives (default ./var)\n"
    "  --organization FILE    organization file (default: the built-in sample)\n"
    "  --test-clock[=UNIX_SECONDS]\n"
    "                         a manual clock moved by POST /local/api/clock; never in production\n"
    "  -h, --help             this text\n"
    "Config keys: listen, data_dir, organization, time_zone, platforms, max_connections, max_text_bytes,\n"
    "retention, console (see README.md).\n";

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  return host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string::npos;
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
      c.platforms_given = true;
      for (auto& [name, settings] : value.items()) {
        if (!settings.is_object()) fail(path, "platforms." + name, "must be an object");
        if (settings.contains("enabled") && !settings["enabled"].is_boolean())
          fail(path, "platforms." + name + ".enabled", "must be true or false");
        c.platforms[name] = settings;
      }
    } else if (key == "max_connections")
      c.max_connections = static_cast<std::size_t>(integer_field(value, path, key, 8, 1'000'000));
    else if (key == "max_text_bytes")
      c.max_text_bytes = static_cast<std::size_t>(integer_field(value, path, key, 256, 1024 * 1024));
    else if (key == "retention") parse_retention(value, c, path);
    else if (key == "console") parse_console(value, c, path);
    else
      fail(path, key,
           "unknown key (expected listen, data_dir, organization, time_zone, platforms, max_connections, "
           "max_text_bytes, retention, console)");
  }
  return c;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
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
    else fail(flags, a, "unknown option (see gridbot serve --help)");
  }
  return c;
}

}  // namespace gridbot
