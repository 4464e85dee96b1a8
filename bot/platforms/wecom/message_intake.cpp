#include "bot/platforms/wecom/message_intake.hpp"

#include "bot/log.hpp"

namespace gridbot::wecom {

MessageIntake::MessageIntake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock,
                             const templates::Catalog& text, platforms::TextCap cap, SenderResolver resolver)
    : pipeline_(pipeline), orgs_(orgs), clock_(clock), text_(text), cap_(std::move(cap)), resolver_(std::move(resolver)) {}

boost::asio::awaitable<std::string> MessageIntake::plain_userid(const AccountConfig& account,
                                                                const IncomingMessage& message) {
  // Only the AI bot may give an open_userid; the self-built app's FromUserName is the userid.
  if (!account.open_userid || !resolver_ || !message.agent_id.empty()) co_return message.sender;
  try {
    std::string userid = co_await resolver_(account, message.sender);
    co_return userid.empty() ? message.sender : userid;
  } catch (const std::exception& e) {
    // The message still counts: under the id as given, the handlers treat the sender as unknown
    // and answer so, which beats losing what they wrote while WeCom's API is unreachable.
    log::warn("wecom", "account {}: could not convert an open_userid ({}); taking the id as given", account.name,
              e.what());
    co_return message.sender;
  }
}

boost::asio::awaitable<IntakeOutcome> MessageIntake::accept(const AccountConfig& account, const IncomingMessage& message) {
  std::string sender = co_await plain_userid(account, message);
  // WeCom shows no chatid anywhere in its apps: this line is how an operator learns it.
  if (message.chat_kind == ChatKind::group && !orgs_.current()->group_by_chat(kPlatform, message.chat_id))
    log::info("wecom", "account {}: a message from group chatid {}, which the organization file has no group for",
              account.name, message.chat_id);
  auto inbound = to_inbound(message, account.name, std::move(sender), cap_, clock_.now());
  if (!inbound) co_return IntakeOutcome{false, text_.render(not_read_template(inbound.error()))};
  auto accepted = co_await pipeline_.submit(std::move(*inbound), message.message_id);
  co_return IntakeOutcome{accepted.duplicate, std::nullopt};
}

}  // namespace gridbot::wecom
