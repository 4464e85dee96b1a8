// A time in the catalog's zone and pattern: formatted minutes are remembered (templates/catalog.cpp),
// and what is remembered must read exactly as ICU formats every second of that minute.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include "templates/catalog.hpp"

using namespace gridbot;

namespace {

templates::Catalog catalog(const std::string& pattern, const std::string& zone) {
  nlohmann::json doc{{"locale", "zh-CN"}, {"datetime_pattern", pattern}, {"messages", {{"t", "{at}"}}}};
  return templates::Catalog::parse(doc.dump(), "test.json", zone);
}

// ICU itself, with nothing remembered.
std::string icu_format(const std::string& pattern, const std::string& zone, std::int64_t seconds) {
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat f(icu::UnicodeString::fromUTF8(pattern), icu::Locale::forLanguageTag("zh-CN", status), status);
  REQUIRE(U_SUCCESS(status));
  f.adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  icu::UnicodeString out;
  f.format(static_cast<UDate>(seconds) * 1000.0, out);
  std::string text;
  out.toUTF8String(text);
  return text;
}

}  // namespace

TEST_CASE("remembered minutes read as ICU formats each second, seconds fields and DST included") {
  struct Case {
    const char* pattern;
    const char* zone;
    std::int64_t from;  // a span around a DST change where the zone has one
  };
  const Case cases[] = {
      {"M月d日 HH:mm", "Asia/Shanghai", 1'795'000'000},
      {"M月d日 HH:mm", "America/New_York", 1'793'512'800 - 4000},  // 2026-11-01 02:00 EDT → EST
      {"HH:mm:ss", "Asia/Shanghai", 1'795'000'000},               // seconds shown: nothing remembered
      {"HH:mm 'sharp'", "Asia/Shanghai", 1'795'000'000},          // an s inside quotes is a literal
      {"M月d日 HH:mm", "Asia/Shanghai", -200},                    // before 1970: minutes floor down
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.pattern));
    CAPTURE(std::string(c.zone));
    const auto text = catalog(c.pattern, c.zone);
    // Back and forth over the span, so remembered minutes are read, overwritten and read again.
    for (int pass = 0; pass < 2; ++pass)
      for (std::int64_t s = c.from; s < c.from + 8000; s += 37) {
        const std::int64_t at = pass == 0 ? s : c.from + 8000 - (s - c.from);
        CAPTURE(at);
        CHECK(text.format_time(templates::Time(std::chrono::seconds(at))) == icu_format(c.pattern, c.zone, at));
      }
    CHECK(text.render("t", {{"at", templates::Time(std::chrono::seconds(c.from))}}) == icu_format(c.pattern, c.zone, c.from));
  }
}
