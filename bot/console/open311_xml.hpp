// GeoReport v2's XML forms (services.xml, requests.xml, requests/{id}.xml): the same answers as
// the JSON forms, written as XML with pugixml — one answer, two spellings, so they cannot drift.
// A list of objects becomes <root><item><key>value</key>…</item>…</root>; errors are
// <errors><error><code/><description/></error></errors>, as GeoReport's examples give them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/http/router.hpp"

namespace gridbot::console {

// `list` is a JSON array of flat objects; null is an empty element, true/false and numbers as text.
std::string open311_xml(const nlohmann::json& list, const char* root, const char* item);

// A JSON form's response as its XML form, same status: a 2xx body under root/item, an error's
// [{code, description}] under errors/error.
http::Response as_open311_xml(http::Response json_response, const char* root, const char* item);

}  // namespace gridbot::console
