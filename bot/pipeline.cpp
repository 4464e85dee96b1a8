#include "bot/pipeline.hpp"

#include <SQLiteCpp/Transaction.h>

#include "bot/log.hpp"
#include "handlers/dispatch.hpp"

namespace gridbot {

Pipeline::Pipeline(storage::Store& store, const Organization& org, const Policy& policy, const templates::Catalog& text,
                   const Clock& clock)
    : store_(store), org_(org), policy_(policy), text_(text), clock_(clock) {}

Actions Pipeline::run_handler(const Event& event, Time now, std::string_view what) {
  // One of the three catch-all boundaries: a handler's bug costs this one event, logged with its
  // context, never the process. The inbox row or fired timer still commits, so a redelivery does
  // not replay the failure forever.
  try {
    Context ctx{now, org_, store_.tickets, policy_, text_};
    return handle(event, ctx);
  } catch (const std::exception& e) {
    log::error("handler", "{} failed: {}", what, e.what());
  }
  return {};
}

Pipeline::Accepted Pipeline::accept(Inbound message, const std::string& delivery_id, const Record& record) {
  const Time now = clock_.now();
  if (message.received_at == Time{}) message.received_at = now;
  SQLite::Transaction tx(store_.db());
  WriteHealth::Attempt attempt(write_health, store_.db());
  std::string ref = record ? record(message) : std::string();
  const std::string key = delivery_id.empty() ? message.message_id : delivery_id;
  const std::string conversation = storage::InboxRepository::conversation(message.chat_id, message.sender);
  // A redelivery returns here, which rolls back `record`.
  if (auto earlier = store_.inbox.find(message.platform, conversation, key)) return {true, *earlier};
  store_.inbox.insert(message.platform, conversation, key, now, ref);

  MessageReceived event;
  event.group = message.chat_id.empty() ? nullptr : org_.group_by_chat(message.platform, message.chat_id);
  event.sender = org_.person_by_account(message.platform, message.sender);
  event.message = std::move(message);
  const std::string what = "message " + event.message.platform + "/" + key;
  Actions actions = run_handler(event, now, what);
  store_.apply(actions, now);
  attempt.commit(tx);
  log::info("pipeline", "{} from {} handled: {} actions", what, event.sender.id, actions.size());
  if (on_commit && !actions.empty()) on_commit();
  return {false, ref};
}

int Pipeline::fire_due_timers() {
  int fired = 0;
  // Handlers may schedule timers that are already due (the next rung after a long outage), so
  // ask again until nothing is due.
  for (;;) {
    const Time now = clock_.now();
    auto due = store_.timers.due(now, 64);
    if (due.empty()) break;
    for (const auto& timer : due) {
      SQLite::Transaction tx(store_.db());
      WriteHealth::Attempt attempt(write_health, store_.db());
      if (!store_.timers.mark_fired(timer.id, now)) continue;  // cancelled by an earlier timer in this batch
      Actions actions = run_handler(timer, timer.due_at, "timer " + std::to_string(timer.id) + " " + timer.kind);
      store_.apply(actions, now);
      attempt.commit(tx);
      ++fired;
      log::info("timer", "{} for ticket {} fired: {} actions", timer.kind, timer.ticket, actions.size());
    }
  }
  if (fired && on_commit) on_commit();
  return fired;
}

}  // namespace gridbot
