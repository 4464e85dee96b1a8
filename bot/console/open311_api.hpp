// Open311 GeoReport v2, JSON and XML forms (bot/console/open311_xml): the categories
// as services, public service requests with masked text and no reporter, and filing a request
// through the same intake as a resident's message (handlers/open311_intake), keeping the lat/long
// and address_string it gave (storage/open311_places). Errors are GeoReport's own
// [{code, description}], in XML for the .xml routes.
//
// API keys: the organization file's `open311_keys`, [{"name": "city-app", "key_sha256": "<hex>"}],
// only the SHA-256 of each key kept (as for `admins`), compared in constant time.
//
// Idempotency: a request's delivery id is the SHA-256 of the key's name and every field it
// files (service_code, description, address_string, lat, long). A POST repeated with the same
// fields, as a tool retrying after a timeout does, answers the service_request_id the first one
// got and files nothing new, for as long as the inbox remembers deliveries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/clock.hpp"
#include "bot/console/read_route.hpp"
#include "bot/http/router.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/pipeline.hpp"
#include "bot/readers.hpp"
#include "handlers/organization.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

struct Open311Key {
  std::string name, key_sha256;
};

// `open311_keys` from the organization file's text; throws ConfigError naming `source` and the key.
std::vector<Open311Key> read_open311_keys(std::string_view organization_json, const std::string& source);

// ISO 8601 as GeoReport writes it ("2026-12-01T08:30:00Z") and reads it (a zone, Z or ±hh:mm, required).
std::string iso8601(Time t);
std::optional<Time> parse_iso8601(std::string_view text);

struct Open311Api {
  Pipeline& pipeline;
  // The HTTP thread's read-only connection: only a filed request's ticket number, by its key.
  storage::Store& reader;
  Readers& readers;  // the GET lists and single requests run there
  const OrganizationSnapshots& orgs;  // each request reads the snapshot current when it starts
  const templates::Catalog& text;
  const Clock& clock;
  std::vector<Open311Key> keys;

  static constexpr int max_requests = 1000;  // GET requests.json answers at most this many, newest first

  void add_routes(http::Router& router);

 private:
  http::Response services() const;
  http::Response requests(const ReadRequest& q) const;  // on a reader thread
  http::Response request(const ReadRequest& q) const;
  boost::asio::awaitable<http::Response> file(const http::Request& request);
  const Open311Key* key_for(std::string_view api_key) const;
};

}  // namespace gridbot::console
