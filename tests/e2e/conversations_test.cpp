// Residents writing the way people write, through the real binary and the local API (issue 7): a
// rating with a reason reopening to the grid head at night, a second rating after the revisit,
// 差评 while a rating is pending, a status question, 撤销 with two open tickets answered after a
// restart, 查 1003 from a resident filing nothing, and the calendar's end reported. Then the QA
// pass's worst variants: 取消 and 不用了 filing tickets, "还是漏水" after 办结 filed as new,
// "电梯那个" as the answer to "which one?", a staff command in full-width digits and traditional
// script, and household violence told with a word between ("我老公又打我了") in the open group.
#include <doctest/doctest.h>

#include <chrono>

#include "tests/support/http_client.hpp"
#include "tests/support/local_chat.hpp"
#include "tests/support/service_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot::testing;
using nlohmann::json;

namespace {

constexpr std::int64_t wednesday_10am = 1'794'967'200;  // 2026-11-18 10:00 in Beijing
constexpr std::int64_t hour = 3600;
const std::string group1 = "xfl-1-group";

std::vector<std::string> service_args(std::int64_t clock) { return {"--test-clock=" + std::to_string(clock)}; }

std::int64_t tickets(std::uint16_t port) { return http_get(port, "/healthz").json()["tickets"].get<std::int64_t>(); }

}  // namespace

