#include "bot/console/open311_xml.hpp"

#include <sstream>

#include <pugixml.hpp>

namespace gridbot::console {

std::string open311_xml(const nlohmann::json& list, const char* root, const char* item) {
  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  auto top = doc.append_child(root);
  for (const auto& entry : list) {
    auto node = top.append_child(item);
    if (!entry.is_object()) continue;
    for (const auto& [key, value] : entry.items()) {
      auto field = node.append_child(key.c_str());
      // pugixml escapes <, & and quotes in text; the keys are GeoReport's own names.
      if (value.is_string()) field.text() = value.get<std::string>().c_str();
      else if (!value.is_null()) field.text() = value.dump().c_str();
    }
  }
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

http::Response as_open311_xml(http::Response json_response, const char* root, const char* item) {
  const auto body = nlohmann::json::parse(json_response.body(), nullptr, false);
  const bool ok = json_response.result_int() < 400;
  const nlohmann::json list = body.is_array() ? body : nlohmann::json::array();
  json_response.body() = ok ? open311_xml(list, root, item) : open311_xml(list, "errors", "error");
  json_response.set(boost::beast::http::field::content_type, "text/xml; charset=utf-8");
  json_response.prepare_payload();
  return json_response;
}

}  // namespace gridbot::console
