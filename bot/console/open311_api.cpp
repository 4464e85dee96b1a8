#include "bot/console/open311_api.hpp"

#include "bot/notices_api.hpp"

#include <charconv>
#include <memory>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "bot/config.hpp"
#include "bot/log.hpp"
#include "handlers/messages.hpp"
#include "handlers/open311_intake.hpp"
#include "handlers/understand/categories.hpp"
#include "handlers/understand/sensitive_numbers.hpp"
#include "bot/console/open311_xml.hpp"
#include "storage/console_queries.hpp"
#include "storage/open311_places.hpp"

namespace gridbot::console {

namespace asio = boost::asio;
using http::Status;
using nlohmann::json;

namespace {

constexpr std::size_t max_description_bytes = 4000;
constexpr std::size_t max_field_bytes = 500;

// GeoReport's error answer: a list of {code, description}, the HTTP status repeated as the code.
http::Response open311_error(Status status, std::string description) {
  return http::json_response(status, json::array({{{"code", static_cast<int>(status)}, {"description", std::move(description)}}}));
}

// application/x-www-form-urlencoded, as GeoReport posts; a JSON object is read too.
std::map<std::string, std::string, std::less<>> form_fields(const http::Request& request) {
  std::map<std::string, std::string, std::less<>> out;
  std::string_view body = request.body();
  if (body.starts_with("{")) {
    auto doc = json::parse(body, nullptr, false);
    if (doc.is_object())
      for (auto& [k, v] : doc.items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
    return out;
  }
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty())
      out[http::percent_decode(pair.substr(0, eq), true)] =
          eq == std::string_view::npos ? "" : http::percent_decode(pair.substr(eq + 1), true);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
  }
  return out;
}

bool is_category(std::string_view code) { return understand::category_index(code).has_value(); }

std::optional<double> coordinate(const std::string& text, double limit) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < -limit || v > limit) return std::nullopt;
  return v;
}

}  // namespace

std::vector<Open311Key> read_open311_keys(std::string_view organization_json, const std::string& source) {
  std::vector<Open311Key> out;
  auto doc = json::parse(organization_json, nullptr, false);
  if (!doc.is_object() || !doc.contains("open311_keys")) return out;
  const json& keys = doc["open311_keys"];
  if (!keys.is_array()) throw ConfigError(source + ": open311_keys: must be an array of {name, key_sha256}");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string at = source + ": open311_keys[" + std::to_string(i) + "]";
    const json& k = keys[i];
    if (!k.is_object() || !k.contains("name") || !k["name"].is_string() || k["name"].get<std::string>().empty())
      throw ConfigError(at + ".name: must be a non-empty string");
    if (!k.contains("key_sha256") || !k["key_sha256"].is_string())
      throw ConfigError(at + ".key_sha256: must be the SHA-256 of the key, 64 lower-case hex digits");
    const std::string hash = k["key_sha256"].get<std::string>();
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
      throw ConfigError(at + ".key_sha256: must be the SHA-256 of the key, 64 lower-case hex digits");
    out.push_back({k["name"].get<std::string>(), hash});
  }
  return out;
}

