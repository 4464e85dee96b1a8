// What a send's answer does to its outbox row, in the writer's transaction: sent (and linked to
// its ticket), retried after a backoff, deferred without spending an attempt, or a dead letter
// with the platform's code and an admin's sentence.
#pragma once

#include "bot/platforms/adapter.hpp"
#include "storage/store.hpp"

namespace gridbot::outbox {

inline constexpr int max_attempts = 8;

// Exponential from 2 s, capped at 10 min, unless the platform said how long.
Seconds backoff(int attempts_so_far, Seconds platform_hint);

void record(storage::Store& store, Time now, const storage::OutboxRow& row, const platforms::SendResult& result);

}  // namespace gridbot::outbox
