// Conformance with GeoReport v2 (wiki.open311.org/GeoReport_v2): its resource paths, its field
// names, its error shape [{code, description}], form-encoded POSTs.
#include <doctest/doctest.h>

#include "bot/config.hpp"
#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using nlohmann::json;
using std::chrono::hours;

namespace {

http::Response post_form(TicketsRig& rig, const std::string& form) {
  return rig.send(http::Verb::post, "/open311/v2/requests.json", form, "application/x-www-form-urlencoded");
}

// 幸福里 3号楼, 下水道堵了, 电话13812345678
const std::string good_form =
    "api_key=city-app-secret&service_code=drainage&address_string=%E5%B9%B8%E7%A6%8F%E9%87%8C+3%E5%8F%B7%E6%A5%BC"
    "&description=%E4%B8%8B%E6%B0%B4%E9%81%93%E5%A0%B5%E4%BA%86%EF%BC%8C%E7%94%B5%E8%AF%9D13812345678"
    "&first_name=%E5%BC%A0&last_name=%E4%BC%9F&phone=13812345678";

void check_error(const http::Response& r, http::Status status, std::string_view names) {
  INFO(r.body());
  CHECK(r.result() == status);
  auto body = json::parse(r.body());
  REQUIRE(body.is_array());
  REQUIRE(body.size() == 1);
  CHECK(body[0]["code"] == static_cast<int>(status));
  CHECK(body[0]["description"].get<std::string>().find(names) != std::string::npos);
}

}  // namespace

