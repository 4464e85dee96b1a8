// §2.3.1's frames as the official SDK encodes them, decoded with the protobuf code protoc generated
// from pbbp2.proto and encoded back byte for byte; the ack, the ClientConfig, the endpoint codes.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/long_connection_frames.hpp"
#include "tests/platforms/feishu/vectors.hpp"

namespace gridbot::feishu {
namespace {

using namespace vectors;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("§2.3.1 ping: decoded from the SDK's bytes, and written the same") {
  auto f = decode_frame(unhex(ping_hex)).value();
  CHECK(f.seq_id == 0);
  CHECK(f.log_id == 0);
  CHECK(f.service == service_id);
  CHECK(f.method == Frame::control);
  CHECK(f.type() == "ping");
  CHECK(f.payload.empty());
  CHECK(hex(ping_frame(service_id)) == ping_hex);
}

TEST_CASE("§2.3.1 data frame: every field and header, and re-encoded byte for byte") {
  auto f = decode_frame(unhex(data_frame_hex)).value();
  CHECK(f.seq_id == 7);
  CHECK(f.log_id == 9);
  CHECK(f.service == service_id);
  CHECK(f.method == Frame::data);
  CHECK(f.headers == std::vector<std::pair<std::string, std::string>>{
                         {"type", "event"}, {"message_id", "m-1"}, {"sum", "1"}, {"seq", "0"}, {"trace_id", "t-1"}});
  CHECK(f.payload == "{}");
  CHECK(f.header("absent").empty());
  CHECK(hex(encode_frame(f)) == data_frame_hex);
}

TEST_CASE("the ack echoes Seq/Log/service/method/headers, adds biz_rt and carries {\"code\":200}") {
  auto f = decode_frame(unhex(data_frame_hex)).value();
  auto ack = decode_frame(ack_frame(f, milliseconds(12))).value();
  CHECK(ack.seq_id == 7);
  CHECK(ack.log_id == 9);
  CHECK(ack.service == service_id);
  CHECK(ack.method == Frame::data);
  CHECK(ack.headers.size() == 6);
  CHECK(ack.header("message_id") == "m-1");
  CHECK(ack.header("trace_id") == "t-1");
  CHECK(ack.headers.back() == std::pair<std::string, std::string>{"biz_rt", "12"});
  CHECK(ack.payload == R"({"code":200})");
  CHECK(decode_frame(ack_frame(f, milliseconds(-5), 500)).value().payload == R"({"code":500})");
  CHECK(decode_frame(ack_frame(f, milliseconds(-5))).value().header("biz_rt") == "0");
}

TEST_CASE("bytes that are not a pbbp2.Frame are refused") {
  auto bytes = unhex(data_frame_hex);
  CHECK(decode_frame(bytes.substr(0, bytes.size() - 1)).error() == Error::malformed_frame);  // truncated
  CHECK(decode_frame(unhex("0807")).error() == Error::malformed_frame);  // required fields missing
  CHECK(decode_frame("\xff\xff\xff").error() == Error::malformed_frame);
  CHECK(decode_frame("").error() == Error::malformed_frame);
}

TEST_CASE("ClientConfig from the endpoint and from a pong; the SDK's defaults before") {
  ClientConfig defaults;
  CHECK(defaults.ping_interval == seconds(120));
  CHECK(defaults.reconnect_count == -1);
  auto c = parse_client_config(R"({"PingInterval":90,"ReconnectCount":3,"ReconnectInterval":60,"ReconnectNonce":10})")
               .value();
  CHECK(c.ping_interval == seconds(90));
  CHECK(c.reconnect_count == 3);
  CHECK(parse_client_config(R"({"PingInterval":30})", c).value().reconnect_interval == seconds(60));
  CHECK(parse_client_config(R"({"PingInterval":"30"})").error() == Error::missing_field);
  CHECK(parse_client_config("pong").error() == Error::malformed_json);
}

TEST_CASE("reconnect: a jittered first attempt within ReconnectNonce, then every ReconnectInterval, until the count") {
  ClientConfig c;
  c.reconnect_count = 2;
  c.reconnect_interval = seconds(60);
  c.reconnect_nonce = seconds(30);
  CHECK(reconnect_delay(c, 0, 0.5) == milliseconds(15000));
  CHECK(reconnect_delay(c, 0, 9.0) == milliseconds(30000));
  CHECK(reconnect_delay(c, 1, 0.5) == milliseconds(60000));
  CHECK_FALSE(reconnect_delay(c, 2, 0.5).has_value());
  CHECK(reconnect_delay(ClientConfig{}, 1000, 0).has_value());  // -1: for ever
}

TEST_CASE("the endpoint exchange: the URL, its device_id and service_id, its ClientConfig") {
  CHECK(endpoint_request("cli_a1", "s3cret") == R"({"AppID":"cli_a1","AppSecret":"s3cret"})");
  auto e = parse_endpoint_answer(200, R"({"code":0,"msg":"ok","data":{"URL":"wss://msg-frontier.feishu.cn/ws/v2?)"
                                      R"(fpid=493&aid=552564&device_id=7301&access_key=a&service_id=33554678&ticket=t",)"
                                      R"("ClientConfig":{"PingInterval":120,"ReconnectCount":-1,"ReconnectInterval":120,)"
                                      R"("ReconnectNonce":30}}})").value();
  CHECK(e.url.starts_with("wss://msg-frontier.feishu.cn/ws/v2?"));
  CHECK(e.device_id == "7301");
  CHECK(e.service_id == service_id);
  CHECK(e.config.reconnect_nonce == seconds(30));
}

TEST_CASE("endpoint codes: the SDK retries 1000040343 and transport errors, and stops on the rest") {
  auto refused = [](std::string_view body) { return parse_endpoint_answer(200, body).error(); };
  CHECK(refused(R"({"code":1000040343,"msg":"internal error"})").retry);
  CHECK(parse_endpoint_answer(502, "<html>").error().retry);
  CHECK(parse_endpoint_answer(500, R"({"code":514,"msg":"auth failed"})").error().retry);  // a transport error first
  auto limit = refused(R"({"code":1000040350,"msg":"number of connections exceeded"})");
  CHECK_FALSE(limit.retry);
  CHECK(limit.code == 1000040350);
  CHECK(limit.error.find("another gridbot") != std::string::npos);
  for (int code : {1, 403, 514}) CHECK_FALSE(refused(R"({"code":)" + std::to_string(code) + R"(,"msg":"x"})").retry);
  CHECK(refused(R"({"code":514,"msg":"auth failed"})").error.find("App Secret") != std::string::npos);
  CHECK(refused(R"({"code":0,"data":{"URL":"wss://x/ws?device_id=1"}})").retry);  // no service_id
}

}  // namespace
}  // namespace gridbot::feishu
