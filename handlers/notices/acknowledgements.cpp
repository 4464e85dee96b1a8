#include "handlers/notices/acknowledgements.hpp"

#include <algorithm>

#include "handlers/rating_words.hpp"
#include "handlers/ticket_choice.hpp"
#include "handlers/text_tools.hpp"
#include "handlers/understand/intent_rules.hpp"
#include "handlers/understand/normalize.hpp"

namespace gridbot {

namespace {

// The resident's ticket in this group waiting for a rating, the one asked last.
std::optional<Ticket> rating_pending_here(const MessageReceived& event, const Context& ctx) {
  std::optional<Ticket> latest;
  for (const auto& t : ctx.tickets.awaiting_rating(event.sender.id))
    if (t.group_id == event.group->id && (!latest || t.resolved_at > latest->resolved_at))
      latest = t;
  return latest;
}

// "1" after the bot asked this person "which ticket? 1. … 2. …" later than the notice went out:
// the question they were just asked takes the bare number.
bool answers_later_question(const MessageReceived& event, const Notice& n, const Context& ctx) {
  const std::string text = strip_punctuation(event.message.text);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  auto stored = ctx.tickets.conversation(event.message.platform, event.message.sender);
  if (!stored) return false;
  auto choice = pending_choice(*stored);
  return choice && choice->asked_at > n.sent_at && choice->asked_at + ctx.policy.conversation_timeout >= ctx.now;
}

}  // namespace

bool reads_as_acknowledgement(std::string_view raw, const understand::Understanding& u) {
  // The understanding module never calls a denial or a question an ack; an Understanding made
  // elsewhere (a stored one, a test's) is held to the same rule.
  return u.intent == understand::Intent::ack && !understand::denies_or_asks(understand::normalize_text(raw));
}

std::optional<Actions> acknowledge_notice(const MessageReceived& event, const Context& ctx) {
  if (!ctx.notices || !event.group) return std::nullopt;
  if (!reads_as_acknowledgement(event.message.text, understanding_of(event.message))) return std::nullopt;
  const auto open = ctx.notices->open_acknowledged_notices(event.group->id, ctx.now);
  if (open.empty()) return std::nullopt;

  const auto& platform = event.message.platform;
  std::optional<std::int64_t> quoted_notice;
  if (event.message.quote) {
    quoted_notice = ctx.notices->notice_of_message(platform, *event.message.quote);
    // Quoting a ticket's message answers that ticket (a rating, a reply), not a notice.
    if (!quoted_notice && ctx.tickets.ticket_of_message(platform, *event.message.quote)) return std::nullopt;
  }
  // The notice it answers: the quoted one, else the newest the sender has not acknowledged yet.
  const Notice* target = nullptr;
  for (const auto& n : open) {
    if (quoted_notice && n.id != *quoted_notice) continue;
    const auto acks = ctx.notices->acknowledgers(n.id, event.group->id);
    if (std::find(acks.begin(), acks.end(), event.sender.id) != acks.end()) continue;
    target = &n;
    break;
  }
  if (!target) return std::nullopt;
  // "1" also rates (满意). Without a quote, the prompt the resident saw last wins.
  if (!quoted_notice && event.sender.kind != Person::Kind::member && event.message.read->rating)
    if (auto t = rating_pending_here(event, ctx); t && t->resolved_at > target->sent_at) return std::nullopt;
  if (!quoted_notice && answers_later_question(event, *target, ctx)) return std::nullopt;
  return Actions{RecordAck{target->id, event.group->id, event.sender.id, event.message.message_id, ctx.now}};
}

}  // namespace gridbot
