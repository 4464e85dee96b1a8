#include "templates/compiled_message.hpp"

#include <algorithm>

#include <unicode/utf8.h>

namespace gridbot::templates {

namespace {

// ICU's own test of well-formed UTF-8 (U8_NEXT: no overlong forms, surrogates or values past
// U+10FFFF), so "valid here" means "ICU converts it without substituting".
bool well_formed_utf8(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

// ASCII only, a subset of ICU's Pattern_White_Space: a pattern spaced with U+200E or U+2028 is
// declined (the token after it fails to parse) rather than read differently from ICU.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Deeper than any template needs; bounds the recursion on a hostile catalog file.
constexpr int kMaxDepth = 8;

}  // namespace

// Recursive descent over the UTF-8 bytes: every syntax character is ASCII, and no byte of a
// multi-byte sequence is, so literal text never needs decoding. Each method returns false to
// decline the pattern.
class CompiledMessage::Parser {
 public:
  explicit Parser(std::string_view pattern, CompiledMessage& into) : s_(pattern), into_(into) {}

  bool whole(Message& out) { return message(out, 0) && pos_ == s_.size(); }

 private:
  // Literal text and arguments up to the end (top level) or up to the `}` that closes a
  // sub-pattern (nested), which is left for the caller.
  bool message(Message& out, int depth) {
    std::string text;
    auto flush = [&] {
      if (text.empty()) return;
      into_.text_bytes_ += text.size();
      out.push_back(Piece{Piece::Kind::text, std::move(text)});
      text.clear();
    };
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '{') {
        flush();
        if (!argument(out, depth)) return false;
      } else if (c == '}') {
        // ICU reads a stray top-level `}` as text; not worth the doubt.
        if (depth == 0) return false;
        flush();
        return true;
      } else {
        text += c;
        ++pos_;
      }
    }
    flush();
    return depth == 0;
  }

  // `{name}` or `{name, select, key {…} … other {…}}`, starting at its `{`.
  bool argument(Message& out, int depth) {
    ++pos_;
    skip_space();
    std::string_view name = word(is_letter);
    if (name.empty()) return false;  // also a numbered argument such as {0}
    const std::size_t slot = slot_of(name);
    skip_space();
    if (at('}')) {
      ++pos_;
      out.push_back(Piece{Piece::Kind::argument, {}, slot});
      return true;
    }
    if (!at(',')) return false;
    ++pos_;
    skip_space();
    // ICU takes "Select" too; only the spelling the catalog uses is worth knowing.
    if (word(is_letter) != "select") return false;
    skip_space();
    if (!at(',')) return false;
    ++pos_;
    if (depth + 1 > kMaxDepth) return false;
    Piece select{Piece::Kind::select, {}, slot};
    bool has_other = false;
    for (;;) {
      skip_space();
      if (at('}')) break;
      std::string_view key = word([](char c) { return is_letter(c) || is_digit(c); });
      if (key.empty()) return false;
      skip_space();
      if (!at('{')) return false;
      ++pos_;
      Case branch{std::string(key), {}};
      if (!message(branch.body, depth + 1) || !at('}')) return false;
      ++pos_;
      if (key == "other" && !has_other) {
        select.other = select.cases.size();
        has_other = true;
      }
      select.cases.push_back(std::move(branch));
    }
    ++pos_;
    if (!has_other) return false;  // ICU refuses it at load; never reached from the catalog
    out.push_back(std::move(select));
    return true;
  }

  // A first character that `first` accepts, then letters and digits. ICU's identifiers go on
  // over more (non-ASCII, control characters), but every caller then demands white space or a
  // `{`, `}` or `,`, so such a name or key declines instead of being cut short.
  template <typename First>
  std::string_view word(First first) {
    const std::size_t start = pos_;
    if (pos_ < s_.size() && first(s_[pos_])) {
      ++pos_;
      while (pos_ < s_.size() && (is_letter(s_[pos_]) || is_digit(s_[pos_]))) ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }

  std::size_t slot_of(std::string_view name) {
    auto& names = into_.arguments_;
    auto found = std::find(names.begin(), names.end(), name);
    if (found != names.end()) return static_cast<std::size_t>(found - names.begin());
    names.emplace_back(name);
    return names.size() - 1;
  }

  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }
  bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  std::string_view s_;
  std::size_t pos_ = 0;
  CompiledMessage& into_;
};

std::optional<CompiledMessage> CompiledMessage::compile(std::string_view pattern) {
  // ICU's apostrophe rules (DOUBLE_OPTIONAL: '' is one, '{ starts quoting, a lone ' is text)
  // are the part most easily got wrong; no catalog template needs one.
  if (pattern.find('\'') != std::string_view::npos) return std::nullopt;
  if (!well_formed_utf8(pattern)) return std::nullopt;
  CompiledMessage compiled;
  Message message;
  if (!Parser(pattern, compiled).whole(message)) return std::nullopt;
  compiled.message_ = std::move(message);
  return compiled;
}

std::optional<std::string> CompiledMessage::render(std::span<const std::string_view> values) const {
  std::size_t size = text_bytes_;
  for (std::string_view value : values) {
    if (!well_formed_utf8(value)) return std::nullopt;
    size += value.size();
  }
  std::string out;
  out.reserve(size);
  append(message_, values, out);
  return out;
}

// ICU's SelectFormat::findSubMessage: the first case whose key equals the value, else the first
// `other`.
void CompiledMessage::append(const Message& message, std::span<const std::string_view> values, std::string& out) {
  for (const Piece& piece : message) {
    switch (piece.kind) {
      case Piece::Kind::text: out += piece.text; break;
      case Piece::Kind::argument: out += values[piece.slot]; break;
      case Piece::Kind::select: {
        const std::string_view value = values[piece.slot];
        auto chosen = std::find_if(piece.cases.begin(), piece.cases.end(),
                                   [&](const Case& c) { return c.key == value; });
        append(chosen != piece.cases.end() ? chosen->body : piece.cases[piece.other].body, values, out);
        break;
      }
    }
  }
}

}  // namespace gridbot::templates
