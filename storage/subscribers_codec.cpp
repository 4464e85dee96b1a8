#include "storage/subscribers_codec.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

namespace gridbot::storage {

namespace {

using nlohmann::json;

constexpr std::string_view empty_array = "[]";

// Printable ASCII other than the quote and the backslash: written as it is, with nothing to escape
// and no UTF-8 to validate (json's dump checks that, and throws on invalid bytes).
bool plain(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  return true;
}

void append_string(std::string& out, std::string_view s) {
  if (plain(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += json(s).dump();
  }
}

// The exact text encode_subscribers writes for strings without escapes; nullopt for anything else.
class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}
  bool literal(std::string_view expected) {
    if (!rest_.starts_with(expected)) return false;
    rest_.remove_prefix(expected.size());
    return true;
  }
  // The string's characters up to its closing quote (consumed); nullopt at an escape, which only
  // the JSON parser reads right. (The encoder escapes control characters, so none is raw here.)
  std::optional<std::string> string_body() {
    const std::size_t end = rest_.find('"');
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view body = rest_.substr(0, end);
    if (body.find('\\') != std::string_view::npos) return std::nullopt;
    rest_.remove_prefix(end + 1);
    return std::string(body);
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

std::optional<std::vector<Subscriber>> decode_plain(std::string_view text) {
  Reader in(text);
  std::vector<Subscriber> out;
  out.reserve(text.size() / 40);  // an encoded subscriber takes at least 38 bytes
  if (!in.literal("[")) return std::nullopt;
  do {
    Subscriber s;
    if (!in.literal("{\"person\":\"")) return std::nullopt;
    auto person = in.string_body();
    if (!person || !in.literal(",\"platform\":\"")) return std::nullopt;
    auto platform = in.string_body();
    if (!platform || !in.literal(",\"user\":\"")) return std::nullopt;
    auto user = in.string_body();
    if (!user || !in.literal("}")) return std::nullopt;
    out.push_back({std::move(*person), std::move(*platform), std::move(*user)});
  } while (in.literal(","));
  if (!in.literal("]") || !in.done()) return std::nullopt;
  return out;
}

}  // namespace

std::string encode_subscribers(const std::vector<Subscriber>& subscribers) {
  if (subscribers.empty()) return std::string(empty_array);
  std::string out = "[";
  for (const auto& s : subscribers) {
    if (out.size() > 1) out += ',';
    // json's dump order (its objects are sorted maps), so rows written before this codec compare
    // equal to a fresh encoding and a save does not rewrite them.
    out += "{\"person\":";
    append_string(out, s.person_id);
    out += ",\"platform\":";
    append_string(out, s.platform);
    out += ",\"user\":";
    append_string(out, s.user_id);
    out += '}';
  }
  out += ']';
  return out;
}

std::vector<Subscriber> decode_subscribers(std::string_view text) {
  if (text == empty_array) return {};
  if (auto plain_rows = decode_plain(text)) return std::move(*plain_rows);
  std::vector<Subscriber> out;
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& s : doc)
    if (s.is_object()) out.push_back({s.value("person", ""), s.value("platform", ""), s.value("user", "")});
  return out;
}

}  // namespace gridbot::storage
