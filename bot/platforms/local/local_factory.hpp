// How the registry builds the local platform from `platforms.local`: its settings, and the one
// rule that makes it safe to run, since it has no sign-in.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/platforms/registry.hpp"

namespace gridbot::platforms {

struct LocalSettings {
  // Listening beyond loopback with the local platform on must be asked for: anyone who can reach
  // the port could post as any member and read every direct message.
  bool allow_remote = false;
  // Host names answered besides loopback and the listen address (a DNS-rebinding page's Host is
  // none of them).
  std::vector<std::string> hosts;
  // Sends per minute for the local bot across all its chats, paced by the outbox like a WeCom or
  // DingTalk robot's 20/min; 0: unpaced. For tests and benches of pacing and lanes.
  int quota_per_minute = 0;
};

// Reads `platforms.local`; a ConfigError names `source` and the key.
LocalSettings parse_local_settings(const nlohmann::json& settings, const std::string& source);

// The registry's factory: checks the settings against the listen address (ConfigError for an
// exposed platform without allow_remote) and builds the adapter with its cross-site guard.
std::unique_ptr<Adapter> make_local_platform(const PlatformDeps& deps, const nlohmann::json& settings);

}  // namespace gridbot::platforms
