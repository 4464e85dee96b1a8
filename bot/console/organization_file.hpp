// Where the organization file lives, and how the console rewrites it. The file is the source of
// truth: an edit replaces it atomically, so a crash leaves the old file or the new one, never half.
#pragma once

#include <string>
#include <string_view>

#include "bot/organization_loader.hpp"

namespace gridbot::console {

struct OrganizationSource {
  OrganizationFile file;   // what start-up loaded
  std::string edits_path;  // where the console's edits are written
};

// `organization` (the config's --organization) when given; otherwise <data_dir>/organization.json
// when an earlier run's console edits left one there; otherwise the built-in sample, whose edits
// go to <data_dir>/organization.json. Logs which file it loaded.
OrganizationSource organization_source(const std::string& organization, const std::string& data_dir);

// Writes `text` to a temporary file in `path`'s directory, fsyncs it, renames it over `path` and
// fsyncs the directory, so the rename itself survives a power cut. Throws std::runtime_error
// naming the path and the step that failed; `path` is untouched then.
void replace_file_atomically(const std::string& path, std::string_view text);

}  // namespace gridbot::console
