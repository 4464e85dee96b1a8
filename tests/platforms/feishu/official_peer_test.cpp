// gridbot against Feishu's own code: the official @larksuiteoapi/node-sdk 1.74.0 (tests/peers/,
// installed by `./run test` with npm ci) decrypts what gridbot encrypts, accepts the events gridbot
// signs and refuses them changed, and its own pbbp2 reads gridbot's frames and writes frames
// gridbot reads. No network: the package is on disk when the test runs.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/fragments.hpp"
#include "bot/platforms/feishu/webhook.hpp"
#include "tests/platforms/feishu/vectors.hpp"
#include "tests/peers/peer_process.hpp"

namespace gridbot::feishu {
namespace {

using nlohmann::json;
using namespace vectors;

std::string sdk_missing() { return testing::peer_missing("@larksuiteoapi/node-sdk"); }
json ask_sdk(const json& requests) { return testing::ask_peer("feishu_peer.js", requests); }

Iv16 iv_from(int seed) {
  Iv16 iv{};
  for (std::size_t i = 0; i < iv.size(); ++i) iv[i] = static_cast<unsigned char>(seed * 31 + static_cast<int>(i) * 7);
  return iv;
}

TEST_CASE("gridbot encrypts, the official AESCipher decrypts, at every padding length") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  EncryptKey key(test_key);
  std::vector<std::string> messages;
  for (int n = 0; n <= 33; ++n) messages.push_back(std::string(static_cast<std::size_t>(n), 'e'));
  messages.push_back(receive_event());
  json requests = json::array();
  for (std::size_t i = 0; i < messages.size(); ++i)
    requests.push_back({{"op", "decrypt"}, {"key", test_key},
                        {"encrypt", encrypt(key, messages[i], iv_from(static_cast<int>(i))).value()}});
  auto answers = ask_sdk(requests);
  REQUIRE(answers.size() == messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) CHECK(answers[i]["plaintext"] == messages[i]);
}

TEST_CASE("an event gridbot seals and signs passes the SDK's EventDispatcher; changed, it is refused") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  std::string body = R"({"encrypt":")" + encrypt(EncryptKey(test_key), receive_event(), counting_iv()).value() + "\"}";
  auto signature = event_signature(ts, nonce, EncryptKey(test_key), body);
  // The official open side and ours agree on the same request.
  REQUIRE(open_webhook({std::string(token), EncryptKey(test_key)}, {std::string(ts), std::string(nonce), signature}, body)
              .has_value());
  auto headers = [&](std::string sig) {
    return json{{"x-lark-request-timestamp", ts}, {"x-lark-request-nonce", nonce}, {"x-lark-signature", sig}};
  };
  std::string forged = signature;
  forged[0] = forged[0] == '0' ? '1' : '0';
  json requests = json::array();
  for (const auto& sig : {signature, forged})
    requests.push_back({{"op", "invoke"}, {"encryptKey", test_key}, {"verificationToken", token},
                        {"headers", headers(sig)}, {"body", body}});
  auto answers = ask_sdk(requests);
  CHECK(answers[0]["result"]["message_id"] == "om_msg1");
  CHECK(answers[0]["result"]["event_id"] == "ev-5e3702a84e847582be8db7fb73283c02");
  CHECK(answers[1]["result"].is_null());
}

TEST_CASE("an encrypted challenge gridbot seals is a challenge to the SDK too") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  std::string challenge = R"({"challenge":"c-42","token":"v-token-123","type":"url_verification"})";
  std::string body = R"({"encrypt":")" + encrypt(EncryptKey(test_key), challenge, counting_iv()).value() + "\"}";
  auto answers = ask_sdk(json::array({{{"op", "challenge"}, {"encryptKey", test_key}, {"body", body}}}));
  CHECK(answers[0]["isChallenge"] == true);
  CHECK(answers[0]["challenge"]["challenge"] == "c-42");
  CHECK(std::get<Challenge>(open_webhook({std::string(token), EncryptKey(test_key)}, {}, body).value()).challenge == "c-42");
}

TEST_CASE("frames: the SDK's pbbp2 writes what gridbot reads, and reads gridbot's ping and ack") {
  if (auto why = sdk_missing(); !why.empty()) FAIL(why);
  std::string event = receive_event();
  // Three fragments of one event, with a large SeqID and LogIDs the SDK writes as varints too.
  json requests = json::array();
  for (int seq = 0; seq < 3; ++seq) {
    std::size_t third = event.size() / 3, from = static_cast<std::size_t>(seq) * third;
    requests.push_back({{"op", "encode_frame"},
                        {"frame", {{"SeqID", 4000000000LL + seq}, {"LogID", 123456789}, {"service", service_id},
                                   {"method", 1}, {"payload", event.substr(from, seq == 2 ? std::string::npos : third)},
                                   {"headers", json::array({{{"key", "type"}, {"value", "event"}},
                                                            {{"key", "message_id"}, {"value", "m-frag"}},
                                                            {{"key", "sum"}, {"value", "3"}},
                                                            {{"key", "seq"}, {"value", std::to_string(seq)}}})}}}});
  }
  auto encoded = ask_sdk(requests);
  FragmentAssembler assembler;
  std::optional<std::string> whole;
  Frame last;
  for (int seq : {2, 0, 1}) {  // out of order
    auto frame = decode_frame(unhex(encoded[seq]["hex"].get<std::string>())).value();
    CHECK(frame.seq_id == 4000000000ULL + static_cast<unsigned>(seq));
    CHECK(frame.log_id == 123456789);
    whole = assembler.add(frame, FragmentAssembler::Clock::time_point{}).value();
    last = frame;
  }
  REQUIRE(whole.has_value());
  CHECK(*whole == event);
  CHECK(parse_event_payload(*whole, token).value().event_type == "im.message.receive_v1");

  auto decoded = ask_sdk(json::array({{{"op", "decode_frame"}, {"hex", hex(ping_frame(service_id))}},
                                      {{"op", "decode_frame"}, {"hex", hex(ack_frame(last, std::chrono::milliseconds(7)))}}}));
  CHECK(decoded[0]["service"] == service_id);
  CHECK(decoded[0]["headers"] == json::parse(R"([{"key":"type","value":"ping"}])"));
  CHECK(decoded[1]["SeqID"] == 4000000001LL);
  CHECK(decoded[1]["payload"] == R"({"code":200})");
  CHECK(decoded[1]["headers"].back() == json{{"key", "biz_rt"}, {"value", "7"}});
}

}  // namespace
}  // namespace gridbot::feishu
