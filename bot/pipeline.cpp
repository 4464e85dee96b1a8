#include "bot/pipeline.hpp"

#include <optional>
#include <stdexcept>

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "bot/log.hpp"
#include "handlers/dispatch.hpp"

namespace gridbot {

Pipeline::Pipeline(storage::Store& store, const OrganizationSnapshots& orgs, const Policy& policy,
                   const templates::Catalog& text, const Clock& clock, Writer* writer, storage::Store* reader)
    : store_(store), orgs_(orgs), policy_(policy), text_(text), clock_(clock), writer_(writer), reader_(reader) {}

Actions Pipeline::run_handler(const Event& event, const Organization& org, Time now, std::string_view what) {
  // One of the three catch-all boundaries: a handler's bug costs this one event, logged with its
  // context, never the process. The inbox row or fired timer still commits, so a redelivery does
  // not replay the failure forever.
  try {
    Context ctx{now, org, store_.tickets, policy_, text_, &store_.notices, &store_.alerts, &store_.rosters};
    return handle(event, ctx);
  } catch (const std::exception& e) {
    log::error("handler", "{} failed: {}", what, e.what());
  }
  return {};
}

Pipeline::Outcome Pipeline::accept_in(Inbound& message, const std::string& delivery_id, const Record& record) {
  const Time now = clock_.now();
  if (message.received_at == Time{}) message.received_at = now;
  // The writer may run this again (Writer::run_repeatable), so however a run ends, the caller's
  // message is left as it was given: `record` may set its id, and the event borrows it.
  MessageReceived event;
  struct GiveBack {
    Inbound& message;
    Inbound& borrowed;
    std::string given_id;
    bool lent = false;
    ~GiveBack() {
      if (lent) message = std::move(borrowed);
      message.message_id = std::move(given_id);
    }
  } give_back{message, event.message, message.message_id};
  const std::string conversation = storage::InboxRepository::conversation(message.chat_id, message.sender);
  // A redelivery is found before `record` writes anything, so it has nothing to roll back. Only
  // when `record` makes the key (the local platform's message id) does its write come first, in a
  // savepoint: a key seen before rolls that write back and nothing else in the batch.
  std::string key = delivery_id.empty() ? message.message_id : delivery_id;
  const bool record_makes_key = key.empty() && record;
  std::optional<storage::Savepoint> savepoint;
  std::string ref;
  if (record_makes_key) {
    savepoint.emplace(store_.savepoints);
    ref = record(store_, message);
    key = message.message_id;
  }
  if (auto earlier = store_.inbox.find(message.platform, conversation, key)) return {{true, *earlier}, false};  // rolls back
  if (record && !record_makes_key) ref = record(store_, message);
  store_.inbox.insert(message.platform, conversation, key, now, ref);

  // Held until the handler's Actions are applied: the event points into this snapshot.
  const auto org = orgs_.current();
  event.group = message.chat_id.empty() ? nullptr : org->group_by_chat(message.platform, message.chat_id);
  event.sender = org->person_by_account(message.platform, message.sender);
  event.message = std::move(message);  // the handler reads it and never changes it
  give_back.lent = true;
  const std::string what = "message " + event.message.platform + "/" + key;
  Actions actions = run_handler(event, *org, now, what);
  store_.apply(actions, now);
  if (savepoint) savepoint->release();
  log::info("pipeline", "{} from {} handled: {} actions", what, event.sender.id, actions.size());
  return {{false, ref}, !actions.empty()};
}

Pipeline::Chunk Pipeline::fire_due_in(int limit) {
  const Time now = clock_.now();
  Chunk chunk;
  bool stalled = false;
  const auto org = orgs_.current();  // one snapshot for the whole chunk
  const auto due = store_.timers.due(now, limit);
  for (const auto& timer : due) {
    // Each timer in its own savepoint: a database error in one leaves it pending for the next
    // tick without undoing the others.
    try {
      storage::Savepoint savepoint(store_.savepoints);
      if (!store_.timers.mark_fired(timer.id, now)) continue;  // cancelled by an earlier timer in this chunk
      Actions actions = run_handler(timer, *org, timer.due_at, "timer " + std::to_string(timer.id) + " " + timer.kind);
      store_.apply(actions, now);
      savepoint.release();
      ++chunk.fired;
      log::info("timer", "{} for ticket {} fired: {} actions", timer.kind, timer.ticket, actions.size());
    } catch (const SQLite::Exception& e) {
      log::error("timer", "timer {} failed and stays pending: {}", timer.id, e.what());
      if (sqlite3_get_autocommit(store_.db().getHandle())) throw;  // the whole transaction is gone
      stalled = true;  // it would come back first in the next chunk: wait for the next tick
    }
  }
  // A full chunk leaves more behind, and a fired timer may have scheduled one that is already
  // due (the next rung after a long outage): ask again until a chunk fires nothing.
  chunk.more = !stalled && (chunk.fired > 0 || static_cast<int>(due.size()) == limit);
  return chunk;
}

boost::asio::awaitable<Pipeline::Accepted> Pipeline::submit(Inbound message, std::string delivery_id, Record record) {
  if (!writer_) throw std::logic_error("Pipeline::submit needs a writer");
  // A redelivery of a committed message is answered from the reader connection: in a retry storm
  // its copies cost one index lookup each on this thread, not a place in the writer's batch (nor
  // understanding). A copy whose first delivery has not committed yet is not visible here; the
  // writer's own check inside the transaction catches it, as before.
  const std::string& key = delivery_id.empty() ? message.message_id : delivery_id;
  if (reader_ && !key.empty())
    if (auto earlier = reader_->inbox.find(message.platform,
                                           storage::InboxRepository::conversation(message.chat_id, message.sender), key)) {
      // Seen committed, but its first delivery's answer may still wait for the disk: so does this.
      co_await writer_->durable();
      co_return Accepted{true, *earlier};
    }
  // Understanding needs no database: do it here, on the caller's (HTTP) thread, so the one writer
  // thread spends its time on SQL. A redelivery pays for it too, which costs the HTTP thread only.
  if (!message.understood) message.understood = understand::understand(message.text);
  // So are the handlers' word tests of the text ("满意", "催一下", "我的工单"): the text alone decides them.
  if (!message.read) message.read = read_message(message.text);
  Outcome outcome;
  // Repeatable: accept_in gives the message back and `record` only writes, so a second run after a
  // rollback does what the first would have.
  co_await writer_->run_repeatable([&](storage::Store&) { outcome = accept_in(message, delivery_id, record); });
  if (on_commit && outcome.queued) on_commit();
  co_return outcome.accepted;
}

boost::asio::awaitable<int> Pipeline::fire_due_timers_async() {
  if (!writer_) throw std::logic_error("Pipeline::fire_due_timers_async needs a writer");
  int total = 0;
  // One chunk per writer job: between chunks the writer commits intake.
  for (Chunk chunk{0, true}; chunk.more;) {
    co_await writer_->run([&](storage::Store&) { chunk = fire_due_in(timers_per_batch); });
    total += chunk.fired;
    if (chunk.fired && on_commit) on_commit();
  }
  co_return total;
}

Pipeline::Accepted Pipeline::accept(Inbound message, const std::string& delivery_id, const Record& record) {
  SQLite::Transaction tx(store_.db());
  WriteHealth::Attempt attempt(write_health, store_.db());
  Outcome outcome = attempt.guard([&] { return accept_in(message, delivery_id, record); });
  attempt.commit(tx);
  if (on_commit && outcome.queued) on_commit();
  return outcome.accepted;
}

int Pipeline::fire_due_timers() {
  int total = 0;
  for (Chunk chunk{0, true}; chunk.more;) {
    SQLite::Transaction tx(store_.db());
    WriteHealth::Attempt attempt(write_health, store_.db());
    chunk = attempt.guard([&] { return fire_due_in(timers_per_batch); });
    attempt.commit(tx);
    total += chunk.fired;
  }
  if (total && on_commit) on_commit();
  return total;
}

}  // namespace gridbot
