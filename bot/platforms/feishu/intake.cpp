#include "bot/platforms/feishu/intake.hpp"

#include "bot/log.hpp"

namespace gridbot::feishu {

Intake::Intake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock, const templates::Catalog& text,
               platforms::TextCap cap)
    : pipeline_(pipeline), orgs_(orgs), clock_(clock), text_(text), cap_(std::move(cap)) {}

boost::asio::awaitable<std::expected<Intake::Outcome, Error>> Intake::accept(const AccountConfig& account,
                                                                             const EventEnvelope& envelope) {
  if (envelope.event_type != kMessageReceive) {
    log::debug("feishu", "account {}: event {} ignored (gridbot reads only {})", account.name, envelope.event_type,
               kMessageReceive);
    co_return Outcome::ignored;
  }
  // The bot's identity is not configured: its own mention is the one whose mentioned_type is "bot".
  const BotIdentity bot;
  auto message = parse_message_receive(envelope, bot);
  if (!message) co_return std::unexpected(message.error());
  // Another app's bot in the group: answering it could start two bots talking to each other.
  if (message->sender_type != "user") co_return Outcome::ignored;
  // Feishu shows no chat_id in its apps: this line is how an operator learns it.
  if (message->chat_kind == ChatKind::group && !orgs_.current()->group_by_chat(kPlatform, message->chat_id))
    log::info("feishu", "account {}: a message from chat {}, which the organization file has no group for",
              account.name, message->chat_id);
  Inbound inbound = to_inbound(*message, account.name, clock_.now());
  inbound.text = platforms::capped_text(inbound.text, cap_);
  if (inbound.text.empty()) {
    // In a group only a message to the bot is answered: others' pictures are not its business.
    if (answer_now_ && (message->chat_kind == ChatKind::direct || message->bot_mentioned)) {
      const char* id = message->message_type == "text" || message->message_type == "post" ? "feishu.empty_message"
                                                                                          : "feishu.media_not_read";
      co_await answer_now_(account, message->message_id, text_.render(id));
    }
    co_return Outcome::ignored;
  }
  // Deduped on message_id, not event_id: Feishu sometimes pushes one message as two events.
  // Every argument named: a default argument inside co_await is a temporary g++ 12 destroys twice.
  const Pipeline::Record no_record;
  auto accepted = co_await pipeline_.submit(std::move(inbound), message->message_id, no_record);
  co_return accepted.duplicate ? Outcome::duplicate : Outcome::stored;
}

}  // namespace gridbot::feishu
