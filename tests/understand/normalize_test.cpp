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
