#include "handlers/understand/slots.hpp"

#include <array>

#include "handlers/understand/numerals.hpp"
#include "handlers/understand/sensitive_numbers.hpp"

namespace gridbot::understand {
namespace {

constexpr size_t npos = std::u32string_view::npos;

bool starts_with_at(std::u32string_view text, size_t pos, std::u32string_view word) {
  return pos <= text.size() && text.substr(pos, word.size()) == word;
}

bool is_upper_letter(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool is_lower_letter(char32_t c) { return c >= U'a' && c <= U'z'; }

// Words after a number that make it a quantity, a time or money rather than a room.
bool is_measure_word(char32_t c) {
  static constexpr std::u32string_view measures =
      U"年月日号天点时分秒元块毛角米度斤两个只条次回人户家栋楼层幢座单岁平方套辆间根棵台万千百多余%.:：/路期届周名位台克升瓶包箱袋张";
  return measures.find(c) != npos;
}

// Blanks phone and ID numbers so their digits cannot be mistaken for rooms ("phones before rooms").
std::u32string without_sensitive_numbers(std::u32string_view text, std::optional<std::string>& phone) {
  std::u32string out(text);
  for (const auto& s : find_id_numbers(out))
    for (size_t i = s.begin; i < s.end; ++i) out[i] = U' ';
  for (const auto& s : find_mobile_numbers(out)) {
    if (!phone) phone = s.digits;
    for (size_t i = s.begin; i < s.end; ++i) out[i] = U' ';
  }
  return out;
}

struct Match {
  std::string value;
  size_t begin = 0;  // first character of the number or letter
  size_t end = 0;    // index right after the marker, where a room may follow
};

// A building: number or letter before 号楼/栋/幢/座/#. "3楼" is a floor and is never read here.
std::optional<Match> find_building(std::u32string_view t) {
  static constexpr std::array<std::u32string_view, 6> markers{U"号楼", U"栋", U"幢", U"座", U"#", U"号院"};
  for (size_t pos = 0; pos < t.size(); ++pos) {
    for (auto marker : markers) {
      if (!starts_with_at(t, pos, marker) || pos == 0) continue;
      const size_t after = pos + marker.size();
      char32_t prev = t[pos - 1];
      if (marker != U"号楼" && marker != U"#" && prev == U' ' && pos >= 2) continue;
      if (is_upper_letter(prev) || is_lower_letter(prev)) {
        if (pos >= 2 && (is_upper_letter(t[pos - 2]) || is_lower_letter(t[pos - 2]))) continue;  // "WiFi栋"
        return Match{std::string(1, static_cast<char>(prev - (is_lower_letter(prev) ? 32 : 0))), pos - 1, after};
      }
      const size_t start = number_token_start(t, pos);
      if (start == npos) continue;
      auto token = t.substr(start, pos - start);
      if (!is_ascii_digit(token[0])) {
        // 一栋楼 / 两栋 / 一座桥 count things; only 号楼 reliably takes a Chinese numeral.
        if (marker == U"座" || marker == U"#") continue;
        if (token == U"一" || token.find(U'两') != npos) continue;
        if (start > 0 && (t[start - 1] == U'几' || t[start - 1] == U'这' || t[start - 1] == U'那')) continue;
      }
      // Large estates number buildings up to four digits ("1205号楼"); longer is not a building.
      if (token.size() > 4) continue;
      if (auto v = number_token_value(token)) return Match{*v, start, after};
    }
  }
  return std::nullopt;
}

std::optional<Match> find_unit(std::u32string_view t) {
  for (size_t pos = t.find(U"单元"); pos != npos; pos = t.find(U"单元", pos + 1)) {
    const size_t start = number_token_start(t, pos);
    if (start == npos || pos - start > 2) continue;
    if (auto v = number_token_value(t.substr(start, pos - start))) return Match{*v, start, pos + 2};
  }
  return std::nullopt;
}

// ASCII digit run of 3-4 digits starting at `pos`, not part of a longer run: a room number.
std::optional<std::string> room_number_at(std::u32string_view t, size_t pos) {
  if (pos >= t.size() || !is_ascii_digit(t[pos]) || (pos > 0 && is_ascii_digit(t[pos - 1]))) return std::nullopt;
  size_t e = pos;
  while (e < t.size() && is_ascii_digit(t[e])) ++e;
  if (e - pos < 3 || e - pos > 4 || t[pos] == U'0') return std::nullopt;
  if (e < t.size() && t[e] != U'室' && t[e] != U'号' && is_measure_word(t[e])) return std::nullopt;
  return number_token_value(t.substr(pos, e - pos));
}

// Emergency and hotline numbers look like rooms but never are.
bool is_service_number(const std::string& n) {
  return n == "110" || n == "119" || n == "120" || n == "122" || n == "114" || n == "315";
}

// "3-2-501": building, unit and room in one token.
bool read_triple(std::u32string_view t, Slots& slots) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_ascii_digit(t[i]) || (i > 0 && (is_ascii_digit(t[i - 1]) || t[i - 1] == U'-'))) continue;
    size_t a = i;
    while (a < t.size() && is_ascii_digit(t[a])) ++a;
    if (a - i > 3 || a >= t.size() || t[a] != U'-') continue;
    size_t b = a + 1;
    while (b < t.size() && is_ascii_digit(t[b])) ++b;
    if (b - a - 1 < 1 || b - a - 1 > 2 || b >= t.size() || t[b] != U'-') continue;
    auto room = room_number_at(t, b + 1);
    if (!room) continue;
    slots.building = number_token_value(t.substr(i, a - i));
    slots.unit = number_token_value(t.substr(a + 1, b - a - 1));
    slots.room = room;
    return true;
  }
  return false;
}

