#include "bot/understand_jsonl.hpp"

#include <cstdint>

#include "handlers/understand/utf8.hpp"

namespace gridbot::understand_jsonl {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  void skip_spaces() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  bool eat(char c) {
    skip_spaces();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool at_end() {
    skip_spaces();
    return i_ == s_.size();
  }
  size_t position() const { return i_; }
  std::string_view slice(size_t from) const { return s_.substr(from, i_ - from); }
  char peek() {
    skip_spaces();
    return i_ < s_.size() ? s_[i_] : '\0';
  }

  // A string literal; `out` receives the decoded bytes (null: only skipped).
  bool string(std::string* out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        if (out) out->push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      char plain = 0;
      switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            uint32_t low = 0;
            if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
            i_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          if (out) understand::append_utf8(*out, static_cast<char32_t>(cp));
          continue;
        }
        default: return false;
      }
      if (out) out->push_back(plain);
    }
    return false;
  }

  // A number, true, false or null, skipped loosely: the full parser judges anything odd.
  bool scalar() {
    skip_spaces();
    const size_t from = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r') break;
      if (c == '"' || c == '{' || c == '[' || c == ':') return false;
      ++i_;
    }
    const std::string_view v = s_.substr(from, i_ - from);
    if (v == "true" || v == "false" || v == "null") return true;
    if (v.empty()) return false;
    for (char c : v)
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) return false;
    return true;
  }

 private:
  bool hex4(uint32_t& v) {
    if (i_ + 4 > s_.size()) return false;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::optional<InputLine> read_flat_object(std::string_view line) {
  Reader r(line);
  InputLine in;
  if (!r.eat('{')) return std::nullopt;
  if (r.eat('}')) return r.at_end() ? std::optional(in) : std::nullopt;
  std::string key;
  do {
    key.clear();
    if (!r.string(&key) || !r.eat(':')) return std::nullopt;
    // A repeated key: the full parser decides which one counts.
    if ((key == "id" && !in.id_json.empty()) || (key == "text" && in.has_text)) return std::nullopt;
    r.skip_spaces();
    const size_t from = r.position();
    if (key == "text" && r.peek() == '"') {
      in.text.clear();
      if (!r.string(&in.text)) return std::nullopt;
      in.has_text = true;
    } else if (r.peek() == '"') {
      if (!r.string(nullptr)) return std::nullopt;
    } else if (!r.scalar()) {
      return std::nullopt;
    }
    if (key == "id") in.id_json = r.slice(from);
  } while (r.eat(','));
  if (!r.eat('}') || !r.at_end()) return std::nullopt;
  return in;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += "\\u00";
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace gridbot::understand_jsonl
