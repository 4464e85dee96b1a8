// Reading the optional fields of Feishu's JSON without exceptions: an absent field or one of
// another type reads as empty, and the caller decides whether that is an error. (WeCom's codec has
// the same helpers; one shared header under bot/platforms/ would serve all three.)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gridbot::feishu {

// A string field, or "" when absent or of another type (json::value would throw). Templated so
// that ordered_json, kept where field order matters, reads the same way.
template <class Json>
std::string text_of(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->template get<std::string>() : std::string();
}

// An object field, or an empty object when absent or of another type.
inline const nlohmann::json& object_at(const nlohmann::json& obj, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : empty;
}

}  // namespace gridbot::feishu