size_t skip_spaces(std::u32string_view t, size_t pos) {
  while (pos < t.size() && (t[pos] == U' ' || t[pos] == U',' || t[pos] == U'、')) ++pos;
  return pos;
}

// The digit run at `pos` sits after "工单" / "单号" (spaces between allowed) or before "号工单".
bool names_ticket(std::u32string_view t, size_t pos) {
  size_t b = pos;
  while (b > 0 && t[b - 1] == U' ') --b;
  if (b >= 2 && (t.substr(b - 2, 2) == U"工单" || t.substr(b - 2, 2) == U"单号")) return true;
  size_t e = pos;
  while (e < t.size() && is_ascii_digit(t[e])) ++e;
  return t.substr(e).starts_with(U"号工单") || t.substr(e).starts_with(U"工单");
}

// A room written alone ("我家1702", "501室"): the first 3-4 digit number that is not a
// quantity, a time, money or a hotline.
std::optional<std::string> standalone_room(std::u32string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!is_ascii_digit(t[i]) || (i > 0 && is_ascii_digit(t[i - 1]))) continue;
    if (i > 0 && (t[i - 1] == U'第' || t[i - 1] == U'¥' || t[i - 1] == U'$' || t[i - 1] == U'.' ||
                  t[i - 1] == U'-' || t[i - 1] == U'+' || t[i - 1] == U'约' || is_upper_letter(t[i - 1]) ||
                  is_lower_letter(t[i - 1]) || t[i - 1] == U'/')) continue;
    // A ticket reference ("#1001", "工单1001", "1001号工单") names a ticket, not a room; "2#楼"
    // (a digit before the #) is a building marker, read elsewhere.
    if (i > 0 && t[i - 1] == U'#' && (i < 2 || !is_ascii_digit(t[i - 2]))) continue;
    if (names_ticket(t, i)) continue;
    // Licence plates, phone tails and serial numbers are not rooms.
    const auto before = t.substr(i >= 2 ? i - 2 : 0, i >= 2 ? 2 : i);
    if (before == U"尾号" || before == U"号码" || before == U"编号" || before == U"车牌" || before == U"牌号" ||
        (i > 0 && t[i - 1] == U'牌')) continue;
    size_t e = i;
    while (e < t.size() && is_ascii_digit(t[e])) ++e;
    if (e < t.size() && (t[e] == U'+' || t[e] == U'-' || t[e] == U'w' || t[e] == U'k' || is_upper_letter(t[e]) || is_lower_letter(t[e]))) continue;
    auto room = room_number_at(t, i);
    if (room && !is_service_number(*room)) return room;
  }
  return std::nullopt;
}

}  // namespace

Slots extract_slots(std::u32string_view text) {
  Slots slots;
  std::u32string t = without_sensitive_numbers(text, slots.phone);
  if (read_triple(t, slots)) return slots;
  auto building = find_building(t);
  auto unit = find_unit(t);
  if (building) slots.building = building->value;
  if (unit) slots.unit = unit->value;
  if (unit) slots.room = room_number_at(t, skip_spaces(t, unit->end));
  if (!slots.room && building) slots.room = room_number_at(t, skip_spaces(t, building->end));
  // A room is never the building's or the unit's own number ("123号楼" is not room 123).
  if (!slots.room) {
    for (const auto& m : {building, unit})
      if (m)
        for (size_t i = m->begin; i < m->end; ++i) t[i] = U' ';
    slots.room = standalone_room(t);
  }
  return slots;
}

}  // namespace gridbot::understand
