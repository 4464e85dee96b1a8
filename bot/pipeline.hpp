// The one path for everything: inbox dedupe → handler → Actions → one transaction with the
// state, outbox and timer rows. Webhooks are answered only after accept() returns.
#pragma once

#include <functional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "bot/clock.hpp"
#include "bot/write_health.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"
#include "storage/store.hpp"

namespace gridbot {

class Pipeline {
 public:
  Pipeline(storage::Store& store, const Organization& org, const Policy& policy, const templates::Catalog& text,
           const Clock& clock);

  struct Accepted {
    bool duplicate = false;
    std::string ref;  // what the first delivery recorded (the local platform's message id)
  };

  // Runs inside the transaction before the dedupe check: a platform that stores the message
  // itself (the local one) does it here, so the message and its effects commit together. It may
  // fill in the Inbound's ids and returns the reference to remember for redeliveries.
  using Record = std::function<std::string(Inbound&)>;

  // Deduplicates on (platform, conversation, delivery id), handles, applies, commits. Throws only
  // when the database fails; then nothing was written and the caller answers 5xx so the platform
  // retries.
  Accepted accept(Inbound message, const std::string& delivery_id, const Record& record = {});

  // Fires every timer due at the clock's now, oldest first, each in its own transaction with its
  // effects. A handler runs as of its timer's due time, so after downtime or a clock jump later
  // deadlines stay on schedule. Returns how many fired.
  int fire_due_timers();

  // Called after every commit that may have queued messages.
  std::function<void()> on_commit;
  // Told of every commit and every failed one (/healthz).
  WriteHealth* write_health = nullptr;

 private:
  Actions run_handler(const Event& event, Time now, std::string_view what);

  storage::Store& store_;
  const Organization& org_;
  const Policy& policy_;
  const templates::Catalog& text_;
  const Clock& clock_;
};

}  // namespace gridbot
