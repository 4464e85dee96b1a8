// Where an Open311 request said it was: the lat/long and address_string given on POST
// requests.json, kept for the ticket it filed and shown back in GeoReport's answers. Written by
// the pipeline's Record hook, in the transaction that files the ticket, keyed by the request's
// delivery id; a trigger on message_links (migration 11) fills in the ticket once intake links it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace gridbot::storage {

struct Open311Place {
  std::optional<double> lat, lon;  // both or neither
  std::string address_string;
};

void save_open311_place(SQLite::Database& db, const std::string& delivery, const Open311Place& place);
// The places of those tickets that were filed through Open311.
std::map<std::int64_t, Open311Place> open311_places(SQLite::Database& db, const std::vector<std::int64_t>& tickets);

}  // namespace gridbot::storage
