// What the HTTP callback and the long connection do alike with an AI bot's or an app's message:
// convert the sender, make the Inbound, and submit it to the pipeline — or, for what is not read,
// say what to answer at once. The caller answers (an empty 200, a passive reply, a frame) only
// after this returns, that is after the inbox commit.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/to_inbound.hpp"
#include "templates/catalog.hpp"

namespace gridbot::wecom {

// An AI bot's encrypted open_userid → the member's plain userid (batch/openuserid_to_userid,
// cached; the sending side's API client does the call). Throws when WeCom cannot be asked.
using SenderResolver = std::function<boost::asio::awaitable<std::string>(const AccountConfig&, std::string open_userid)>;

struct IntakeOutcome {
  bool duplicate = false;             // a redelivery: the inbox had it, nothing changed
  std::optional<std::string> answer;  // not read: this sentence answers it at once, nothing stored
};

class MessageIntake {
 public:
  MessageIntake(Pipeline& pipeline, const OrganizationSnapshots& orgs, const Clock& clock, const templates::Catalog& text,
                platforms::TextCap cap, SenderResolver resolver = {});

  // Throws only when the database fails (nothing was written: the caller answers so WeCom retries).
  boost::asio::awaitable<IntakeOutcome> accept(const AccountConfig& account, const IncomingMessage& message);

  const templates::Catalog& text() const { return text_; }
  const Clock& clock() const { return clock_; }

 private:
  boost::asio::awaitable<std::string> plain_userid(const AccountConfig& account, const IncomingMessage& message);

  Pipeline& pipeline_;
  const OrganizationSnapshots& orgs_;
  const Clock& clock_;
  const templates::Catalog& text_;
  platforms::TextCap cap_;
  SenderResolver resolver_;
};

}  // namespace gridbot::wecom
