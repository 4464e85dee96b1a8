// What the HTTP callback and the Stream connection do alike with a robot message: cap the text,
// make the Inbound and submit it to the pipeline, whose coroutine resumes after the inbox commit.
// The caller answers (HTTP 200, the CALLBACK ack) only after accept() returns.
#pragma once

#include <string_view>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/net/http_client.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/dingtalk/account_config.hpp"
#include "bot/platforms/dingtalk/incoming.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "templates/catalog.hpp"

namespace gridbot::dingtalk {

inline constexpr std::string_view kPlatform = "dingtalk";

class Intake {
 public:
  Intake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock, const templates::Catalog& text,
         platforms::TextCap cap, net::HttpClient& http);

  // True for a redelivery (the inbox had it, nothing changed). A message with no text (a picture,
  // a file, a bare @) is not stored: it is answered once through its sessionWebhook, so the sender
  // knows it was not read. Throws only when the database fails (nothing was written; the caller
  // answers so that DingTalk delivers it again).
  boost::asio::awaitable<bool> accept(const AccountConfig& account, const RobotMessage& message);

  const Clock& clock() const { return clock_; }

 private:
  boost::asio::awaitable<void> answer_not_read(const RobotMessage& message);

  Pipeline& pipeline_;
  const OrganizationSnapshots& orgs_;
  const Clock& clock_;
  const templates::Catalog& text_;
  platforms::TextCap cap_;
  net::HttpClient& http_;
};

}  // namespace gridbot::dingtalk
