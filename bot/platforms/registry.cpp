#include "bot/platforms/registry.hpp"

#include <fmt/ranges.h>

#include "bot/platforms/dingtalk/dingtalk_adapter.hpp"
#include "bot/platforms/feishu/feishu_adapter.hpp"
#include "bot/platforms/local/local_factory.hpp"
#include "bot/platforms/wecom/wecom_adapter.hpp"

namespace gridbot::platforms {

// Adding a platform: its folder, and one line here.
const std::vector<PlatformEntry>& platform_registry() {
  static const std::vector<PlatformEntry> entries{
      {"local", make_local_platform, true},
      {"dingtalk", dingtalk::make_dingtalk_adapter},
      {"feishu", feishu::make_feishu_adapter},
      {"wecom", wecom::make_wecom_adapter},
  };
  return entries;
}

namespace {
const PlatformEntry* entry_named(std::string_view name) {
  for (const auto& e : platform_registry())
    if (e.name == name) return &e;
  return nullptr;
}
}  // namespace

std::vector<std::unique_ptr<Adapter>> make_adapters(const PlatformDeps& deps) {
  const Config& c = deps.config;
  std::vector<std::unique_ptr<Adapter>> out;
  if (!c.platforms_given) {
    for (const auto& e : platform_registry())
      if (e.on_by_default) out.push_back(e.make(deps, nlohmann::json::object()));
    return out;
  }
  for (const auto& [name, settings] : c.platforms) {
    const PlatformEntry* entry = entry_named(name);
    if (!entry) {
      std::vector<std::string_view> known;
      for (const auto& e : platform_registry()) known.push_back(e.name);
      throw ConfigError(fmt::format("{}: platforms.{}: unknown platform (known: {})", c.source, name, fmt::join(known, ", ")));
    }
    if (settings.value("enabled", true)) out.push_back(entry->make(deps, settings));
  }
  return out;
}

}  // namespace gridbot::platforms
