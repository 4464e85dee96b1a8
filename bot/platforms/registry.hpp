// Which platforms exist. Adding one is a folder under bot/platforms/ and one line in
// registry.cpp; Service builds an adapter for every enabled entry of the config's `platforms`
// from here, and nothing outside bot/platforms/<name>/ names a platform.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bot/clock.hpp"
#include "bot/config.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "bot/writer.hpp"
#include "handlers/organization.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot {
class Pipeline;
}

namespace gridbot::platforms {

// What an adapter may use. Reads on the event loop go to `reader`; every write goes through
// `writer` (or `pipeline`, which writes through it).
struct PlatformDeps {
  boost::asio::io_context& io;
  storage::Store& reader;
  Writer& writer;
  Pipeline& pipeline;
  // Each request or event takes current() once and reads that snapshot to its end.
  const OrganizationSnapshots& orgs;
  const Clock& clock;
  const templates::Catalog& text;
  const Config& config;
  TextCap cap;
};

// Builds one platform's adapter from its `platforms.<name>` settings; throws ConfigError naming
// config.source and the key for a malformed one.
using AdapterFactory = std::function<std::unique_ptr<Adapter>(const PlatformDeps&, const nlohmann::json& settings)>;

struct PlatformEntry {
  std::string_view name;
  AdapterFactory make;
  // Built, with no settings, when the config has no `platforms` key at all: the local platform, so
  // gridbot runs out of the box.
  bool on_by_default = false;
};

const std::vector<PlatformEntry>& platform_registry();

// One adapter for every enabled `platforms.<name>` entry of deps.config (its `enabled` defaults to
// true), or the on-by-default ones when the config names none; a name the registry does not know
// is a ConfigError naming config.source and `platforms.<name>`.
std::vector<std::unique_ptr<Adapter>> make_adapters(const PlatformDeps& deps);

}  // namespace gridbot::platforms
