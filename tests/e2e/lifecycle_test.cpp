// The whole ticket lifecycle through the local platform only, on the test clock, with a kill -9
// in the middle: routing, claim, relay both ways, urge, "+1", reminders, three rungs across a
// weekend and a configured holiday, whistle, suspend/resume, resolve, ratings, refusals, masking.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/support/local_chat.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;

namespace {

constexpr std::int64_t friday_10am = 1'795'140'000;  // Friday 2026-11-20 10:00 in Beijing
constexpr std::int64_t minute = 60, hour = 3600, day = 86400;

// The sample organization, with a calendar that declares Monday 2026-11-23 a holiday.
std::string write_organization(const TempDir& dir) {
  std::ifstream in(std::string(GRIDBOT_SOURCE_DIR) + "/organization/sample.json");
  std::stringstream text;
  text << in.rdbuf();
  json org = json::parse(text.str());
  org["policy"]["calendar"] = "calendar.json";
  std::ofstream(dir.file("calendar.json")) << R"({"time_zone": "Asia/Shanghai", "holidays": ["2026-11-23"],
                                                  "quiet_hours": {"start": "22:00", "end": "07:00"}})";
  std::ofstream(dir.file("organization.json")) << org.dump(2);
  return dir.file("organization.json");
}

std::vector<std::string> service_args(const std::string& organization, std::int64_t clock) {
  return {"--organization", organization, "--test-clock=" + std::to_string(clock)};
}

}  // namespace

