// Reads an organization file. Every mistake stops start-up with the file, the field and why:
//   org.json: members[3].grid: unknown grid 'xfl-9'
#pragma once

#include <string>
#include <string_view>

#include "handlers/organization.hpp"

namespace gridbot {

// An organization file's text, where it came from, and the folder its relative paths start at.
struct OrganizationFile {
  std::string text, source, base_dir;
};
OrganizationFile read_organization_file(const std::string& path);
// The sample organization compiled into the binary (organization/sample.json).
OrganizationFile sample_organization_file();

Organization parse_organization(std::string_view json_text, const std::string& source);
Organization load_organization_file(const std::string& path);
Organization sample_organization();

}  // namespace gridbot