std::string iso8601(Time t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::optional<Time> parse_iso8601(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS, optional .fraction, then Z or ±HH:MM.
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  auto number = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + n, v);
    if (ec != std::errc() || end != s.data() + at + n) return std::nullopt;
    return v;
  };
  auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2), sec = number(17, 2);
  if (!y || !mo || !d || !h || !mi || !sec || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*mo)),
                                         std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
  }
  std::chrono::seconds offset{0};
  const std::string_view zone = s.substr(at);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    auto oh = number(at + 1, 2), om = number(at + 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    offset = std::chrono::hours(*oh) + std::chrono::minutes(*om);
    if (zone[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  const auto local = std::chrono::sys_days(date) + std::chrono::hours(*h) + std::chrono::minutes(*mi) + std::chrono::seconds(*sec);
  return Time(std::chrono::duration_cast<Seconds>((local - offset).time_since_epoch()));
}

void Open311Api::add_routes(http::Router& router) {
  auto api = std::make_shared<Open311Api>(*this);
  router.add(http::Verb::get, "/open311/v2/services.json", [api](const http::Request&, const http::Params&) { return api->services(); });
  // The lists and single requests are read on the reader pool; a full queue answers in
  // GeoReport's error shape.
  const ReadRouteDeps deps{readers, orgs, clock, text};
  const BusyAnswer busy = [](Status status, std::string reason) { return open311_error(status, std::move(reason)); };
  router.add_async(http::Verb::get, "/open311/v2/requests.json",
                   public_read_route(deps, [api](const ReadRequest& q) { return api->requests(q); }, busy));
  router.add_async(http::Verb::post, "/open311/v2/requests.json",
                   [api](const http::Request& r, const http::Params&) { return api->file(r); });
  router.add_async(http::Verb::get, "/open311/v2/requests/{id}.json",
                   public_read_route(deps, [api](const ReadRequest& q) { return api->request(q); }, busy));
  // The XML forms: the same answers (errors too, a full read queue's 503 among them), written as
  // GeoReport's XML.
  router.add(http::Verb::get, "/open311/v2/services.xml", [api](const http::Request&, const http::Params&) {
    return as_open311_xml(api->services(), "services", "service");
  });
  const BusyAnswer busy_xml = [](Status status, std::string reason) {
    return as_open311_xml(open311_error(status, std::move(reason)), "service_requests", "request");
  };
  router.add_async(http::Verb::get, "/open311/v2/requests.xml",
                   public_read_route(deps, [api](const ReadRequest& q) {
                     return as_open311_xml(api->requests(q), "service_requests", "request");
                   }, busy_xml));
  router.add_async(http::Verb::post, "/open311/v2/requests.xml",
                   [api](const http::Request& r, const http::Params&) -> asio::awaitable<http::Response> {
                     // Named first: g++ 12 destroys a temporary made inside co_await twice (ARCHITECTURE).
                     http::Response answer = co_await api->file(r);
                     co_return as_open311_xml(std::move(answer), "service_requests", "request");
                   });
  router.add_async(http::Verb::get, "/open311/v2/requests/{id}.xml",
                   public_read_route(deps, [api](const ReadRequest& q) {
                     return as_open311_xml(api->request(q), "service_requests", "request");
                   }, busy_xml));
}

http::Response Open311Api::services() const {
  const auto snapshot = orgs.current();  // this request reads one organization throughout
  const Organization& org = *snapshot;
  json out = json::array();
  for (std::string_view code : understand::category_ids) {
    const std::string name = category_name(code, text);
    out.push_back({{"service_code", code},
                   {"service_name", name},
                   {"description", name},
                   {"metadata", false},
                   {"type", "realtime"},
                   {"keywords", ""},
                   {"group", org.name}});
  }
  return http::json_response(Status::ok, out);
}

namespace {

// The public face of a ticket: masked words, the place without the room, no reporter; the
// lat/long a requester gave (null when none).
json request_json(const Ticket& t, const Organization& org, const templates::Catalog& text, const storage::Open311Place* place) {
  const Community* c = org.community(t.community);
  const Grid* g = org.grid(t.grid);
  std::string address = c ? c->name : t.community;
  if (t.building) address += " " + *t.building;
  return {{"service_request_id", std::to_string(t.number)},
          {"status", t.open() ? "open" : "closed"},
          {"status_notes", t.open() ? std::string() : understand::mask_sensitive(t.resolution, {})},
          {"service_name", category_name(t.category, text)},
          {"service_code", t.category},
          {"description", understand::mask_sensitive(t.text, {})},
          {"agency_responsible", g ? g->name : t.grid},
          {"service_notice", ""},
          {"requested_datetime", iso8601(t.created_at)},
          {"updated_datetime", iso8601(t.updated_at)},
          {"expected_datetime", iso8601(t.resolve_due_at)},
          {"address", address},
          {"address_id", ""},
          {"zipcode", ""},
          {"lat", place && place->lat ? json(*place->lat) : json(nullptr)},
          {"long", place && place->lon ? json(*place->lon) : json(nullptr)},
          {"media_url", ""}};
}

const storage::Open311Place* place_of(const std::map<std::int64_t, storage::Open311Place>& places, std::int64_t number) {
  auto it = places.find(number);
  return it == places.end() ? nullptr : &it->second;
}

std::vector<std::string> comma_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    if (auto item = s.substr(0, comma); !item.empty()) out.emplace_back(item);
    s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
  }
  return out;
}

}  // namespace

http::Response Open311Api::requests(const ReadRequest& q) const {
  const auto& params = q.params;
  storage::TicketFilter f;
  f.public_only = true;
  f.limit = max_requests;
  if (auto it = params.query.find("service_request_id"); it != params.query.end()) {
    // GeoReport: with ids, the other parameters are ignored.
    for (const auto& id : comma_list(it->second)) {
      if (id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos)
        return open311_error(Status::bad_request, "service_request_id: '" + id + "' is not a request id");
      f.numbers.push_back(std::stoll(id));
    }
    if (f.numbers.empty() || f.numbers.size() > 100)
      return open311_error(Status::bad_request, "service_request_id: give 1 to 100 ids, separated by commas");
  } else {
    if (auto it = params.query.find("service_code"); it != params.query.end()) {
      if (!is_category(it->second)) return open311_error(Status::bad_request, "service_code: unknown service '" + it->second + "'");
      f.category = it->second;
    }
    for (const char* key : {"start_date", "end_date"})
      if (auto it = params.query.find(key); it != params.query.end()) {
        auto t = parse_iso8601(it->second);
        if (!t) return open311_error(Status::bad_request, std::string(key) + ": must be ISO 8601 with a zone, e.g. 2026-12-01T08:00:00Z");
        (std::string_view(key) == "start_date" ? f.created_from : f.created_before) = *t;
      }
    // GeoReport's default window: the last 90 days when no date is given.
    if (!f.created_from && !f.created_before) f.created_from = q.now - std::chrono::days(90);
    if (auto it = params.query.find("status"); it != params.query.end()) {
      bool open = false, closed = false;
      for (const auto& s : comma_list(it->second)) {
        if (s == "open") open = true;
        else if (s == "closed") closed = true;
        else return open311_error(Status::bad_request, "status: must be open or closed");
      }
      f.open_only = open && !closed;
      f.closed_only = closed && !open;
    }
  }
  auto page = storage::board(q.store.db(), f, storage::TicketScope{.all = true}, q.now);
  std::vector<std::int64_t> numbers;
  for (const auto& t : page.tickets) numbers.push_back(t.number);
  const auto places = storage::open311_places(q.store.db(), numbers);
  json out = json::array();
  for (const auto& t : page.tickets) out.push_back(request_json(t, q.org, text, place_of(places, t.number)));
  return http::json_response(Status::ok, out);
}