TEST_CASE("the full lifecycle, through a crash") {
  TempDir dir;
  const std::string organization = write_organization(dir);
  auto service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), service_args(organization, friday_10am));
  LocalChat chat(service->port());

  // Intake and routing: by grid, by category (public security → the police liaison), by building (the steward).
  chat.post("xfl-1-group", "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  REQUIRE(chat.wait_group("xfl-1-group", "#1001").is_object());
  REQUIRE(chat.wait_dm("wangfang", "【新工单 #1001】").is_object());
  CHECK(chat.wait_dm("zhaomin", "【抄送 #1001】").is_object());
  chat.post("xfl-1-group", "liuna", "有人偷电动车，1号楼楼下的车被偷了两辆，我电话13700001111");
  CHECK(chat.wait_dm("liuyang", "【新工单 #1002】").is_object());
  CHECK(chat.wait_group("xfl-1-group", "私信联系").is_object());  // sensitive: a minimal receipt
  CHECK(chat.wait_dm("liuna", "治安").is_object());
  chat.post("xfl-2-group", "wujun", "6号楼3单元楼道灯坏了好几天了");
  CHECK(chat.wait_dm("chenjing", "【新工单 #1003】").is_object());

  // Claim; a member of another grid is refused.
  chat.dm("wangfang", "接单 1001");
  CHECK(chat.wait_group("xfl-1-group", "已由网格员王芳认领").is_object());
  chat.dm("chenjing", "接单 1001");
  CHECK(chat.wait_dm("chenjing", "没有处理权限").is_object());

  // Replies both ways; phone numbers are masked in the group.
  json receipt = chat.wait_group("xfl-1-group", "您的诉求已受理，工单号 #1001");
  REQUIRE(receipt.is_object());
  chat.post("xfl-1-group", "zhangwei", "我家在501室，下午都在家，电话13812345678", receipt["message_id"].get<std::int64_t>());
  CHECK(chat.wait_dm("wangfang", "我家在501室").is_object());
  // The member's number reaches the resident as written; the resident's own stays masked.
  chat.dm("wangfang", "回复 1001 师傅下午三点到，有事打13912345678，到了打您13812345678");
  json relayed = chat.wait_group("xfl-1-group", "师傅下午三点到");
  REQUIRE(relayed.is_object());
  CHECK(relayed["text"].get<std::string>().find("13912345678") != std::string::npos);
  CHECK(relayed["text"].get<std::string>().find("138****5678") != std::string::npos);
  CHECK(chat.count_group("xfl-1-group", "13812345678") == 0);
  CHECK(chat.count_group("xfl-1-group", "13700001111") == 0);

  // A resident's urge, and a neighbour's "+1".
  chat.post("xfl-1-group", "zhangwei", "怎么还没人来修？都等半天了");
  CHECK(chat.wait_dm("wangfang", "【催办 #1001】").is_object());
  chat.post("xfl-1-group", "liuna", "3号楼下水道堵了，臭得不行");
  CHECK(chat.wait_group("xfl-1-group", "已有2位居民反映").is_object());
  CHECK(chat.wait_dm("wangfang", "【+1 #1001】").is_object());

  // Whistle: the police check in, the property company does not.
  chat.dm("wangfang", "吹哨 1001 派出所 物业");
  CHECK(chat.wait_dm("liuyang", "【吹哨 #1001】").is_object());
  CHECK(chat.wait_dm("huangli", "【吹哨 #1001】").is_object());
  chat.dm("liuyang", "报到 1001");
  CHECK(chat.wait_dm("wangfang", "【报到 #1001】").is_object());

  chat.dm("wangfang", "挂起 1001 等待更换管道配件");
  CHECK(chat.wait_group("xfl-1-group", "暂时挂起").is_object());

  // 11:36: 80% of the claim limit of the unclaimed #1003.
  chat.advance(96 * minute);
  CHECK(chat.wait_dm("chenjing", "到认领时限").is_object());
  // 12:00: #1003 climbs to the grid head; the property company missed its check-in.
  chat.advance(24 * minute);
  CHECK(chat.wait_dm("sunhao", "【升级 #1003】").is_object());
  json missed = chat.wait_dm("gaojian", "【吹哨未报到 #1001】");
  REQUIRE(missed.is_object());
  CHECK(missed["text"].get<std::string>().find("安居物业公司") != std::string::npos);
  chat.settle();

  // Crash. Whatever was committed is there; the remaining timers fire once, at their times.
  const std::int64_t crashed_at = chat.now();
  CHECK(crashed_at == friday_10am + 2 * hour);
  service->kill_hard();
  service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), service_args(organization, crashed_at));
  chat.reconnect(service->port());
  CHECK(chat.count_dm("sunhao", "【升级 #1003】") == 1);

  // The grid head's day: the rest of Friday, then (weekend, Monday holiday) Tuesday to 12:00.
  chat.advance(4 * day - minute);
  chat.settle();
  CHECK(chat.count_dm("zhoulan", "【升级 #1003】") == 0);
  chat.advance(minute);
  CHECK(chat.wait_dm("zhoulan", "【升级 #1003】").is_object());
  chat.advance(day);  // Wednesday 12:00: the street
  CHECK(chat.wait_dm("gaojian", "【升级 #1003】").is_object());

  // Resume, resolve, and an unhappy resident: reopened to the grid head for a revisit.
  chat.dm("wangfang", "恢复 1001");
  CHECK(chat.wait_group("xfl-1-group", "已恢复处理").is_object());
  chat.dm("wangfang", "办结 1001 已疏通管道");
  CHECK(chat.wait_group("xfl-1-group", "请评价处理结果").is_object());
  chat.post("xfl-1-group", "zhangwei", "不满意");
  CHECK(chat.wait_dm("liqiang", "【回访 #1001】").is_object());
  CHECK(chat.wait_group("xfl-1-group", "已重新打开").is_object());

  // A rating never given is recorded as 未评价.
  chat.dm("liuyang", "办结 1002 已调取监控并加强夜间巡逻");
  CHECK(chat.wait_dm("liuna", "请评价处理结果").is_object());
  chat.advance(73 * hour);
  chat.dm("liuyang", "查 1002");
  json shown = chat.wait_dm("liuyang", "办理记录");
  REQUIRE(shown.is_object());
  CHECK(shown["text"].get<std::string>().find("评价：未评价") != std::string::npos);
  CHECK(shown["text"].get<std::string>().find("已关闭") != std::string::npos);

  // Every timer fired exactly once, across the crash.
  chat.settle();
  CHECK(chat.count_dm("sunhao", "【升级 #1003】") == 1);
  CHECK(chat.count_dm("zhoulan", "【升级 #1003】") == 1);
  CHECK(chat.count_dm("gaojian", "【升级 #1003】") == 1);
  CHECK(chat.count_dm("gaojian", "【吹哨未报到 #1001】") == 1);
  CHECK(chat.count_dm("chenjing", "到认领时限") == 1);
  CHECK(service->stop() == 0);
}
