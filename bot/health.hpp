// GET /healthz: "ok" (200) only while the service can write; "degraded" (503) with the reason
// after a failed commit, until one succeeds. Also what an operator watches: the outbox's backlog
// and its oldest pending row's age, dead letters, pending timers.
#pragma once

#include "bot/http/router.hpp"
#include "bot/write_health.hpp"
#include "handlers/time.hpp"
#include "storage/store.hpp"

namespace gridbot {

// `calendar` is the working calendar's coverage (handlers/calendar_watch): a warning, never a 503.
http::Response health_response(const WriteHealth& writes, storage::Store& store, Time now, nlohmann::json calendar);

}  // namespace gridbot
