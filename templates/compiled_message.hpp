// A template rendered without ICU MessageFormat. ICU's format() spends tens of thousands of
// instructions per sentence converting to UTF-16, boxing every argument and walking its parts;
// most templates are only text, `{name}` and `{name, select, …}`, which this renders straight
// into UTF-8 with output byte-identical to ICU's. Anything else stays with ICU (Catalog).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gridbot::templates {

class CompiledMessage {
 public:
  // The compiled form of an ICU pattern made only of literal text, `{name}` and
  // `{name, select, key {sub-pattern} … other {sub-pattern}}` (sub-patterns of the same grammar),
  // with no apostrophe anywhere; nullopt for anything else — plural, number, date, choice, an
  // apostrophe (ICU's quoting), a numbered argument, ill-formed UTF-8 — which ICU keeps. It is
  // strict where ICU is lenient (a stray top-level `}`, non-ASCII names or keys, Unicode-only
  // white space): when in doubt it declines, because declining costs time and guessing costs bytes.
  static std::optional<CompiledMessage> compile(std::string_view pattern);

  // Every argument name the pattern refers to, in any branch, each once.
  const std::vector<std::string>& arguments() const { return arguments_; }

  // The message with values[i] as the value of arguments()[i], as ICU renders it; nullopt when a
  // value is not well-formed UTF-8 (ICU would have replaced its bad bytes with U+FFFD).
  std::optional<std::string> render(std::span<const std::string_view> values) const;

 private:
  struct Piece;
  using Message = std::vector<Piece>;
  struct Case {
    std::string key;
    Message body;
  };
  struct Piece {
    enum class Kind { text, argument, select } kind;
    std::string text;         // text
    std::size_t slot = 0;     // argument, select: index into arguments_
    std::vector<Case> cases;  // select, in pattern order
    std::size_t other = 0;    // select: the first `other` case, ICU's fallback
  };
  class Parser;

  static void append(const Message& message, std::span<const std::string_view> values, std::string& out);

  std::vector<std::string> arguments_;
  Message message_;
  std::size_t text_bytes_ = 0;  // the literal text's length, to size the output once
};

}  // namespace gridbot::templates
