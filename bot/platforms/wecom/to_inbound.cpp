#include "bot/platforms/wecom/to_inbound.hpp"

namespace gridbot::wecom {

std::string_view not_read_template(NotRead why) {
  switch (why) {
    case NotRead::media: return "wecom.media_not_read";
    case NotRead::empty: return "wecom.empty_message";
  }
  return "wecom.empty_message";
}

std::expected<Inbound, NotRead> to_inbound(const IncomingMessage& message, std::string_view account,
                                           std::string sender, const platforms::TextCap& cap, Time now) {
  std::string text = platforms::capped_text(message.text, cap);
  if (text.empty()) return std::unexpected(message.media_url.empty() ? NotRead::empty : NotRead::media);
  Inbound in;
  in.platform = std::string(kPlatform);
  in.message_id = message.message_id;
  // The chat kind decides, not whether WeCom sent a chatid: a direct message is keyed by its sender.
  if (message.chat_kind == ChatKind::group) in.chat_id = message.chat_id;
  in.sender = std::move(sender);
  in.text = std::move(text);
  in.received_at = now;
  in.account = std::string(account);
  // WeCom quotes content, not an id; a quoted photo has no text to show, so it is left out.
  if (message.quote && !message.quote->text.empty()) in.quoted_text = platforms::capped_text(message.quote->text, cap);
  in.mentions = message.mentions;
  in.bot_mentioned = message.bot_mentioned;
  // One handle per message: the response_url of an HTTP callback, else the long connection's
  // req_id. The sender tells them apart by the URL's scheme.
  in.reply_handle = !message.reply.response_url.empty() ? message.reply.response_url : message.reply.req_id;
  return in;
}

}  // namespace gridbot::wecom