TEST_CASE("services.json lists one realtime service per category, named in Chinese") {
  TicketsRig rig;
  auto services = rig.get_json("/open311/v2/services.json");
  REQUIRE(services.is_array());
  CHECK(services.size() == 18);
  const json* drainage = nullptr;
  for (const auto& s : services) {
    for (const char* field : {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"})
      CHECK(s.contains(field));
    CHECK(s["type"] == "realtime");
    CHECK(s["metadata"] == false);
    if (s["service_code"] == "drainage") drainage = &s;
  }
  REQUIRE(drainage);
  CHECK((*drainage)["service_name"] == "排水堵塞");
}

TEST_CASE("POST files a ticket through intake in the grid the address names, and a retry files nothing new") {
  TicketsRig rig(open311_test_keys());
  auto r = post_form(rig, good_form);
  INFO(r.body());
  REQUIRE(r.result() == http::Status::created);
  auto answer = json::parse(r.body());
  REQUIRE(answer.is_array());
  const std::string id = answer[0]["service_request_id"];
  CHECK(id == "1001");
  CHECK(answer[0]["service_notice"] == "已受理，工单号 #1001。");
  // The same intake as a resident's report: routed to the grid's manager, who is told, with deadlines.
  auto d = rig.get_json("/api/v1/tickets/1001");
  CHECK(d["grid"] == "xfl-1");
  CHECK(d["building"] == "3");
  CHECK(d["category"] == "drainage");
  CHECK(d["owner"] == "wangfang");
  CHECK(d["source_platform"] == "open311");
  CHECK(rig.messages_to("wangfang").size() == 1);
  // A tool retrying the same POST gets the same id back.
  auto again = post_form(rig, good_form);
  REQUIRE(again.result() == http::Status::created);
  CHECK(json::parse(again.body())[0]["service_request_id"] == "1001");
  CHECK(rig.get_json("/api/v1/tickets")["total"] == 1);
  CHECK(rig.messages_to("wangfang").size() == 1);
  // A JSON body is read as well.
  auto other = rig.send(http::Verb::post, "/open311/v2/requests.json",
                        json{{"api_key", open311_test_key}, {"service_code", "public_facility"},
                             {"address_string", "杨柳村 5号楼"}, {"description", "路灯不亮"}}.dump());
  REQUIRE(other.result() == http::Status::created);
  CHECK(rig.get_json("/api/v1/tickets/1002")["grid"] == "yl-2");
}

TEST_CASE("POST needs a known api_key (403), a service_code, a description and a place it can find (400)") {
  TicketsRig rig(open311_test_keys());
  check_error(post_form(rig, "service_code=drainage&description=x&address_string=x"), http::Status::forbidden, "api_key");
  check_error(post_form(rig, "api_key=guess&service_code=drainage&description=x"), http::Status::forbidden, "api_key");
  const std::string key = "api_key=city-app-secret";
  check_error(post_form(rig, key + "&description=x&address_string=x"), http::Status::bad_request, "service_code");
  check_error(post_form(rig, key + "&service_code=potholes&description=x"), http::Status::bad_request, "service_code");
  check_error(post_form(rig, key + "&service_code=drainage&address_string=x"), http::Status::bad_request, "description");
  check_error(post_form(rig, key + "&service_code=drainage&description=x"), http::Status::bad_request, "address_string");
  check_error(post_form(rig, key + "&service_code=drainage&description=x&lat=39.9&long=116.4"), http::Status::bad_request,
              "lat/long alone");
  check_error(post_form(rig, key + "&service_code=drainage&description=x&lat=north&long=116.4&address_string=a"),
              http::Status::bad_request, "lat, long");
  check_error(post_form(rig, key + "&service_code=drainage&description=x&address_string=%E5%8C%97%E4%BA%AC"),
              http::Status::bad_request, "address_string");
  CHECK(rig.get_json("/api/v1/tickets")["total"] == 0);
}

TEST_CASE("requests.json shows public fields only, filtered by id, service, dates and status") {
  TicketsRig rig;
  Ticket a = ticket_in(1001, "xfl-1", "xingfuli", hours(50), "3号楼下水道堵了，电话13812345678");
  a.reporter_name = "张伟";
  Ticket b = ticket_in(1002, "xfl-2", "xingfuli", hours(2), "6号楼电梯困人");
  b.category = "elevator";
  b.state = TicketState::closed;
  Ticket secret = ticket_in(1003, "xfl-1", "xingfuli", hours(1), "邻居家暴");
  secret.category = "dispute";
  secret.sensitive = true;
  for (const auto& t : {a, b, secret}) rig.save(t);

  auto all = rig.get_json("/open311/v2/requests.json");
  REQUIRE(all.size() == 2);  // the sensitive matter is never public
  const json& r = all[1];
  for (const char* field : {"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                            "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                            "expected_datetime", "address", "address_id", "zipcode", "media_url"})
    CHECK(r.contains(field));
  CHECK(r["service_request_id"] == "1001");
  CHECK(r["status"] == "open");
  CHECK(r["requested_datetime"] == "2026-11-16T00:00:00Z");  // 08:00 Beijing
  CHECK(r["address"] == "幸福里社区 3");
  CHECK(r["description"].get<std::string>().find("13812345678") == std::string::npos);
  CHECK(all.dump().find("张伟") == std::string::npos);
  CHECK_FALSE(r.contains("phone"));

  auto ids = [](const json& list) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x["service_request_id"]);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(ids(rig.get_json("/open311/v2/requests.json?service_request_id=1002,1001")) == V{"1002", "1001"});
  CHECK(ids(rig.get_json("/open311/v2/requests.json?service_request_id=1003")).empty());
  CHECK(ids(rig.get_json("/open311/v2/requests.json?service_code=elevator")) == V{"1002"});
  CHECK(ids(rig.get_json("/open311/v2/requests.json?status=closed")) == V{"1002"});
  CHECK(ids(rig.get_json("/open311/v2/requests.json?status=open")) == V{"1001"});
  CHECK(ids(rig.get_json("/open311/v2/requests.json?start_date=2026-11-18T00:00:00%2B08:00")) == V{"1002"});
  CHECK(ids(rig.get_json("/open311/v2/requests.json?end_date=2026-11-17T00:00:00Z")) == V{"1001"});
  check_error(rig.get("/open311/v2/requests.json?start_date=yesterday"), http::Status::bad_request, "start_date");
  check_error(rig.get("/open311/v2/requests.json?status=pending"), http::Status::bad_request, "status");
  check_error(rig.get("/open311/v2/requests.json?service_code=potholes"), http::Status::bad_request, "service_code");
}

TEST_CASE("requests/{id}.json answers one request in a list, 404 in GeoReport's shape otherwise") {
  TicketsRig rig;
  Ticket secret = ticket_in(1002, "xfl-1", "xingfuli", hours(1), "邻居家暴");
  secret.sensitive = true;
  rig.save(ticket_in(1001, "xfl-1", "xingfuli", hours(1)));
  rig.save(secret);
  auto one = rig.get_json("/open311/v2/requests/1001.json");
  REQUIRE(one.is_array());
  REQUIRE(one.size() == 1);
  CHECK(one[0]["service_request_id"] == "1001");
  check_error(rig.get("/open311/v2/requests/4242.json"), http::Status::not_found, "4242");
  check_error(rig.get("/open311/v2/requests/1002.json"), http::Status::not_found, "1002");
  check_error(rig.get("/open311/v2/requests/abc.json"), http::Status::not_found, "abc");
}

TEST_CASE("ISO 8601 times are read with their zone and written in UTC") {
  using console::parse_iso8601;
  CHECK(parse_iso8601("2026-11-18T02:00:00Z") == Time(Seconds(1'794'967'200)));
  CHECK(parse_iso8601("2026-11-18T10:00:00+08:00") == Time(Seconds(1'794'967'200)));
  CHECK(parse_iso8601("2026-11-17T21:00:00.250-05:00") == Time(Seconds(1'794'967'200)));
  CHECK_FALSE(parse_iso8601("2026-11-18T10:00:00"));  // GeoReport requires the zone
  CHECK_FALSE(parse_iso8601("2026-02-30T10:00:00Z"));
  CHECK_FALSE(parse_iso8601("2026-11-18"));
  CHECK(console::iso8601(Time(Seconds(1'794'967'200))) == "2026-11-18T02:00:00Z");
}

TEST_CASE("open311_keys are read from the organization file, only hashes, with errors naming the key") {
  auto keys = console::read_open311_keys(
      R"({"open311_keys": [{"name": "city-app", "key_sha256": "1bea62eb027d91031bca3b777a5c05cb3bb4d43ab3ddb1b779d07f8ca79634ec"}]})",
      "org.json");
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].name == "city-app");
  CHECK(console::read_open311_keys("{}", "org.json").empty());
  CHECK_THROWS_WITH_AS(console::read_open311_keys(R"({"open311_keys": [{"name": "x", "key_sha256": "secret"}]})", "org.json"),
                       "org.json: open311_keys[0].key_sha256: must be the SHA-256 of the key, 64 lower-case hex digits",
                       ConfigError);
  CHECK_THROWS_AS(console::read_open311_keys(R"({"open311_keys": {}})", "org.json"), ConfigError);
}
