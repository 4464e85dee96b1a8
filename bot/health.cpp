#include "bot/health.hpp"

namespace gridbot {

http::Response health_response(const WriteHealth& writes, storage::Store& store, Time now, nlohmann::json calendar) {
  const WriteHealth::State state = writes.state();
  const auto oldest = store.outbox.oldest_pending();
  nlohmann::json body{{"status", state.ok ? "ok" : "degraded"},
                      {"tickets", store.tickets.count()},
                      {"outbox_pending", store.outbox.count("pending")},
                      // Seconds the oldest unsent message has waited: a stuck sender shows here first.
                      {"outbox_oldest_pending_seconds", oldest ? std::max<std::int64_t>(0, (now - *oldest).count()) : 0},
                      {"outbox_dead", store.outbox.count("dead")},
                      {"timers_pending", store.timers.count_pending()},
                      {"failed_commits", state.failures},
                      {"calendar", std::move(calendar)},
                      {"now", now.time_since_epoch().count()}};
  if (!state.ok) body["reason"] = "the last write failed: " + state.reason;
  return http::json_response(state.ok ? http::Status::ok : http::Status::service_unavailable, body);
}

}  // namespace gridbot
