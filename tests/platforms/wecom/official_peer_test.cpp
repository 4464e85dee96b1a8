// gridbot against WeCom's own code: the official npm package @wecom/crypto (tests/peers/, installed
// by `./run test` with npm ci) seals what gridbot opens and opens what gridbot seals. No network:
// the package is already on disk when the test runs.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/incoming.hpp"
#include "tests/platforms/wecom/vectors.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::wecom {
namespace {

using nlohmann::json;
using namespace vectors;

const std::string kPeers = std::string(GRIDBOT_SOURCE_DIR) + "/tests/peers";

// Why the peer cannot run, or "" when it can.
std::string peer_missing() {
  if (std::system("command -v node >/dev/null 2>&1") != 0)
    return "node is not installed: `./run test` installs it (Debian packages nodejs npm)";
  std::ifstream package(kPeers + "/node_modules/@wecom/crypto/package.json");
  if (!package) return "@wecom/crypto is not installed in tests/peers: `./run test` runs `npm ci` there";
  return "";
}

// Runs the requests through tests/peers/wecom_crypto_peer.js, one node process for all of them.
json ask_peer(const json& requests) {
  testing::TempDir dir;
  std::ofstream(dir.file("in.json")) << requests.dump();
  std::string command = "node '" + kPeers + "/wecom_crypto_peer.js' < '" + dir.file("in.json") + "' > '" +
                        dir.file("out.json") + "'";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "the @wecom/crypto peer failed: " << command);
  std::stringstream out;
  out << std::ifstream(dir.file("out.json")).rdbuf();
  return json::parse(out.str());
}

// Lengths around the 32-byte boundary, so every pad value from 1 to 32 is crossed, and Chinese.
std::vector<std::string> messages() {
  std::vector<std::string> out;
  for (int n = 0; n <= 40; ++n) out.push_back(std::string(static_cast<std::size_t>(n), 'm'));
  out.push_back("<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Content><![CDATA[3号楼2单元下水道堵了，"
                "污水漫到楼道了]]></Content></xml>");
  out.push_back(R"({"msgid":"M1","aibotid":"BOT","chattype":"single","from":{"userid":"u1"},"msgtype":"text","text":{"content":"电梯坏了"}})");
  return out;
}

TEST_CASE("the official @wecom/crypto seals, gridbot verifies and opens") {
  if (auto why = peer_missing(); !why.empty()) FAIL(why);
  json requests = json::array();
  for (const auto& m : messages())
    for (std::string receiveid : {std::string(a_corpid), std::string()})
      requests.push_back({{"op", "seal"}, {"key", a_key}, {"token", a_token}, {"receiveid", receiveid},
                          {"timestamp", gen_ts}, {"nonce", gen_nonce}, {"message", m}});
  json answers = ask_peer(requests);
  REQUIRE(answers.size() == requests.size());
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& r = requests[i];
    auto keys = keys_a(r["receiveid"]);
    CallbackQuery q{answers[i]["signature"], std::string(gen_ts), std::string(gen_nonce), ""};
    std::string encrypt = answers[i]["encrypt"];
    auto opened = r["receiveid"] == "" ? open_aibot_callback(keys, q, R"({"encrypt":")" + encrypt + "\"}", at(gen_ts))
                                       : open_app_callback(keys, q, "<xml><Encrypt><![CDATA[" + encrypt +
                                                                        "]]></Encrypt></xml>", at(gen_ts));
    REQUIRE_MESSAGE(opened.has_value(), "message " << i << ": " << describe(opened.error()));
    CHECK(*opened == r["message"].get<std::string>());
    // Sealed for the AI bot, it is refused by the app and the other way round.
    CHECK(decrypt_message(keys_a(r["receiveid"] == "" ? std::string(a_corpid) : "").aes_key, encrypt,
                          r["receiveid"] == "" ? a_corpid : "")
              .error() == Error::wrong_receiveid);
  }
  // The AI-bot message the peer sealed parses like any other.
  auto bot = open_aibot_callback(keys_a(""), {answers.back()["signature"], std::string(gen_ts), std::string(gen_nonce), ""},
                                 R"({"Encrypt":")" + answers.back()["encrypt"].get<std::string>() + "\"}", at(gen_ts));
  auto parsed = parse_aibot_callback(std::string_view(bot.value()), "");
  CHECK(std::get<IncomingMessage>(parsed.value()).text == "电梯坏了");
}

TEST_CASE("gridbot seals, the official @wecom/crypto verifies and opens; with the same random, byte for byte") {
  if (auto why = peer_missing(); !why.empty()) FAIL(why);
  json requests = json::array();
  std::vector<std::string> ours;
  for (const auto& m : messages()) {
    auto random = fresh_random16().value();
    auto sealed = seal_reply(keys_a(), m, std::string(gen_ts), std::string(gen_nonce), random).value();
    requests.push_back({{"op", "open"}, {"key", a_key}, {"token", a_token}, {"timestamp", gen_ts},
                        {"nonce", gen_nonce}, {"encrypt", sealed.encrypt}, {"signature", sealed.msg_signature}});
    std::string hex;
    for (unsigned char b : random) hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 15];
    requests.push_back({{"op", "seal"}, {"key", a_key}, {"token", a_token}, {"receiveid", a_corpid},
                        {"timestamp", gen_ts}, {"nonce", gen_nonce}, {"message", m}, {"random", hex}});
    ours.push_back(sealed.encrypt);
  }
  json answers = ask_peer(requests);
  REQUIRE(answers.size() == requests.size());
  auto all = messages();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& opened = answers[2 * i];
    CHECK(opened["signature_ok"] == true);
    CHECK(opened["message"] == all[i]);
    CHECK(opened["receiveid"] == a_corpid);
    CHECK(answers[2 * i + 1]["encrypt"] == ours[i]);
  }
}

}  // namespace
}  // namespace gridbot::wecom
