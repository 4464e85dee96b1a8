// The one path for everything: inbox dedupe → handler → Actions → one transaction with the
// state, outbox and timer rows. Webhooks are answered only after their transaction commits.
//
// The service uses the awaitable calls (submit, fire_due_timers_async): the work runs on the
// writer thread inside a group-committed batch (see bot/writer.hpp) and the coroutine resumes
// after the commit. The synchronous calls (accept, fire_due_timers) run the same code in their own
// transaction on the calling thread, for tests and benches that hold the only connection.
#pragma once

#include <functional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "bot/awaitable.hpp"
#include "bot/clock.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/write_health.hpp"
#include "bot/writer.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"
#include "storage/store.hpp"

namespace gridbot {

class Pipeline {
 public:
  // `writer` writes `store` on its own thread; without one only the synchronous calls work.
  // `reader` is the caller's read-only connection: submit() looks for a redelivery there first.
  // Each job (one message, one chunk of timers) takes the organization's current snapshot once,
  // on the writer thread, and handles everything in it against that snapshot.
  Pipeline(storage::Store& store, const OrganizationSnapshots& orgs, const Policy& policy, const templates::Catalog& text,
           const Clock& clock, Writer* writer = nullptr, storage::Store* reader = nullptr);

  struct Accepted {
    bool duplicate = false;
    std::string ref;  // what the first delivery recorded (the local platform's message id)
  };

  // Runs inside the transaction: a platform that stores the message itself (the local one) does
  // it here, so the message and its effects commit together. It returns the reference to remember
  // for redeliveries, and may fill in the Inbound's id when the delivery has none: then it runs
  // before the dedupe check, otherwise after it (a redelivery never calls it). It writes only
  // through the Store it is given (under submit(), on the writer thread), and may run again after
  // its writes were rolled back (Writer::run_repeatable), with the Inbound as first given.
  using Record = std::function<std::string(storage::Store&, Inbound&)>;

  // Deduplicates on (platform, conversation, delivery id), handles, applies; resumes once that has committed.
  // Throws only when the database fails; then nothing of this message was written and the caller
  // answers 5xx so the platform retries.
  boost::asio::awaitable<Accepted> submit(Inbound message, std::string delivery_id, Record record = {});

  // Fires every timer due at the clock's now, oldest first, each in its own savepoint with its
  // effects, a chunk per writer batch so intake keeps flowing during a long replay. A handler runs
  // as of its timer's due time, so after downtime or a clock jump later deadlines stay on
  // schedule. Returns how many fired.
  boost::asio::awaitable<int> fire_due_timers_async();

  // The same two on the calling thread, each message or chunk in its own transaction.
  Accepted accept(Inbound message, const std::string& delivery_id, const Record& record = {});
  int fire_due_timers();

  // Called after every commit that may have queued messages (on the caller's thread).
  std::function<void()> on_commit;
  // Told of every commit and every failed one (/healthz).
  WriteHealth* write_health = nullptr;

  static constexpr int timers_per_batch = 64;

 private:
  struct Outcome {
    Accepted accepted;
    bool queued = false;  // the handler produced Actions: the sender should look
  };
  // Both run inside a transaction the caller holds.
  struct Chunk {
    int fired = 0;
    bool more = false;  // the chunk was full: more timers may be due
  };
  Outcome accept_in(Inbound& message, const std::string& delivery_id, const Record& record);
  Chunk fire_due_in(int limit);
  Actions run_handler(const Event& event, const Organization& org, Time now, std::string_view what);

  storage::Store& store_;
  const OrganizationSnapshots& orgs_;
  const Policy& policy_;
  const templates::Catalog& text_;
  const Clock& clock_;
  Writer* writer_;
  storage::Store* reader_;
};

}  // namespace gridbot
