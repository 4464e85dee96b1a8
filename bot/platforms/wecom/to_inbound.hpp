// A decrypted WeCom message (incoming.hpp) as the pipeline takes it: the same Inbound whether it
// came by the AI bot's HTTP callback, its long connection or the self-built app's callback.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "bot/platforms/inbound_text.hpp"
#include "bot/platforms/wecom/incoming.hpp"
#include "handlers/events.hpp"

namespace gridbot::wecom {

inline constexpr std::string_view kPlatform = "wecom";

// Why a message is answered at once instead of going to the pipeline: the handlers read text, and
// a resident whose photo vanished without a word would think it was seen.
enum class NotRead {
  media,  // an image, file or video: only its URL came, valid 5 minutes, and nothing reads it
  empty,  // nothing but the bot's @-mention (or white space)
};

// The template of the sentence that answers a message that is not read.
std::string_view not_read_template(NotRead why);

// `account` is the config name of the account it came in on, `sender` the member's plain userid
// (an AI bot's open_userid already converted by the caller when the account asks for it: that is
// an API call, and this is pure), `now` when it was received.
std::expected<Inbound, NotRead> to_inbound(const IncomingMessage& message, std::string_view account,
                                           std::string sender, const platforms::TextCap& cap, Time now);

}  // namespace gridbot::wecom
