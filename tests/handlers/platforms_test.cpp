// The platform seam as handlers see it: answers go back through the account and reply handle the
// message came with, and staff are notified where the organization prefers to reach them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"
#include "tests/support/world.hpp"

using namespace gridbot;
using testing::World;

namespace {

const std::string group1 = "xfl-1-group";

Actions receive(World& w, Inbound in) {
  in.received_at = w.now;
  const Group* group = in.chat_id.empty() ? nullptr : w.org.group_by_chat(in.platform, in.chat_id);
  MessageReceived event{in, group, w.org.person_by_account(in.platform, in.sender)};
  w.last = handle(event, w.context());
  w.tickets.apply(w.last);
  return w.last;
}

Inbound from(const std::string& chat, const std::string& sender, const std::string& text) {
  Inbound in;
  in.platform = "local";
  in.message_id = "m1";
  in.chat_id = chat;
  in.sender = sender;
  in.text = text;
  in.account = "bot-a";
  in.reply_handle = "handle-42";
  return in;
}

// The sample organization with wangfang also on `extra_platform`, and a preference order.
OrganizationFile organization_with(const std::string& extra_platform, const nlohmann::json& preference) {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  for (auto& m : doc["members"])
    if (m["id"] == "wangfang") m["accounts"][extra_platform] = "wf-" + extra_platform;
  if (!preference.is_null()) doc["platform_preference"] = preference;
  return {doc.dump(), "org.json", "."};
}

}  // namespace

TEST_CASE("a receipt in the group goes back through the account and the reply handle the report came with") {
  World w;
  auto actions = receive(w, from(group1, "zhangwei", "3号楼2单元下水道堵了"));
  auto receipts = testing::to_chat_(actions, group1);
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].account == "bot-a");
  CHECK(receipts[0].reply_to == "handle-42");
  CHECK(receipts[0].mentions == std::vector<std::string>{"zhangwei"});
  // The member's notice is a new conversation: no handle of someone else's message.
  auto notice = testing::to_user_(actions, "wangfang");
  REQUIRE(notice.size() == 1);
  CHECK(notice[0].reply_to.empty());
  CHECK(notice[0].account.empty());
}

TEST_CASE("a group message with no handle is answered proactively, from the group's account") {
  World w;
  auto in = from(group1, "zhangwei", "3号楼2单元下水道堵了");
  in.account.clear();
  in.reply_handle.clear();
  auto receipts = testing::to_chat_(receive(w, in), group1);
  REQUIRE(receipts.size() == 1);
  CHECK(receipts[0].reply_to.empty());
  CHECK(receipts[0].account == w.org.group_by_chat("local", group1)->account);
}

TEST_CASE("an answer to a direct message carries its reply handle") {
  World w;
  auto answers = testing::to_user_(receive(w, from("", "wangfang", "我的工单")), "wangfang");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].reply_to == "handle-42");
  CHECK(answers[0].account == "bot-a");
}

TEST_CASE("staff are notified on the first preferred platform they are on, else on the ticket's") {
  SUBCASE("preference wecom first: the member hears on wecom of a ticket reported on local") {
    World w(organization_with("wecom", {"wecom", "local"}));
    auto actions = receive(w, from(group1, "zhangwei", "3号楼2单元下水道堵了"));
    auto notice = testing::to_user_(actions, "wf-wecom");
    REQUIRE(notice.size() == 1);
    CHECK(notice[0].platform == "wecom");
    CHECK(notice[0].ticket == 1001);
    CHECK(testing::to_user_(actions, "wangfang").empty());
  }
  SUBCASE("no preference: the ticket's platform") {
    World w(organization_with("wecom", nullptr));
    auto notice = testing::to_user_(receive(w, from(group1, "zhangwei", "3号楼2单元下水道堵了")), "wangfang");
    REQUIRE(notice.size() == 1);
    CHECK(notice[0].platform == "local");
  }
  SUBCASE("a preferred platform the member is not on is passed over") {
    World w(organization_with("dingtalk", {"feishu", "dingtalk"}));
    auto notice = testing::to_user_(receive(w, from(group1, "zhangwei", "3号楼2单元下水道堵了")), "wf-dingtalk");
    REQUIRE(notice.size() == 1);
    CHECK(notice[0].platform == "dingtalk");
  }
}

TEST_CASE("platform_preference must be a list of names; a mistake names the file and the key") {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  doc["platform_preference"] = "wecom";
  CHECK_THROWS_WITH_AS(parse_organization(doc.dump(), "org.json"), doctest::Contains("org.json: organization.platform_preference"),
                       ConfigError);
  doc["platform_preference"] = {"wecom", ""};
  CHECK_THROWS_WITH_AS(parse_organization(doc.dump(), "org.json"),
                       doctest::Contains("org.json: organization.platform_preference[1]"), ConfigError);
}
