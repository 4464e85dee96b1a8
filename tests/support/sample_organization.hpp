// organization/sample.json for the end-to-end tests, which each adapt it (accounts per platform,
// a group moved onto a platform) and hand the service the file they wrote.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

// `source_dir` is the repository (GRIDBOT_SOURCE_DIR in the test targets).
inline nlohmann::json sample_organization(const std::string& source_dir) {
  const std::string path = source_dir + "/organization/sample.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// Writes `org` as DIR/organization.json and returns its path, for --organization.
inline std::string write_organization_file(const TempDir& dir, const nlohmann::json& org) {
  std::ofstream(dir.file("organization.json")) << org.dump(2);
  return dir.file("organization.json");
}

}  // namespace gridbot::testing
