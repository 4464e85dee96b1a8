// What the webhook route and the long connection do alike with a verified event: read an
// im.message.receive_v1, cap its text, make the Inbound and submit it to the pipeline, whose
// coroutine resumes after the inbox commit. The caller answers (HTTP 200, the {"code":200} frame)
// only after accept() returns.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/feishu/account_config.hpp"
#include "bot/platforms/feishu/incoming.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "templates/catalog.hpp"

namespace gridbot::feishu {

inline constexpr std::string_view kPlatform = "feishu";
inline constexpr std::string_view kMessageReceive = "im.message.receive_v1";

class Intake {
 public:
  // Answers a message at once, outside the outbox (nothing is stored for it): the adapter's
  // sender replying to `message_id` with `text`.
  using AnswerNow = std::function<boost::asio::awaitable<void>(const AccountConfig& account, std::string message_id,
                                                               std::string text)>;

  Intake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock, const templates::Catalog& text,
         platforms::TextCap cap);
  void set_answer_now(AnswerNow answer) { answer_now_ = std::move(answer); }

  enum class Outcome { stored, duplicate, ignored };
  // ignored: an event type gridbot does not subscribe to, a message from a bot, or one with no
  // text (a picture, a file, a bare @): answered 200 so Feishu stops pushing it, nothing stored;
  // a person's message without text is answered once, so they know it was not read. Unexpected:
  // the message could not be read (answered 4xx). Throws only when the database fails (nothing
  // was written; the caller answers so that Feishu delivers it again).
  boost::asio::awaitable<std::expected<Outcome, Error>> accept(const AccountConfig& account,
                                                               const EventEnvelope& envelope);

 private:
  Pipeline& pipeline_;
  const OrganizationSnapshots& orgs_;
  const Clock& clock_;
  const templates::Catalog& text_;
  platforms::TextCap cap_;
  AnswerNow answer_now_;
};

}  // namespace gridbot::feishu
