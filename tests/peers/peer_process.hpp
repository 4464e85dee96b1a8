// Running one of the platforms' official packages in tests/peers/ as the other side of a test:
// all requests go as one JSON array to one node process, which answers with one JSON array. No
// network: `./run test` installed the packages (npm ci) before the tests run.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

inline std::string peers_dir() { return std::string(GRIDBOT_SOURCE_DIR) + "/tests/peers"; }

// Why `package` (an npm name) cannot run here, or "" when it can.
inline std::string peer_missing(const std::string& package) {
  if (std::system("command -v node >/dev/null 2>&1") != 0)
    return "node is not installed: `./run test` installs it (Debian packages nodejs npm)";
  if (!std::ifstream(peers_dir() + "/node_modules/" + package + "/package.json"))
    return package + " is not installed in tests/peers: `./run test` runs `npm ci` there";
  return "";
}

// The answers of tests/peers/<script> to `requests`.
inline nlohmann::json ask_peer(const std::string& script, const nlohmann::json& requests) {
  TempDir dir;
  std::ofstream(dir.file("requests.json")) << requests.dump();
  std::string command = "node '" + peers_dir() + "/" + script + "' < '" + dir.file("requests.json") + "' > '" +
                        dir.file("answers.json") + "'";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "the official package's peer failed: " << command);
  std::stringstream answers;
  answers << std::ifstream(dir.file("answers.json")).rdbuf();
  return nlohmann::json::parse(answers.str());
}

}  // namespace gridbot::testing
