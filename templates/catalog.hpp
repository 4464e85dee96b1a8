// Every sentence a person reads, by id, in ICU MessageFormat with named arguments
// ("{resident}", "{urgent, select, yes {…} other {}}"). Code never holds user-facing Chinese.
// Templates of only text, simple arguments and select are rendered by CompiledMessage, with the
// same bytes as ICU at a fraction of its cost; the others, and calls missing an argument, by ICU.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gridbot::templates {

using Time = std::chrono::sys_seconds;
using Arg = std::variant<std::string, std::int64_t, Time>;
using Args = std::map<std::string, Arg, std::less<>>;

class Catalog {
 public:
  // Parses a catalog file's JSON text; throws std::runtime_error naming `source` and the key that
  // is wrong, so a bad template stops start-up instead of a message going out broken.
  static Catalog parse(std::string_view json_text, std::string_view source, std::string_view time_zone);
  // The zh-CN catalog compiled into the binary.
  static const Catalog& builtin();

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  // Renders template `id`. An unknown id or a failed format yields the id in brackets and is logged
  // by the caller's tests; it never throws, because a send must not die of a template.
  std::string render(std::string_view id, const Args& args = {}) const;
  // render's two paths, public so tests can hold one against the other. render_compiled is
  // nullopt when `id` is unknown or has no compiled form, when an argument it names is missing
  // from `args`, or when a value is not well-formed UTF-8; render_with_icu always asks ICU.
  std::optional<std::string> render_compiled(std::string_view id, const Args& args = {}) const;
  std::string render_with_icu(std::string_view id, const Args& args = {}) const;
  bool has(std::string_view id) const;
  // A time in the catalog's zone and pattern ("11月24日 17:30").
  std::string format_time(Time t) const;

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gridbot::templates