TEST_CASE("conversations as residents write them, through the local platform") {
  TempDir dir;
  auto service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), service_args(wednesday_10am));
  LocalChat chat(service->port());

  // A report, claimed and resolved; the resident is asked to rate.
  chat.post(group1, "zhangwei", "3号楼2单元楼道灯不亮了，晚上看不见");
  REQUIRE(chat.wait_group(group1, "工单号 #1001").is_object());
  chat.dm("wangfang", "接单 1001");
  chat.dm("wangfang", "办结 1001 已更换灯管");
  REQUIRE(chat.wait_group(group1, "工单 #1001 已办结").is_object());

  // At 23:00, in quiet hours, a rating with a reason: it reopens to the grid head, whose notice
  // goes out now (the test clock does not move), not at 07:00.
  chat.advance(13 * hour);
  const auto posted = std::chrono::steady_clock::now();
  chat.post(group1, "zhangwei", "不满意，灯还是不亮");
  json revisit = chat.wait_dm("liqiang", "【回访 #1001】");
  const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - posted);
  REQUIRE(revisit.is_object());
  MESSAGE("回访 notice delivered " << latency.count() << " µs after the rating was posted (post + polls included)");
  CHECK(revisit["text"].get<std::string>().find("灯还是不亮") != std::string::npos);
  CHECK(chat.wait_group(group1, "由网格长李强回访").is_object());
  CHECK(tickets(service->port()) == 1);

  // The rejected member cannot take it back; the head revisits, resolves, and the second rating closes it.
  chat.dm("wangfang", "接单 1001");
  CHECK(chat.wait_dm("wangfang", "已交网格长李强回访").is_object());
  chat.dm("liqiang", "接单 1001");
  chat.dm("liqiang", "办结 1001 换了灯座和线路");
  REQUIRE(chat.wait_group(group1, "换了灯座和线路").is_object());
  chat.post(group1, "zhangwei", "满意 谢谢");
  CHECK(chat.wait_group(group1, "工单 #1001 已关闭").is_object());
  chat.dm("liqiang", "查 1001");
  json shown = chat.wait_dm("liqiang", "办理记录");
  REQUIRE(shown.is_object());
  CHECK(shown["text"].get<std::string>().find("不满意（灯还是不亮）") != std::string::npos);

  // 差评 while a rating is pending is a rating, not a new 邻里纠纷 ticket.
  chat.post(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  REQUIRE(chat.wait_group(group1, "工单号 #1002").is_object());
  chat.dm("wangfang", "办结 1002 已重启电梯");
  REQUIRE(chat.wait_group(group1, "工单 #1002 已办结").is_object());
  chat.post(group1, "zhangwei", "差评");
  CHECK(chat.wait_dm("liqiang", "【回访 #1002】").is_object());
  CHECK(tickets(service->port()) == 2);

  // A status question answers with state, owner and deadline, and chases nothing.
  chat.post(group1, "zhangwei", "#1002 现在怎么样了");
  json status = chat.wait_group(group1, "工单 #1002（电梯）当前");
  REQUIRE(status.is_object());
  CHECK(status["text"].get<std::string>().find("李强") != std::string::npos);
  CHECK(chat.count_dm("liqiang", "【催办 #1002】") == 0);

  // 撤销 with two open tickets asks which; the answer works after a restart.
  chat.post(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  REQUIRE(chat.wait_group(group1, "工单号 #1003").is_object());
  chat.post(group1, "zhangwei", "撤销");
  json asked = chat.wait_group(group1, "要撤销哪一件");
  REQUIRE(asked.is_object());
  CHECK(asked["text"].get<std::string>().find("#1002") != std::string::npos);
  CHECK(asked["text"].get<std::string>().find("#1003") != std::string::npos);
  chat.settle();
  const std::int64_t now = chat.now();
  service->kill_hard();
  service = std::make_unique<ServiceProcess>(GRIDBOT_BINARY, dir.path().string(), service_args(now));
  chat.reconnect(service->port());
  chat.post(group1, "zhangwei", "#1003");
  CHECK(chat.wait_group(group1, "工单 #1003 已按您的要求撤销").is_object());
  CHECK(chat.count_group(group1, "工单 #1002 已按您的要求撤销") == 0);

  // Staff words from a resident: 查 1003 is a question, never a ticket at room 1003.
  chat.post(group1, "liuna", "查 1003");
  CHECK(chat.wait_dm("liuna", "没有找到您反映或关注的工单 #1003").is_object());
  chat.post(group1, "zhangwei", "查 1003");
  CHECK(chat.wait_group(group1, "工单 #1003（排水堵塞）当前：已撤销").is_object());
  chat.settle();
  CHECK(tickets(service->port()) == 3);

  // The working calendar ends on 2026-12-31, inside the next 60 days: /healthz and the log say so,
  // and the street officer hears on Monday 09:00, once.
  json calendar = http_get(service->port(), "/healthz").json()["calendar"];
  CHECK(calendar["ok"] == false);
  CHECK(calendar["covered_until"] == "2026-12-31");
  CHECK(service->log().find("the working calendar ends on 2026-12-31") != std::string::npos);
  CHECK(chat.count_dm("gaojian", "工作日历即将到期") == 0);
  chat.advance(4 * 24 * hour + 10 * hour + 60);  // Wednesday 23:00 → Monday 09:01
  CHECK(chat.wait_dm("gaojian", "工作日历即将到期").is_object());
  chat.advance(24 * hour);
  chat.settle();
  CHECK(chat.count_dm("gaojian", "工作日历即将到期") == 1);
  CHECK(service->stop() == 0);
}

TEST_CASE("the QA pass's worst variants, through the local platform") {
  TempDir dir;
  ServiceProcess service(GRIDBOT_BINARY, dir.path().string(), service_args(wednesday_10am));
  LocalChat chat(service.port());

  // "取消" withdraws the only open ticket; it used to file a 安全隐患 ticket of its own.
  chat.post(group1, "zhangwei", "3号楼2单元下水道堵了，污水漫到楼道了");
  REQUIRE(chat.wait_group(group1, "工单号 #1001").is_object());
  chat.post(group1, "zhangwei", "取消");
  CHECK(chat.wait_group(group1, "工单 #1001 已按您的要求撤销").is_object());
  chat.settle();
  CHECK(tickets(service.port()) == 1);

  // A staff command typed with full-width digits and traditional script; "还是漏水" after 办结 reopens.
  chat.post(group1, "zhangwei", "3号楼2单元卫生间天花板漏水，楼上在装修");
  REQUIRE(chat.wait_group(group1, "工单号 #1002").is_object());
  chat.dm("wangfang", "接單　１００２");
  REQUIRE(chat.wait_dm("wangfang", "您已认领工单 #1002").is_object());
  chat.dm("wangfang", "辦結 1002 已让楼上修好防水");
  REQUIRE(chat.wait_group(group1, "工单 #1002 已办结").is_object());
  chat.post(group1, "zhangwei", "还是漏水");
  CHECK(chat.wait_group(group1, "工单 #1002 已重新打开").is_object());
  CHECK(chat.wait_dm("liqiang", "【回访 #1002】").is_object());
  chat.settle();
  CHECK(tickets(service.port()) == 2);

  // "电梯那个" answers "which one?" by what it names.
  chat.post(group1, "zhangwei", "3号楼电梯坏了，按了没反应");
  REQUIRE(chat.wait_group(group1, "工单号 #1003").is_object());
  chat.post(group1, "zhangwei", "不用了");
  REQUIRE(chat.wait_group(group1, "要撤销哪一件").is_object());
  chat.post(group1, "zhangwei", "电梯那个");
  CHECK(chat.wait_group(group1, "工单 #1003 已按您的要求撤销").is_object());
  chat.settle();
  CHECK(tickets(service.port()) == 3);
  CHECK(chat.count_group(group1, "工单 #1002 已按您的要求撤销") == 0);

  // Household violence, with a word between: a minimal receipt in the group, the rest privately.
  chat.post(group1, "liuna", "我老公又打我了 1号楼");
  CHECK(chat.wait_group(group1, "网格员将私信联系您").is_object());
  CHECK(chat.wait_dm("liuna", "工单号 #1004").is_object());
  chat.settle();
  CHECK(chat.count_group(group1, "工单号 #1004。") == 0);
  CHECK(service.stop() == 0);
}
