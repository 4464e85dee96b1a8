#include "handlers/understand/intent_rules.hpp"

#include <array>
#include <string>

namespace gridbot::understand {
namespace {

constexpr std::array<std::u32string_view, 22> ack_words{
    U"已知晓", U"已收到", U"收到", U"已阅", U"明白", U"知道", U"好的", U"好嘞", U"嗯", U"ok", U"OK", U"Ok",
    U"了解", U"了", U"啦", U"哦", U"好", U"是", U"对", U"行", U"1", U"谢谢提醒"};
constexpr std::array<std::u32string_view, 16> thanks_words{
    U"谢谢", U"感谢", U"辛苦", U"点赞", U"多谢", U"你们", U"了", U"大家", U"网格员", U"师傅", U"社区", U"物业",
    U"非常", U"太", U"真", U"啦"};

// Characters that carry no content in a short reply: punctuation, emoji, place tokens.
bool is_filler(char32_t c) {
  if (c < 0x80) return !((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9')) || c == U'#';
  if (c >= 0x2000 && c <= 0x2BFF) return true;    // punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return true;    // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return true;
  if (c >= 0x1F000) return true;                  // emoji
  if (c == 0xFFFD) return true;                   // repaired invalid bytes carry nothing
  return false;
}

// Removes @mentions and place tokens ("3-2-501", "3号楼2单元", "B座1208") so only the reply remains.
std::u32string strip_places_and_mentions(std::u32string_view t) {
  std::u32string out;
  static constexpr std::u32string_view place_chars = U"号楼栋幢座单元室#-组村";
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == U'@') {
      while (i < t.size() && t[i] != U' ') ++i;
      continue;
    }
    const bool digit = t[i] >= U'0' && t[i] <= U'9';
    const bool next_is_place = i + 1 < t.size() && (place_chars.find(t[i + 1]) != std::u32string_view::npos ||
                                                    (t[i + 1] >= U'0' && t[i + 1] <= U'9'));
    const bool prev_is_place = i > 0 && (place_chars.find(t[i - 1]) != std::u32string_view::npos ||
                                         (t[i - 1] >= U'0' && t[i - 1] <= U'9'));
    // A lone "1" is an acknowledgement; digits touching place markers are an address.
    if (digit && (next_is_place || prev_is_place)) continue;
    if (place_chars.find(t[i]) != std::u32string_view::npos && (prev_is_place || next_is_place)) continue;
    if (t[i] >= U'A' && t[i] <= U'Z' && i + 1 < t.size() && (t[i + 1] == U'座' || t[i + 1] == U'栋')) continue;
    out.push_back(t[i]);
  }
  return out;
}

// Whether `s` is nothing but words of the lists (each list's words taken out in its order) and filler.
template <class... Lists>
bool consists_of(std::u32string s, const Lists&... lists) {
  auto take_out = [&](const auto& words) {
    for (auto w : words)
      for (size_t p = s.find(w); p != std::u32string::npos; p = s.find(w)) s.replace(p, w.size(), U" ");
  };
  (take_out(lists), ...);
  for (char32_t c : s)
    if (!is_filler(c)) return false;
  return true;
}

bool has_any_content(std::u32string_view s) {
  for (char32_t c : s)
    if (!is_filler(c)) return true;
  return false;
}

// Greetings are chat: "你好", "大家早上好", "在吗". Built only of these words, a message asks nothing.
// "网格员在吗", "有工作人员在吗": a greeting with its addressee still asks nothing.
constexpr std::array<std::u32string_view, 30> greeting_words{
    U"你好", U"您好", U"大家好", U"早上好", U"上午好", U"中午好", U"下午好", U"晚上好", U"晚安", U"早安",
    U"大家", U"各位", U"邻居们", U"邻居", U"亲们", U"在吗", U"在不在", U"哈喽", U"hello", U"Hello", U"hi", U"Hi",
    U"嗨", U"早", U"网格员", U"工作人员", U"有人", U"有", U"请问", U"啊"};

constexpr std::array<std::u32string_view, 14> acknowledging_words{
    U"收到", U"已阅", U"已读", U"明白", U"知道了", U"知晓", U"好的", U"好嘞", U"了解", U"ok", U"OK", U"Ok", U"嗯", U"1"};

// "没收到", "还没收到通知", "我家没收到水": the acknowledging word, negated, says it did not arrive.
constexpr std::array<std::u32string_view, 14> denials{
    U"没收到", U"未收到", U"没有收到", U"收不到", U"没看到", U"没看见", U"没接到", U"没听到", U"不知道", U"不明白",
    U"不清楚", U"不了解", U"未读", U"没读"};
// "谁收到了", "是否收到", "有没有收到": a question about the notice, asked with a question word.
constexpr std::array<std::u32string_view, 9> question_words{
    U"谁", U"哪", U"什么", U"是否", U"有没有", U"是不是", U"怎么", U"为什么", U"能不能"};
// "收到了吗", "收到没", "收到不": a yes-no question, by its final particle.
constexpr std::array<std::u32string_view, 8> question_endings{
    U"吗", U"么", U"嘛", U"没", U"没有", U"不", U"呢", U"否"};

// What a reply about receiving the notice is built of, besides the acknowledging words: "还没收到通知",
// "收到了吗", "谁收到了", "大家都收到了没有". Nothing else in it, it is talk about the notice (chat).
constexpr std::array<std::u32string_view, 16> receipt_words{
    U"通知", U"短信", U"消息", U"信息", U"我家", U"我们", U"大家", U"你们", U"我", U"还", U"都", U"有", U"是",
    U"了", U"啊", U"呀"};

}  // namespace

bool denies_or_asks(std::u32string_view normalized) {
  for (auto w : denials)
    if (normalized.find(w) != std::u32string_view::npos) return true;
  for (auto w : question_words)
    if (normalized.find(w) != std::u32string_view::npos) return true;
  // A question mark anywhere ("收到？", "收到?谢谢"): normalization made "？" ASCII.
  if (normalized.find(U'?') != std::u32string_view::npos) return true;
  // The final particle, after the punctuation and emoji that may trail it.
  std::u32string_view core = normalized;
  while (!core.empty() && is_filler(core.back())) core.remove_suffix(1);
  for (auto e : question_endings)
    if (core.ends_with(e)) return true;
  return false;
}

bool may_be_acknowledgement(std::u32string_view normalized) {
  if (denies_or_asks(normalized)) return false;
  // Places first: the "1" of "1号楼" is an address, not an acknowledgement.
  const std::u32string core = strip_places_and_mentions(normalized);
  for (auto w : acknowledging_words)
    if (core.find(w) != std::u32string::npos) return true;
  for (char32_t c : normalized)
    if (c == 0x1F44C || c == 0x1F44D || c == 0x20E3) return true;
  return false;
}

std::optional<Intent> rule_intent(std::u32string_view normalized) {
  if (!has_any_content(normalized)) {
    // Empty, or nothing but punctuation and emoji: a thumbs-up or a keycap "1" acknowledges.
    for (char32_t c : normalized)
      if (c == 0x1F44C || c == 0x1F44D || c == 0x20E3) return Intent::ack;
    return Intent::chat;
  }
  // A platform's stand-in for what text cannot carry ("[图片]", "[语音]"): nothing to read.
  if (normalized.size() <= 8 && normalized.starts_with(U"[") && normalized.ends_with(U"]")) return Intent::chat;
  if (normalized.size() > 24) return std::nullopt;
  const std::u32string core = strip_places_and_mentions(normalized);
  if (!has_any_content(core)) return std::nullopt;  // only an address: let the model decide
  // "没收到", "收到了吗", "谁收到了": about the notice, asking nothing of staff (chat); with more in
  // it ("我家没收到水") the model reads it, never as an ack.
  const bool not_ack = denies_or_asks(normalized);
  if (not_ack && consists_of(core, denials, question_words, question_endings, receipt_words, ack_words)) return Intent::chat;
  if (!not_ack && consists_of(core, ack_words)) return Intent::ack;
  if (consists_of(core, thanks_words)) return Intent::thanks;
  if (consists_of(core, greeting_words)) return Intent::chat;
  return std::nullopt;
}

}  // namespace gridbot::understand
