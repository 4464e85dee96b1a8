#include "handlers/understand/urgency.hpp"

#include <initializer_list>

namespace gridbot::understand {
namespace {

using Words = std::initializer_list<std::u32string_view>;

bool has(std::u32string_view t, std::u32string_view w) { return t.find(w) != std::u32string_view::npos; }
bool has_any(std::u32string_view t, Words words) {
  for (auto w : words)
    if (has(t, w)) return true;
  return false;
}

// Hazards that are an emergency on their own when happening now.
bool acute_hazard(std::u32string_view t) {
  // Gas actually smelled or escaping (a worn hose "not yet leaking" is a hazard, not urgent).
  if (has_any(t, {U"煤气味", U"燃气味", U"天然气味", U"液化气味", U"一股煤气", U"一股燃气", U"燃气泄漏", U"煤气泄漏",
                  U"天然气泄漏", U"漏气了", U"在漏气", U"气罐漏", U"罐好像漏", U"闻到煤气", U"闻到燃气"}))
    return true;
  // Fire and smoke.
  if (has_any(t, {U"着火了", U"起火了", U"失火", U"冒烟了", U"冒黑烟", U"浓烟", U"火苗窜", U"火苗都窜", U"冒火苗", U"火花", U"烧起来", U"烧焦",
                  U"着起来", U"已经冒烟", U"在冒烟", U"打了119", U"打119"}))
    return true;
  // People trapped, collapsed or hurt now.
  if (has_any(t, {U"困人", U"被困", U"困在", U"困着", U"关在电梯", U"电梯里关着", U"卡在电梯", U"出不来", U"被夹在", U"腿被夹",
                  U"手被夹", U"晕倒", U"昏倒", U"昏迷", U"叫不醒", U"起不来", U"倒在地上", U"不省人事", U"喊救命", U"呼救",
                  U"没有呼吸", U"抽搐", U"流了好多血", U"打了120", U"叫了120", U"打120", U"怕是摔了", U"摔了起不"}))
    return true;
  // Serious flooding.
  if (has_any(t, {U"水管爆", U"管子爆", U"管道爆", U"爆管", U"管爆了", U"淹到", U"淹了", U"没过膝盖", U"没过脚",
                  U"进水了", U"满屋子都是水", U"满屋都是水", U"漫到客厅", U"漫到卧室", U"水喷", U"往外喷",
                  U"流到门外", U"进屋了", U"米深", U"齐腰", U"齐膝", U"没过小腿", U"淹过"}))
    return true;
  // Live wires.
  if (has_any(t, {U"漏电", U"触电", U"电线耷拉", U"电线掉", U"电线都露", U"电线露", U"电线裸露", U"压在电线"})) return true;
  // Building parts about to fall.
  if (has_any(t, {U"摇摇欲坠", U"随时要掉", U"随时会掉", U"随时掉", U"要塌了", U"快塌了", U"随时会塌", U"掉下来一块",
                  U"在那晃", U"吊顶掉"}))
    return true;
  // Children at open water.
  if (has_any(t, {U"小孩", U"孩子", U"娃"}) && has_any(t, {U"冰上", U"掉进", U"落水", U"河里玩", U"水库边"})) return true;
  // Water rising into homes and basements now.
  if (has_any(t, {U"灌进", U"水还在涨", U"水在涨", U"越涨越高"})) return true;
  // Oxygen-dependent patient without power.
  if (has(t, U"制氧机") && has_any(t, {U"停电", U"没电"})) return true;
  return false;
}

// A milder hazard becomes an emergency when the resident is calling for help right now.
bool hazard_with_alarm(std::u32string_view t) {
  const bool alarm = has_any(t, {U"快来人", U"赶紧来人", U"紧急", U"救命", U"急急急", U"快派人", U"马上来人", U"快来",
                                 U"快点来", U"赶紧派人", U"快叫人"});
  if (!alarm) return false;
  return has_any(t, {U"摔倒", U"摔了", U"倒在", U"进水", U"漫到", U"漫进", U"冒水", U"往外冒", U"往上翻", U"倒灌", U"卡住",
                     U"困", U"夹", U"掉下", U"晃", U"塌", U"裂开", U"着火", U"烟", U"电线", U"火", U"气味", U"煤气",
                     U"燃气", U"打不开", U"昏", U"晕", U"血", U"冰上", U"落水", U"爆"});
}

// Mentions that are not happening here and now: news, forwarded advice, hypotheticals.
bool discounted(std::u32string_view t) {
  if (has_any(t, {U"新闻", U"转发", U"小常识", U"注意事项", U"隔壁小区", U"隔壁区", U"演练", U"培训", U"知识"})) return true;
  if (has_any(t, {U"还没漏", U"没有漏气", U"没漏气", U"不漏气", U"着火了咋办", U"着火了怎么办", U"真着火"})) return true;
  // A past event told as a story ("上次摔倒多亏了…") or thanks for a rescue.
  if (has_any(t, {U"上次", U"多亏", U"谢谢", U"感谢", U"上新闻"})) return true;
  // Over already: the fire is out and the family is asking for help afterwards.
  if (has_any(t, {U"烧没了", U"火灭了", U"已经灭了", U"扑灭了", U"住在亲戚家", U"申请临时救助", U"申请救助"})) return true;
  // A burst water pipe already shut off at the main valve is a repair, not a flood (gas is never
  // discounted this way: a smell after closing the valve is still an emergency).
  if (has_any(t, {U"总阀关了", U"关了总阀", U"关掉总阀", U"总阀已经关", U"把总阀关"}) &&
      !has_any(t, {U"气味", U"煤气", U"燃气", U"天然气", U"漏气"}))
    return true;
  // Housebound ("困在家里三天下不了楼") is a lift or welfare matter, not a person trapped now.
  if (has(t, U"困在家") && !has_any(t, {U"电梯里", U"困在电梯", U"卡在电梯", U"困人"})) return true;
  return false;
}

}  // namespace

UrgencyAssessment assess_urgency(std::u32string_view text) {
  UrgencyAssessment a;
  a.hazard = acute_hazard(text) || hazard_with_alarm(text);
  a.urgent = a.hazard && !discounted(text);
  return a;
}

}  // namespace gridbot::understand
