#include "handlers/sensitive_topics.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "handlers/understand/normalize.hpp"
#include "handlers/understand/sensitive_numbers.hpp"
#include "handlers/understand/utf8.hpp"
#include "handlers/word_set.hpp"

namespace gridbot {

namespace {

// Words that name the matter itself, not words that merely can ("病" is also in "毛病", "打" in
// "打扫"), so a broken lift never becomes private.
constexpr std::array<std::string_view, 59> sensitive_words{
    // domestic violence and abuse
    "家暴", "家庭暴力", "打老婆", "打媳妇", "打妻子", "打老公", "被老公打", "被丈夫打",
    "虐待", "虐童", "性侵", "猥亵", "强奸", "打孩子",
    // minors at risk
    "留守儿童", "未成年", "孩子没人管", "孩子被打", "孩子离家出走", "流浪儿童", "辍学", "孩子独自在家", "童工",
    // welfare applications
    "低保", "救助", "特困", "困难补助", "五保", "残疾补贴", "救济", "困难户", "申请补助", "残疾证",
    // medical conditions
    "癌症", "肿瘤", "化疗", "透析", "尿毒症", "艾滋", "HIV", "抑郁症", "精神病", "精神疾病", "精神分裂", "乙肝",
    "肺结核", "白血病", "瘫痪", "残疾", "老年痴呆", "阿尔茨海默", "病情", "确诊", "住院", "重病", "病重", "绝症",
    "自杀", "想不开"};

// Someone of the household and a blow within a few characters, whatever comes between:
// "我老公又打我了", "她男人昨天把她打了". A fixed phrase ("老公打我") is defeated by one inserted word.
constexpr std::array<std::u32string_view, 14> household{U"老公", U"丈夫", U"男人", U"前夫", U"老婆", U"媳妇", U"妻子",
                                                        U"他爸", U"她爸", U"继父", U"继母", U"后妈", U"公公", U"婆婆"};
constexpr std::array<std::u32string_view, 7> blows{U"打我", U"打她", U"打了", U"揍", U"踢我", U"掐", U"动手"};
constexpr std::array<std::u32string_view, 4> not_blows{U"打我电话", U"打她电话", U"打我手机", U"打了电话"};

bool household_violence(std::u32string_view text) {
  for (auto who : household)
    for (auto at = text.find(who); at != std::u32string_view::npos; at = text.find(who, at + 1)) {
      const auto near = text.substr(at + who.size(), 8);
      for (auto blow : blows)
        if (auto b = near.find(blow); b != std::u32string_view::npos) {
          const bool phone = std::any_of(not_blows.begin(), not_blows.end(),
                                         [&](auto w) { return near.substr(b).starts_with(w); });
          if (!phone) return true;
        }
    }
  return false;
}

}  // namespace

bool is_sensitive_matter(std::string_view raw) {
  const std::u32string normalized = understand::normalize_text(raw);
  if (!understand::find_id_numbers(normalized).empty()) return true;
  if (household_violence(normalized)) return true;
  const std::string text = understand::encode_utf8(normalized);
  static const WordSet words{sensitive_words};
  return words.found_in(text);
}

}  // namespace gridbot
