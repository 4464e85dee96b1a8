#include "templates/catalog.hpp"

#include <array>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/fmtable.h>
#include <unicode/msgfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "templates/compiled_message.hpp"

extern const std::string_view gridbot_embedded_templates_zh_cn;

namespace gridbot::templates {

namespace {

icu::UnicodeString to_icu(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Numbers are ticket numbers and counts: plain digits, never with grouping commas.
std::string as_text(const Catalog& catalog, const Arg& value) {
  if (auto* s = std::get_if<std::string>(&value)) return *s;
  if (auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
  return catalog.format_time(std::get<Time>(value));
}

}  // namespace

struct Catalog::Impl {
  struct Template {
    std::unique_ptr<icu::MessageFormat> icu;
    // Made once in parse and never changed, so renders read it from any thread without the lock.
    std::optional<CompiledMessage> compiled;
  };
  // ICU documents MessageFormat as unsynchronized ("if multiple threads access a format
  // concurrently, it must be synchronized externally"), and the catalog is rendered from the
  // writer thread, the HTTP thread and the reader pool at once: every ICU call below holds this.
  // A render holds it for a few microseconds; uncontended it costs tens of nanoseconds.
  std::mutex icu;
  icu::Locale locale;
  std::map<std::string, Template, std::less<>> messages;
  std::unique_ptr<icu::SimpleDateFormat> time_format;
  // The pattern shows nothing finer than minutes and the zone's offsets are whole minutes, so
  // every second of a minute reads the same: the last few minutes formatted are kept (under the
  // lock). A ticket's receipt and notification show the same deadlines, about 15 k instructions
  // of ICU each time otherwise.
  bool minute_resolution = false;
  struct FormattedMinute {
    std::int64_t minute = 0;
    std::string text;
  };
  std::array<FormattedMinute, 8> minutes;
  std::size_t next_minute = 0;
};

namespace {

// Whether a SimpleDateFormat pattern has a field finer than minutes (s, S, A) outside its quoted
// literals ('...', '' for a quote).
bool shows_seconds(std::string_view pattern) {
  bool quoted = false;
  for (char c : pattern) {
    if (c == '\'') quoted = !quoted;
    else if (!quoted && (c == 's' || c == 'S' || c == 'A')) return true;
  }
  return false;
}

}  // namespace

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Catalog Catalog::parse(std::string_view json_text, std::string_view source, std::string_view time_zone) {
  auto fail = [&](std::string_view key, std::string_view why) {
    throw std::runtime_error(std::string(source) + ": " + std::string(key) + ": " + std::string(why));
  };
  auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) fail("(file)", "not a JSON object");
  if (!doc.contains("locale") || !doc["locale"].is_string()) fail("locale", "missing or not a string");
  if (!doc.contains("datetime_pattern") || !doc["datetime_pattern"].is_string())
    fail("datetime_pattern", "missing or not a string");
  if (!doc.contains("messages") || !doc["messages"].is_object()) fail("messages", "missing or not an object");

  auto impl = std::make_unique<Impl>();
  {
    UErrorCode status = U_ZERO_ERROR;
    impl->locale = icu::Locale::forLanguageTag(doc["locale"].get<std::string>(), status);
    if (U_FAILURE(status)) fail("locale", "not a BCP 47 language tag");
  }
  for (auto& [id, text] : doc["messages"].items()) {
    if (!text.is_string()) fail("messages." + id, "not a string");
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    auto format = std::make_unique<icu::MessageFormat>(to_icu(text.get<std::string>()), impl->locale, where, status);
    if (U_FAILURE(status))
      fail("messages." + id, std::string("bad MessageFormat at offset ") + std::to_string(where.offset) + " (" +
                                 u_errorName(status) + ")");
    // ICU parses every template, even one compiled here, so a bad one still stops start-up.
    impl->messages.emplace(id, Impl::Template{std::move(format), CompiledMessage::compile(text.get<std::string>())});
  }
  UErrorCode status = U_ZERO_ERROR;
  impl->time_format = std::make_unique<icu::SimpleDateFormat>(to_icu(doc["datetime_pattern"].get<std::string>()),
                                                              impl->locale, status);
  if (U_FAILURE(status)) fail("datetime_pattern", u_errorName(status));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(to_icu(time_zone)));
  if (*zone == icu::TimeZone::getUnknown()) fail("time_zone", "unknown time zone " + std::string(time_zone));
  impl->minute_resolution = !shows_seconds(doc["datetime_pattern"].get<std::string>()) &&
                            zone->getRawOffset() % 60000 == 0 && zone->getDSTSavings() % 60000 == 0;
  impl->time_format->adoptTimeZone(zone.release());
  return Catalog(std::move(impl));
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = parse(gridbot_embedded_templates_zh_cn, "templates/zh-CN.json", "Asia/Shanghai");
  return catalog;
}

bool Catalog::has(std::string_view id) const { return impl_->messages.find(id) != impl_->messages.end(); }

std::string Catalog::format_time(Time t) const {
  const std::int64_t seconds = t.time_since_epoch().count();
  const std::int64_t minute = seconds / 60 - (seconds % 60 < 0);
  std::lock_guard lock(impl_->icu);
  if (impl_->minute_resolution)
    for (const auto& m : impl_->minutes)
      if (m.minute == minute && !m.text.empty()) return m.text;
  icu::UnicodeString out;
  impl_->time_format->format(static_cast<UDate>(seconds) * 1000.0, out);
  std::string text = to_utf8(out);
  if (impl_->minute_resolution) {
    impl_->minutes[impl_->next_minute] = {minute, text};
    impl_->next_minute = (impl_->next_minute + 1) % impl_->minutes.size();
  }
  return text;
}

std::string Catalog::render(std::string_view id, const Args& args) const {
  if (auto text = render_compiled(id, args)) return std::move(*text);
  return render_with_icu(id, args);
}

std::optional<std::string> Catalog::render_compiled(std::string_view id, const Args& args) const {
  auto it = impl_->messages.find(id);
  if (it == impl_->messages.end() || !it->second.compiled) return std::nullopt;
  const CompiledMessage& message = *it->second.compiled;
  const auto& names = message.arguments();
  std::vector<std::string_view> values;
  values.reserve(names.size());
  std::vector<std::string> spelled;  // numbers and times as text; reserved, so views into it stay put
  spelled.reserve(names.size());
  for (const auto& name : names) {
    auto arg = args.find(name);
    // Even one only an unchosen branch names: what ICU makes of a missing argument is ICU's to say.
    if (arg == args.end()) return std::nullopt;
    if (auto* s = std::get_if<std::string>(&arg->second)) values.push_back(*s);
    else values.push_back(spelled.emplace_back(as_text(*this, arg->second)));
  }
  return message.render(values);
}

std::string Catalog::render_with_icu(std::string_view id, const Args& args) const {
  auto it = impl_->messages.find(id);
  if (it == impl_->messages.end()) return "[" + std::string(id) + "]";
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(to_icu(name));
    values.emplace_back(to_icu(as_text(*this, value)));
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  {
    std::lock_guard lock(impl_->icu);
    it->second.icu->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  }
  if (U_FAILURE(status)) return "[" + std::string(id) + "]";
  return to_utf8(out);
}

}  // namespace gridbot::templates
