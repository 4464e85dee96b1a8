#include "bot/platforms/settings_reader.hpp"

#include <cstdlib>

namespace gridbot::platforms {

using nlohmann::json;

void SettingsReader::fail(std::string_view key, std::string_view why) const {
  throw ConfigError(source_ + ": " + path_ + (key.empty() ? "" : ".") + std::string(key) + ": " + std::string(why));
}

void SettingsReader::only_keys(const json& object, std::initializer_list<std::string_view> allowed) const {
  for (const auto& item : object.items()) {
    bool known = false;
    for (auto a : allowed) known = known || item.key() == a;
    if (known) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(item.key(), "unknown key (expected " + list + ")");
  }
}

std::string SettingsReader::text(const json& object, std::string_view key, bool required) const {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) fail(key, "is required");
    return {};
  }
  if (!it->is_string() || it->get<std::string>().empty()) fail(key, "must be a non-empty string");
  return it->get<std::string>();
}

std::string SettingsReader::secret(const json& object, std::string_view key, bool required) const {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) fail(key, "is required");
    return {};
  }
  if (it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  if (it->is_object() && it->size() == 1 && it->contains("env") && (*it)["env"].is_string()) {
    const std::string name = (*it)["env"].get<std::string>();
    const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
    if (!value || !*value) fail(key, "environment variable '" + name + "' is not set");
    return value;
  }
  fail(key, "must be a non-empty string or {\"env\": \"NAME\"}");
}

std::string SettingsReader::url(const json& object, std::string_view key, std::string fallback,
                                std::initializer_list<std::string_view> schemes) const {
  auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (!it->is_string()) fail(key, "must be a URL string");
  std::string value = it->get<std::string>();
  bool scheme_ok = false;
  for (auto s : schemes) scheme_ok = scheme_ok || (value.starts_with(s) && value.size() > s.size());
  if (!scheme_ok) {
    std::string list;
    for (auto s : schemes) list += (list.empty() ? "" : " or ") + std::string(s);
    fail(key, "must start with " + list + ", got '" + value + "'");
  }
  while (value.ends_with('/')) value.pop_back();
  return value;
}

}  // namespace gridbot::platforms
