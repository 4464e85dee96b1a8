// Open311 GeoReport v2 requests filed by civic tools (POST /open311/v2/requests.json) take the
// same intake as a resident's message: the API submits an Inbound on platform "open311" whose
// text is the address line, a newline, and the description; this files it in the grid the address
// names, under the category the tool chose (its service_code).
#pragma once

#include <string>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

inline constexpr std::string_view open311_platform = "open311";

// The Inbound text for a request: "<address>\n<category>\n<description>" (newlines in the address
// become spaces, the category is a service_code).
std::string open311_text(std::string_view address, std::string_view category, std::string_view description);

// The grid an address names: a community's name (without 社区/村) and a building of one of its
// grids, else the community's only grid. Empty when it names no place the organization knows.
std::string open311_grid(std::string_view address, const Organization& org);

// Files the request (or adds it to the same open problem, as a "+1"). Nothing is sent back on
// "open311": the tool reads the ticket through requests/{id}.json.
Actions file_open311_request(const MessageReceived& event, const Context& ctx);

}  // namespace gridbot
