// GeoReport v2's XML forms (services.xml, requests.xml GET/POST, requests/{id}.xml) answer what
// the JSON forms answer, errors included; and a request's lat/long are kept and shown back.
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include "tests/console/tickets/rig.hpp"

using namespace gridbot;
using namespace gridbot::testing;
using nlohmann::json;

namespace {

// 幸福里 3号楼, 下水道堵了 <漏水> & 冒水
const std::string form_with_point =
    "api_key=city-app-secret&service_code=drainage&address_string=%E5%B9%B8%E7%A6%8F%E9%87%8C+3%E5%8F%B7%E6%A5%BC"
    "&description=%E4%B8%8B%E6%B0%B4%E9%81%93%E5%A0%B5%E4%BA%86+%3C%E6%BC%8F%E6%B0%B4%3E+%26+%E5%86%92%E6%B0%B4"
    "&lat=31.2304&long=121.4737";
// 杨柳村 5号楼, 路灯不亮 (no point)
const std::string form_without_point =
    "api_key=city-app-secret&service_code=public_facility&address_string=%E6%9D%A8%E6%9F%B3%E6%9D%91+5%E5%8F%B7%E6%A5%BC"
    "&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE";

http::Response post(TicketsRig& rig, const std::string& path, const std::string& form) {
  return rig.send(http::Verb::post, path, form, "application/x-www-form-urlencoded");
}

// The XML answer, parsed; its root element must be `root`.
pugi::xml_node parsed(pugi::xml_document& doc, const http::Response& r, const char* root) {
  INFO(r.body());
  CHECK(std::string(r[boost::beast::http::field::content_type]) == "text/xml; charset=utf-8");
  REQUIRE(doc.load_string(r.body().c_str()));
  auto top = doc.document_element();
  REQUIRE(std::string(top.name()) == root);
  return top;
}

// Every element of the XML item says what the JSON object says (null: an empty element).
void same_fields(const pugi::xml_node& item, const json& object) {
  int elements = 0;
  for (auto child : item.children()) {
    ++elements;
    INFO("element ", child.name());
    REQUIRE(object.contains(child.name()));
    const json& v = object[child.name()];
    const std::string text = child.text().get();
    if (v.is_string()) CHECK(text == v.get<std::string>());
    else if (v.is_null()) CHECK(text.empty());
    else CHECK(text == v.dump());
  }
  CHECK(elements == static_cast<int>(object.size()));
}

void check_xml_error(const http::Response& r, http::Status status, std::string_view names) {
  pugi::xml_document doc;
  CHECK(r.result() == status);
  auto errors = parsed(doc, r, "errors");
  auto error = errors.child("error");
  REQUIRE(error);
  CHECK(error.child("code").text().as_int() == static_cast<int>(status));
  CHECK(std::string(error.child("description").text().get()).find(names) != std::string::npos);
}

}  // namespace

TEST_CASE("a request's lat/long are kept and shown back in requests/{id}.json and requests.json; none is null") {
  TicketsRig rig(open311_test_keys());
  REQUIRE(post(rig, "/open311/v2/requests.json", form_with_point).result() == http::Status::created);
  REQUIRE(post(rig, "/open311/v2/requests.json", form_without_point).result() == http::Status::created);
  auto one = rig.get_json("/open311/v2/requests/1001.json");
  CHECK(one[0]["lat"] == 31.2304);
  CHECK(one[0]["long"] == 121.4737);
  CHECK(rig.get_json("/open311/v2/requests/1002.json")[0]["lat"].is_null());
  auto list = rig.get_json("/open311/v2/requests.json");
  REQUIRE(list.size() == 2);
  CHECK(list[0]["service_request_id"] == "1002");
  CHECK(list[0]["long"].is_null());
  CHECK(list[1]["lat"] == 31.2304);
  // Kept with the address as given; a retried POST keeps the one row.
  REQUIRE(post(rig, "/open311/v2/requests.json", form_with_point).result() == http::Status::created);
  CHECK(rig.reader_db.execAndGet("SELECT COUNT(*) FROM open311_places").getInt() == 2);
  CHECK(rig.reader_db.execAndGet("SELECT address_string FROM open311_places WHERE ticket = 1001").getString() == "幸福里 3号楼");
  // A resident's chat report has no place: null there too.
  rig.save(ticket_in(1003, "xfl-1", "xingfuli", std::chrono::hours(1)));
  CHECK(rig.get_json("/open311/v2/requests/1003.json")[0]["lat"].is_null());
}

TEST_CASE("the .xml forms answer what the .json forms answer, as GeoReport's XML") {
  TicketsRig rig(open311_test_keys());
  {
    pugi::xml_document doc;
    auto services = parsed(doc, rig.get("/open311/v2/services.xml"), "services");
    const auto as_json = rig.get_json("/open311/v2/services.json");
    std::size_t i = 0;
    for (auto s : services.children("service")) {
      REQUIRE(i < as_json.size());
      same_fields(s, as_json[i++]);
    }
    CHECK(i == 18);
  }

  // POST requests.xml files as requests.json does and answers in XML.
  auto filed = post(rig, "/open311/v2/requests.xml", form_with_point);
  REQUIRE(filed.result() == http::Status::created);
  {
    pugi::xml_document doc;
    auto request = parsed(doc, filed, "service_requests").child("request");
    CHECK(std::string(request.child("service_request_id").text().get()) == "1001");
    CHECK(std::string(request.child("service_notice").text().get()) == "已受理，工单号 #1001。");
    CHECK(request.child("account_id"));
  }
  REQUIRE(post(rig, "/open311/v2/requests.json", form_without_point).result() == http::Status::created);

  for (const std::string query : {"", "?status=open", "?service_request_id=1001,1002"}) {
    pugi::xml_document doc;
    auto requests = parsed(doc, rig.get("/open311/v2/requests.xml" + query), "service_requests");
    const auto as_json = rig.get_json("/open311/v2/requests.json" + query);
    std::size_t i = 0;
    for (auto r : requests.children("request")) {
      REQUIRE(i < as_json.size());
      same_fields(r, as_json[i++]);
    }
    CHECK(i == as_json.size());
    CHECK(i == 2);
  }
  {
    pugi::xml_document doc;
    auto request = parsed(doc, rig.get("/open311/v2/requests/1001.xml"), "service_requests").child("request");
    same_fields(request, rig.get_json("/open311/v2/requests/1001.json")[0]);
    // The resident's words, markup characters and all, come back as text (masked as in JSON).
    CHECK(std::string(request.child("description").text().get()).find("<漏水> & 冒水") != std::string::npos);
    CHECK(request.child("lat").text().as_double() == doctest::Approx(31.2304));
  }
}

TEST_CASE("errors on the .xml routes are GeoReport's XML errors, with the JSON forms' codes and reasons") {
  TicketsRig rig(open311_test_keys());
  check_xml_error(rig.get("/open311/v2/requests/4242.xml"), http::Status::not_found, "no service request '4242'");
  check_xml_error(rig.get("/open311/v2/requests.xml?service_code=nonsense"), http::Status::bad_request, "service_code");
  check_xml_error(rig.get("/open311/v2/requests.xml?start_date=yesterday"), http::Status::bad_request, "start_date");
  check_xml_error(post(rig, "/open311/v2/requests.xml", "service_code=drainage&description=x"), http::Status::forbidden,
                  "api_key");
  check_xml_error(post(rig, "/open311/v2/requests.xml", form_with_point + "&lat=91"), http::Status::bad_request, "lat, long");
}
