// CSV imports of members and groups, as a spreadsheet exports them: a header row naming the
// columns in English ids or their Chinese names (id/编号, name/姓名, roles/角色, grid/网格, ...),
// UTF-8 with or without a BOM, fields quoted as RFC 4180 says. Each data row becomes the JSON
// entry the console's PUT would take; what is wrong with a row is reported by row and field.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/console/organization_edits.hpp"

namespace gridbot::console {

// RFC 4180 records (CRLF or LF, "" inside quotes). Refuses text that is not UTF-8, holds a NUL or
// leaves a quote open, naming the record where it went wrong.
std::expected<std::vector<std::vector<std::string>>, std::string> read_csv(std::string_view text);

enum class ImportKind { members, groups };

struct ImportRow {
  int row = 0;  // the spreadsheet's row number: the header is row 1
  std::string id;
  nlohmann::json entry;                // the fields given (empty cells are left out)
  std::optional<EditProblem> problem;  // a cell that cannot be read
};

struct ImportFile {
  std::vector<ImportRow> rows;
  std::vector<std::string> ignored_columns;  // header cells that name no field (a 备注 column)
};

// The file's rows, or why it cannot be read at all: not CSV, no header, a required column missing.
std::expected<ImportFile, std::string> read_import(std::string_view text, ImportKind kind);

}  // namespace gridbot::console
