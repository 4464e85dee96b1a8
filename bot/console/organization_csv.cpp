#include "bot/console/organization_csv.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace gridbot::console {

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    if (n == 2 && c < 0xc2) return false;  // overlong
    i += n;
  }
  return true;
}

std::string trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // U+3000, the ideographic space a Chinese keyboard types
  while (s.starts_with("\u3000")) s.remove_prefix(3);
  while (s.ends_with("\u3000")) s.remove_suffix(3);
  return std::string(s);
}

// "a;b；c、d|e" → [a, b, c, d, e]: the separators people type between several values in one cell.
std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (auto t = trim(current); !t.empty()) out.push_back(std::move(t));
    current.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    if (cell[i] == ';' || cell[i] == '|') {
      flush();
      ++i;
    } else if (cell.substr(i).starts_with("；") || cell.substr(i).starts_with("、")) {
      flush();
      i += 3;
    } else {
      current += cell[i++];
    }
  }
  flush();
  return out;
}

enum class Cell { text, list, roles, accounts };

struct Column {
  const char* field;
  std::vector<std::string_view> names;  // the English id first
  Cell cell;
  bool required;
};

const std::vector<Column>& columns(ImportKind kind) {
  static const std::vector<Column> members{
      {"id", {"id", "编号", "工号"}, Cell::text, true},
      {"name", {"name", "姓名"}, Cell::text, true},
      {"roles", {"roles", "角色", "职务"}, Cell::roles, true},
      {"grid", {"grid", "网格"}, Cell::text, false},
      {"community", {"community", "社区"}, Cell::text, false},
      {"street", {"street", "街道"}, Cell::text, false},
      {"department", {"department", "部门"}, Cell::text, false},
      {"buildings", {"buildings", "楼栋"}, Cell::list, false},
      {"accounts", {"accounts", "账号"}, Cell::accounts, false},
  };
  static const std::vector<Column> groups{
      {"id", {"id", "编号"}, Cell::text, true},
      {"name", {"name", "名称", "群名"}, Cell::text, true},
      {"grid", {"grid", "网格"}, Cell::text, false},
      {"community", {"community", "社区"}, Cell::text, false},
      {"platform", {"platform", "平台"}, Cell::text, true},
      {"account", {"account", "账号"}, Cell::text, false},
      {"chat_id", {"chat_id", "群号", "群id"}, Cell::text, false},
      {"tags", {"tags", "标签"}, Cell::list, false},
      {"languages", {"languages", "语言"}, Cell::list, false},
  };
  return kind == ImportKind::members ? members : groups;
}

// The roles' Chinese names (the glossary's), so a sheet may say 网格长 instead of grid_head.
std::string role_id(const std::string& name) {
  static const std::map<std::string, std::string, std::less<>> chinese{
      {"网格员", "manager"},        {"网格管理员", "manager"},      {"网格长", "grid_head"},
      {"网格协管员", "assistant"},  {"协管员", "assistant"},        {"网格信息员", "informant"},
      {"信息员", "informant"},      {"网格监督员", "supervisor"},   {"监督员", "supervisor"},
      {"楼门管家", "steward"},      {"巷道长", "steward"},          {"社区书记", "community_head"},
      {"村书记", "community_head"}, {"街道", "street_officer"},     {"综治中心", "street_officer"},
      {"接哨员", "liaison"},
  };
  auto it = chinese.find(name);
  return it == chinese.end() ? name : it->second;
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// One cell as the entry's JSON value; nothing for an empty cell.
std::expected<std::optional<nlohmann::json>, std::string> cell_value(const Column& column, const std::string& raw) {
  const std::string text = trim(raw);
  if (text.empty()) return std::nullopt;
  switch (column.cell) {
    case Cell::text: return nlohmann::json(text);
    case Cell::list: return nlohmann::json(split_list(text));
    case Cell::roles: {
      nlohmann::json roles = nlohmann::json::array();
      for (const auto& r : split_list(text)) roles.push_back(role_id(r));
      return roles;
    }
    case Cell::accounts: {
      nlohmann::json accounts = nlohmann::json::object();
      for (const auto& pair : split_list(text)) {
        auto colon = pair.find(':');
        std::size_t width = 1;
        if (colon == std::string::npos) colon = pair.find("："), width = 3;
        if (colon == std::string::npos || trim(pair.substr(0, colon)).empty() || trim(pair.substr(colon + width)).empty())
          return std::unexpected("'" + pair + "' is not platform:user_id");
        accounts[trim(pair.substr(0, colon))] = trim(pair.substr(colon + width));
      }
      return accounts;
    }
  }
  return std::nullopt;
}

}  // namespace

std::expected<std::vector<std::vector<std::string>>, std::string> read_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Excel's BOM
  if (!valid_utf8(text)) return std::unexpected("the file is not UTF-8 text (save the sheet as CSV UTF-8)");
  if (text.find('\0') != std::string_view::npos) return std::unexpected("the file is not CSV: it holds a NUL byte");
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t quote_record = 0;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    // a blank line between records is no row
    if (!(record.size() == 1 && record[0].empty())) records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else quoted = false;
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
      quote_record = records.size() + 1;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) return std::unexpected("the file is not CSV: a quote opened in row " + std::to_string(quote_record) + " is never closed");
  if (field_started || !record.empty()) end_record();
  return records;
}

std::expected<ImportFile, std::string> read_import(std::string_view text, ImportKind kind) {
  auto records = read_csv(text);
  if (!records) return std::unexpected(records.error());
  if (records->empty()) return std::unexpected("the file is empty: the first row must name the columns");
  const auto& spec = columns(kind);
  const auto& header = records->front();
  ImportFile out;
  std::vector<const Column*> at(header.size(), nullptr);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower_ascii(trim(header[i]));
    for (const auto& column : spec)
      if (std::find(column.names.begin(), column.names.end(), name) != column.names.end()) at[i] = &column;
    if (!at[i]) {
      out.ignored_columns.push_back(trim(header[i]));
      continue;
    }
    for (std::size_t k = 0; k < i; ++k)
      if (at[k] == at[i]) return std::unexpected(std::string("the header names the column '") + at[i]->field + "' twice");
  }
  for (const auto& column : spec)
    if (column.required && std::find(at.begin(), at.end(), &column) == at.end())
      return std::unexpected(std::string("the header lacks the required column '") + column.field + "' (or " +
                             std::string(column.names[1]) + ")");
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& cells = (*records)[r];
    ImportRow row{static_cast<int>(r + 1), {}, nlohmann::json::object(), std::nullopt};
    if (cells.size() != header.size())
      row.problem = EditProblem{"", "has " + std::to_string(cells.size()) + " cells; the header has " +
                                        std::to_string(header.size())};
    for (std::size_t i = 0; i < cells.size() && i < header.size() && !row.problem; ++i) {
      if (!at[i]) continue;
      auto value = cell_value(*at[i], cells[i]);
      if (!value) row.problem = EditProblem{at[i]->field, value.error()};
      else if (*value) row.entry[at[i]->field] = std::move(**value);
    }
    row.id = row.entry.value("id", "");
    if (!row.problem && row.id.empty()) row.problem = EditProblem{"id", "is required"};
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace gridbot::console
