#include "storage/store.hpp"

namespace gridbot::storage {

Store::Store(SQLite::Database& db)
    : counters(db),
      tickets(db, counters),
      inbox(db),
      outbox(db, counters),
      timers(db, counters),
      local_chat(db),
      notices(db),
      alerts(db),
      rosters(db),
      savepoints(db, counters),
      db_(db) {}

void Store::apply(const Actions& actions, Time now) {
  for (const auto& action : actions) {
    std::visit(
        [&](const auto& a) {
          using A = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<A, SaveTicket>) tickets.save(a.ticket);
          else if constexpr (std::is_same_v<A, AddSubscriber>) tickets.subscribe(a);
          else if constexpr (std::is_same_v<A, RecordEvent>) tickets.record(a);
          else if constexpr (std::is_same_v<A, SendMessage>) outbox.enqueue(a, now);
          else if constexpr (std::is_same_v<A, ScheduleTimer>) timers.schedule(a);
          else if constexpr (std::is_same_v<A, CancelTimers>) timers.cancel(a.ticket, a.kind);
          else if constexpr (std::is_same_v<A, LinkMessage>) tickets.link(a.platform, a.message_id, a.ticket);
          else if constexpr (std::is_same_v<A, SaveConversation>) tickets.save_conversation(a, now);
          else if constexpr (std::is_same_v<A, SaveNotice>) notices.save(a.notice);
          else if constexpr (std::is_same_v<A, DeliverNotice>) {
            outbox.enqueue(a.message, now);
            notices.add_delivery(a.notice, a.group_id, db_.getLastInsertRowid());
          } else if constexpr (std::is_same_v<A, RecordAck>) notices.record_ack(a);
          else if constexpr (std::is_same_v<A, SaveAlert>) alerts.save(a.alert);
          else if constexpr (std::is_same_v<A, RecordReport>) alerts.record(a);
        },
        action);
  }
}

}  // namespace gridbot::storage
