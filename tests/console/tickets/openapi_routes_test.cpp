// Every route the service answers under /api/v1 and /open311 is in docs/openapi.yaml, with its
// verb: the file the console and other tools are built from stays true.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "bot/service.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

// The `paths:` section's keys (two spaces in: "  /api/v1/x:") and the verbs under each (four in).
std::map<std::string, std::set<std::string>> documented_paths(const std::string& file) {
  std::ifstream in(file);
  REQUIRE(in);
  std::map<std::string, std::set<std::string>> out;
  std::string line, current;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ' && line[0] != '#') break;  // the next top-level key
    if (line.starts_with("  /") && line.ends_with(":")) {
      current = line.substr(2, line.size() - 3);
      out[current];
    } else if (!current.empty() && line.starts_with("    ") && line[4] != ' ' && line.ends_with(":")) {
      out[current].insert(line.substr(4, line.size() - 5));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every /api/v1 and /open311 route of the service is in docs/openapi.yaml with its verb") {
  testing::TempDir dir;
  Config config;
  config.data_dir = dir.path().string();
  Service service(config);
  const auto documented = documented_paths(std::string(GRIDBOT_SOURCE_DIR) + "/docs/openapi.yaml");
  REQUIRE(documented.contains("/api/v1/tickets"));
  int checked = 0;
  for (const auto& [verb, pattern] : service.router().patterns()) {
    if (!pattern.starts_with("/api/v1") && !pattern.starts_with("/open311")) continue;
    const std::string name(boost::beast::http::to_string(verb));
    std::string lower(name);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    INFO(name, " ", pattern);
    REQUIRE(documented.contains(pattern));
    CHECK(documented.at(pattern).contains(lower));
    ++checked;
  }
  // The tickets' five and Open311's four at least (the other parts add theirs).
  CHECK(checked >= 9);
}
