#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "handlers/understand/normalize.hpp"
#include "handlers/understand/understand.hpp"
#include "handlers/understand/utf8.hpp"

using namespace gridbot::understand;

namespace {
std::string norm(std::string_view s) { return encode_utf8(normalize_text(s)); }
}  // namespace

TEST_CASE("full-width digits and letters become ASCII") {
  CHECK(norm("３号楼２单元５０１") == "3号楼2单元501");
  CHECK(norm("Ｂ座") == "B座");
}

TEST_CASE("traditional script becomes simplified") {
  CHECK(norm("樓上漏水") == "楼上漏水");
  CHECK(norm("電梯壞了，請儘快維修") == "电梯坏了,请尽快维修");
  CHECK(has_traditional(U"樓"));
  CHECK_FALSE(has_traditional(U"楼上漏水"));
}

TEST_CASE("homophone typos are repaired, whitespace collapsed, invisibles dropped") {
  CHECK(norm("下水道赌了") == "下水道堵了");
  CHECK(norm("  收到 \n\n 1\u200b ") == "收到 1");
  CHECK(norm("1\ufe0f\u20e3") == "1\u20e3");
}

TEST_CASE("invalid UTF-8 is repaired, not fatal") {
  CHECK(repair_utf8("ok\xff\xfe!") == "ok\xEF\xBF\xBD\xEF\xBF\xBD!");
  CHECK(repair_utf8("\xE6\xBC") == "\xEF\xBF\xBD");                 // truncated 漏
  CHECK(repair_utf8("\xC0\xAF") == "\xEF\xBF\xBD");                 // overlong '/'
  CHECK(repair_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD");             // surrogate
  auto u = understand("\xff\xfe 3号楼下水道堵了\xE6");
  CHECK(u.building == "3");
}

TEST_CASE("an empty message is chat") {
  CHECK(understand("").intent == Intent::chat);
  CHECK(understand("   ").intent == Intent::chat);
}

TEST_CASE("a 100 KB message is understood in bounded time") {
  std::string big;
  while (big.size() < 100 * 1024) big += "今天天气不错 大家好 ";
  big += "3号楼下水道堵了";
  const auto start = std::chrono::steady_clock::now();
  auto u = understand(big);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::milliseconds(200));
  CHECK(normalize_text(big).size() <= max_understood_chars);
  (void)u;
}

TEST_CASE("normalizing texts over and over gives each its own form, whichever came before") {
  // normalize_text remembers its last results: alternating and repeated inputs must not mix.
  const std::string texts[] = {"電梯壞了", "３号楼", "电梯坏了", "", "電梯壞了 ", "Ｂ座漏水", "a\xCC\x81"};
  const std::string forms[] = {"电梯坏了", "3号楼", "电梯坏了", "", "电梯坏了", "B座漏水", "\xC3\xA1"};
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 7; ++i) CHECK(norm(texts[i]) == forms[i]);
  for (int i = 0; i < 40; ++i) CHECK(norm(std::to_string(i) + "號樓") == std::to_string(i) + "号楼");
}

TEST_CASE("folds_to_itself holds exactly for the characters normalize_text leaves as they are") {
  CHECK(folds_to_itself(U'查'));
  CHECK(folds_to_itself(U'楼'));
  CHECK(folds_to_itself(U'号'));
  CHECK_FALSE(folds_to_itself(U'，'));     // full-width comma: NFKC makes it ','
  // A letter may compose with a mark that follows ("a" + U+0308), so it is not inert: the
  // parser takes ASCII as it is before asking.
  CHECK_FALSE(folds_to_itself(U'a'));
  CHECK_FALSE(folds_to_itself(U'詢'));      // traditional script
  CHECK_FALSE(folds_to_itself(U'１'));      // full-width digit
  CHECK_FALSE(folds_to_itself(U'\u3000'));  // ideographic space: dropped
  CHECK_FALSE(folds_to_itself(U'\u200B'));  // zero-width space: dropped
  CHECK_FALSE(folds_to_itself(U'😀'));      // outside the table: the normalizer decides
  // Every BMP character the table calls itself is itself after normalize_text; none is missed
  // among the CJK ideographs, which are most of what a parser folds.
  int itself = 0;
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // surrogates are no characters
    const std::u32string one(1, c);
    const bool same = normalize_text(encode_utf8(one)) == one;
    if (folds_to_itself(c)) {
      if (!same) FAIL_CHECK("U+", std::hex, static_cast<unsigned>(c), " is not itself after normalize_text");
      ++itself;
    } else if (c >= 0x4E00 && c <= 0x9FFF && same) {
      FAIL_CHECK("U+", std::hex, static_cast<unsigned>(c), " is itself but the table says not");
    }
  }
  CHECK(itself > 20000);
}
