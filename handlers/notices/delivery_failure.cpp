#include "handlers/notices/delivery_failure.hpp"

#include <array>

namespace gridbot {

namespace {

struct Code {
  std::string_view platform;
  int errcode;
  DeliveryFailure failure;
};

// The codes docs/PROTOCOLS.md names, by what staff can do about them. A code missing here is
// "unknown" and shown with its number, for the administrator to look up.
constexpr std::array<Code, 14> codes{{
    {"wecom", 45009, DeliveryFailure::rate_limited},     // api freq out of limit
    {"wecom", 45033, DeliveryFailure::rate_limited},     // concurrency limit
    {"wecom", 40001, DeliveryFailure::credentials},      // invalid secret
    {"wecom", 40014, DeliveryFailure::credentials},      // invalid access_token
    {"wecom", 42001, DeliveryFailure::credentials},      // access_token expired
    {"dingtalk", 130101, DeliveryFailure::rate_limited},  // over 20 a minute: the robot is blocked
    {"dingtalk", 310000, DeliveryFailure::credentials},   // sign not match: the robot's secret
    {"feishu", 99991400, DeliveryFailure::rate_limited},  // frequency limit
    {"feishu", 11232, DeliveryFailure::rate_limited},     // system pressure at :00 and :30
    {"feishu", 11233, DeliveryFailure::rate_limited},     // the bot throttled
    {"feishu", 99991661, DeliveryFailure::credentials},   // missing token
    {"feishu", 99991663, DeliveryFailure::credentials},   // invalid tenant token
    {"feishu", 99991664, DeliveryFailure::credentials},   // expired tenant token
    {"feishu", 230002, DeliveryFailure::bot_removed},     // the bot is not in the chat
}};

}  // namespace

DeliveryFailure classify_delivery_failure(std::string_view platform, int errcode, bool group_known) {
  // A group taken out of the organization since: whatever the platform said, the group is gone.
  if (!group_known) return DeliveryFailure::group_not_found;
  for (const auto& c : codes)
    if (c.platform == platform && c.errcode == errcode) return c.failure;
  return DeliveryFailure::unknown;
}

std::string delivery_failure_text(const NoticeDelivery& d, const Context& ctx) {
  const Group* g = ctx.org.group(d.group_id);
  const auto failure = classify_delivery_failure(g ? std::string_view(g->platform) : std::string_view(), d.errcode, g != nullptr);
  switch (failure) {
    case DeliveryFailure::rate_limited: return ctx.text.render("notice.failure.rate_limited");
    case DeliveryFailure::bot_removed: return ctx.text.render("notice.failure.bot_removed");
    case DeliveryFailure::credentials: return ctx.text.render("notice.failure.credentials");
    case DeliveryFailure::group_not_found: return ctx.text.render("notice.failure.group_not_found");
    case DeliveryFailure::unknown: break;
  }
  return ctx.text.render("notice.failure.unknown", {{"code", std::to_string(d.errcode)},
                                                    {"gave_up", d.failure == delivery_end::gave_up ? "yes" : "no"}});
}

}  // namespace gridbot
