#include "storage/open311_places.hpp"

#include <SQLiteCpp/Statement.h>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

void save_open311_place(SQLite::Database& db, const std::string& delivery, const Open311Place& place) {
  // OR IGNORE: the same request again (a retry) is the same place.
  SQLite::Statement s(db, "INSERT OR IGNORE INTO open311_places(delivery, lat, long, address_string) VALUES(?, ?, ?, ?)");
  bind_text(s, 1, delivery);
  if (place.lat && place.lon) {
    s.bind(2, *place.lat);
    s.bind(3, *place.lon);
  }
  bind_text(s, 4, place.address_string);
  s.exec();
}

std::map<std::int64_t, Open311Place> open311_places(SQLite::Database& db, const std::vector<std::int64_t>& tickets) {
  std::map<std::int64_t, Open311Place> out;
  SQLite::Statement s(db, "SELECT lat, long, address_string FROM open311_places WHERE ticket = ?");
  for (auto number : tickets) {
    s.reset();
    s.bind(1, number);
    if (!s.executeStep()) continue;
    Open311Place p;
    if (!s.getColumn(0).isNull() && !s.getColumn(1).isNull()) {
      p.lat = s.getColumn(0).getDouble();
      p.lon = s.getColumn(1).getDouble();
    }
    p.address_string = s.getColumn(2).getString();
    out.emplace(number, std::move(p));
  }
  return out;
}

}  // namespace gridbot::storage
