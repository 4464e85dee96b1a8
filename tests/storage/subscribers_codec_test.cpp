// The subscribers column's codec: the same text json's dump wrote (so stored rows compare equal
// and are not rewritten), the same subscribers back, and the JSON parser for anything else.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "storage/subscribers_codec.hpp"

using namespace gridbot;
using storage::decode_subscribers;
using storage::encode_subscribers;

namespace {

// What the column held before this codec: json's dump of the objects.
std::string dumped(const std::vector<Subscriber>& subscribers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : subscribers) out.push_back({{"person", s.person_id}, {"platform", s.platform}, {"user", s.user_id}});
  return out.dump();
}

bool same(const std::vector<Subscriber>& a, const std::vector<Subscriber>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].person_id != b[i].person_id || a[i].platform != b[i].platform || a[i].user_id != b[i].user_id) return false;
  return true;
}

}  // namespace

TEST_CASE("subscribers are written as json's dump wrote them and read back unchanged") {
  const std::vector<std::vector<Subscriber>> cases{
      {},
      {{"r1", "local", "u1"}},
      {{"r1", "local", "u1"}, {"r2", "wecom", "wx-02"}, {"", "", ""}},
      {{"居民1", "feishu", "ou_用户"}},                   // UTF-8, not escaped by dump
      {{"a\"b", "local", "back\\slash"}, {"tab\there", "local", "nl\n"}},  // escapes
      {{"r1", "local", "u1"}, {"ctl\x01", "dingtalk", "x"}},
  };
  for (const auto& subscribers : cases) {
    const std::string text = encode_subscribers(subscribers);
    CHECK(text == dumped(subscribers));
    CHECK(same(decode_subscribers(text), subscribers));
  }
}

TEST_CASE("a hundred subscribers round-trip in order") {
  std::vector<Subscriber> many;
  for (int i = 0; i < 100; ++i) many.push_back({"r" + std::to_string(i), "local", "user" + std::to_string(i)});
  const auto back = decode_subscribers(encode_subscribers(many));
  CHECK(same(back, many));
}

TEST_CASE("subscribers stored in another shape are read through the JSON parser") {
  // Spaces, another key order, a missing key: not what the encoder writes, still read.
  const auto spaced = decode_subscribers(R"([ {"user": "u1", "platform": "local", "person": "r1"}, {"person":"r2"} ])");
  CHECK(same(spaced, {{"r1", "local", "u1"}, {"r2", "", ""}}));
  CHECK(same(decode_subscribers(R"([{"person":"r\u0031","platform":"local","user":"u1"}])"), {{"r1", "local", "u1"}}));
  // A truncated or foreign value reads as no subscribers, never a crash.
  CHECK(decode_subscribers(R"([{"person":"r1","platform":"local","user":"u1")").empty());
  CHECK(decode_subscribers(R"([{"person":"r1","platform":"local","user":"u1"}],)").empty());
  CHECK(decode_subscribers("not json").empty());
  CHECK(decode_subscribers("{}").empty());
  CHECK(decode_subscribers("").empty());
}
