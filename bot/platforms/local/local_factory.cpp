#include "bot/platforms/local/local_factory.hpp"

#include <fmt/ranges.h>

#include "bot/log.hpp"
#include "bot/platforms/local/local_platform.hpp"

namespace gridbot::platforms {

namespace {
[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& why) {
  throw ConfigError(source + ": platforms.local." + key + ": " + why);
}
}  // namespace

LocalSettings parse_local_settings(const nlohmann::json& settings, const std::string& source) {
  LocalSettings out;
  for (auto& [key, value] : settings.items()) {
    if (key == "enabled") continue;  // the registry reads it
    if (key == "allow_remote") {
      if (!value.is_boolean()) fail(source, key, "must be true or false");
      out.allow_remote = value.get<bool>();
    } else if (key == "hosts") {
      bool ok = value.is_array();
      for (const auto& h : value) ok = ok && h.is_string() && !h.get<std::string>().empty();
      if (!ok) fail(source, key, "must be a list of host names");
      out.hosts = value.get<std::vector<std::string>>();
    } else if (key == "quota_per_minute") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 1'000'000)
        fail(source, key, "must be a whole number of sends per minute from 0 (unpaced) to 1000000");
      out.quota_per_minute = value.get<int>();
    } else
      fail(source, key, "unknown key (expected enabled, allow_remote, hosts, quota_per_minute)");
  }
  return out;
}

std::unique_ptr<Adapter> make_local_platform(const PlatformDeps& deps, const nlohmann::json& settings) {
  const Config& c = deps.config;
  LocalSettings local = parse_local_settings(settings, c.source);
  if (!is_loopback_host(c.listen_host)) {
    if (!local.allow_remote)
      fail(c.source, "allow_remote",
           "listening on " + c.listen_host +
               " with the local platform on exposes it (no sign-in) to the network; set it to true to mean it, or "
               "listen on 127.0.0.1");
    log::warn("config", "the local platform is reachable on {} without sign-in: it is for trying gridbot and for tests, "
              "not for residents; it answers only to loopback names, the listen address and platforms.local.hosts ({})",
              c.listen_host, fmt::join(local.hosts, ", "));
  }
  std::vector<std::string> hosts = local.hosts;
  hosts.push_back(c.listen_host);
  return std::make_unique<LocalPlatform>(deps.reader, deps.writer, deps.pipeline, deps.orgs, deps.clock,
                                         http::CrossSiteGuard(std::move(hosts)), deps.cap, local.quota_per_minute);
}

}  // namespace gridbot::platforms