http::Response Open311Api::request(const ReadRequest& q) const {
  const std::string& id = q.params.path.at("id");
  if (id.empty() || id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos)
    return open311_error(Status::not_found, "no service request '" + id + "'");
  auto t = q.store.tickets.find(std::stoll(id));
  // A sensitive matter is not public: it answers as if absent.
  if (!t || t->sensitive) return open311_error(Status::not_found, "no service request '" + id + "'");
  const auto places = storage::open311_places(q.store.db(), {t->number});
  return http::json_response(Status::ok, json::array({request_json(*t, q.org, text, place_of(places, t->number))}));
}

const Open311Key* Open311Api::key_for(std::string_view api_key) const {
  const std::string hash = sha256_hex(api_key);
  const Open311Key* found = nullptr;
  for (const auto& k : keys)  // every hash compared, each in constant time
    if (k.key_sha256.size() == hash.size() && CRYPTO_memcmp(k.key_sha256.data(), hash.data(), hash.size()) == 0) found = &k;
  return found;
}

asio::awaitable<http::Response> Open311Api::file(const http::Request& request) {
  const auto snapshot = orgs.current();  // this request reads one organization throughout
  const Organization& org = *snapshot;
  auto fields = form_fields(request);
  auto field = [&](std::string_view name) -> std::string {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  const std::string api_key = field("api_key");
  if (api_key.empty()) co_return open311_error(Status::forbidden, "api_key: required");
  const Open311Key* key = key_for(api_key);
  if (!key) co_return open311_error(Status::forbidden, "api_key: not a known key");
  for (const auto& [name, value] : fields)
    if (value.size() > (name == "description" ? max_description_bytes : max_field_bytes))
      co_return open311_error(Status::bad_request, name + ": too long");
  const std::string code = field("service_code"), description = field("description"), address = field("address_string");
  if (code.empty()) co_return open311_error(Status::bad_request, "service_code: required");
  if (!is_category(code)) co_return open311_error(Status::bad_request, "service_code: unknown service '" + code + "'");
  if (description.empty()) co_return open311_error(Status::bad_request, "description: required");
  const std::string lat = field("lat"), lon = field("long");
  storage::Open311Place place{.address_string = address};
  if (!lat.empty() || !lon.empty()) {
    place.lat = coordinate(lat, 90);
    place.lon = coordinate(lon, 180);
    if (!place.lat || !place.lon) co_return open311_error(Status::bad_request, "lat, long: must both be decimal degrees");
  }
  if (address.empty()) {
    // The organization knows buildings, not coordinates: a point alone cannot be placed in a grid.
    co_return open311_error(Status::bad_request, lat.empty() ? "address_string (or lat and long): required"
                                                             : "address_string: required; lat/long alone cannot be placed in a grid");
  }
  if (open311_grid(address, org).empty())
    co_return open311_error(Status::bad_request, "address_string: names no community and building of " + org.name);

  const std::string delivery =
      sha256_hex(key->name + '\x1f' + code + '\x1f' + description + '\x1f' + address + '\x1f' + lat + '\x1f' + lon);
  Inbound message;
  message.platform = std::string(open311_platform);
  message.message_id = delivery;
  // One reporter per request: requests from one tool are neighbours' reports, not one person
  // chasing their own.
  message.sender = "open311:" + key->name + ":" + delivery.substr(0, 12);
  message.text = open311_text(address, code, description);
  // Where it said it was, kept in the transaction that files it (a retry's is the same).
  co_await pipeline.submit(std::move(message), delivery, [&](storage::Store& store, Inbound&) {
    storage::save_open311_place(store.db(), delivery, place);
    return std::string();
  });
  auto number = reader.tickets.ticket_of_message(open311_platform, delivery);
  if (!number) co_return open311_error(Status::bad_request, "address_string: names no community and building of " + org.name);
  log::info("open311", "request from '{}' is ticket {}", key->name, *number);
  co_return http::json_response(
      Status::created,
      json::array({{{"service_request_id", std::to_string(*number)},
                    {"service_notice", text.render("console.tickets.open311_notice", {{"number", *number}})},
                    {"account_id", nullptr}}}));
}

}  // namespace gridbot::console
