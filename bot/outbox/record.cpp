#include "bot/outbox/record.hpp"

#include <algorithm>

#include "bot/log.hpp"

namespace gridbot::outbox {

using platforms::SendResult;

Seconds backoff(int attempts_so_far, Seconds platform_hint) {
  if (platform_hint.count() > 0) return platform_hint;
  return Seconds(std::min<std::int64_t>(600, 2LL << std::min(attempts_so_far, 20)));
}

namespace {
// `end`: how it ended (notice delivery_end), kept on a notice's copy with the code; the English
// `error` stays in the row and the log, for whoever reads those.
void dead(storage::Store& store, const storage::OutboxRow& row, const std::string& error, int errcode, const char* end) {
  store.outbox.mark_dead(row.id, error, errcode);
  store.notices.record_outcome(row.position(), "dead", errcode, end);
  log::error("outbox", "row {} to {} is a dead letter (errcode {}): {}", row.id, row.message.platform, errcode, error);
}
}  // namespace

void record(storage::Store& store, Time now, const storage::OutboxRow& row, const SendResult& result) {
  switch (result.kind) {
    case SendResult::Kind::ok:
      store.outbox.mark_sent(row.id, result.platform_message_id, now);
      // A notice's copy remembers it was sent: retention may delete this row before the report is read.
      store.notices.record_outcome(row.position(), "sent");
      // A reply that quotes this message finds its ticket.
      if (row.message.ticket && !result.platform_message_id.empty())
        store.tickets.link(row.message.platform, result.platform_message_id, *row.message.ticket);
      return;
    case SendResult::Kind::rate_limited:
      // The platform's own "not before": the row waits without losing an attempt.
      store.outbox.defer(row.id, std::max(result.until, now + Seconds(1)), result.error);
      log::warn("outbox", "row {} to {} is rate limited for {}s: {}", row.id, row.message.platform,
                (std::max(result.until, now + Seconds(1)) - now).count(), result.error);
      return;
    case SendResult::Kind::retry:
    case SendResult::Kind::token_expired:  // the sender refreshed once already: a second one is a retry
      if (row.attempts + 1 >= max_attempts) {
        dead(store, row, "gave up after " + std::to_string(max_attempts) + " attempts: " + result.error, result.errcode,
             delivery_end::gave_up);
      } else {
        const Seconds wait = backoff(row.attempts, result.retry_after);
        store.outbox.mark_retry(row.id, now + wait, result.error);
        log::warn("outbox", "row {} to {} will be retried in {}s: {}", row.id, row.message.platform, wait.count(), result.error);
      }
      return;
    case SendResult::Kind::permanent:
      dead(store, row, result.error, result.errcode, delivery_end::permanent);
      return;
  }
}

}  // namespace gridbot::outbox
