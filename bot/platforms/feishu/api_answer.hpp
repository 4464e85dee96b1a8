// Feishu's answers, read for the connection part (PROTOCOLS.md §2.2): the tenant token, and what a
// send's answer means for the outbox, as the seam's SendResult. Feishu puts its verdict in the
// body's `code`, often under HTTP 200 or 400 even for a bad token (§0 item 2): branch on the code.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "bot/platforms/adapter.hpp"
#include "handlers/time.hpp"

namespace gridbot::feishu {

struct TenantToken {
  std::string token;  // tenant_access_token, sent as Authorization: Bearer …; never logged
  Seconds expires_in{};  // `expire`, not expires_in
};

// Refresh this long before expiry, as the official SDK does.
inline constexpr Seconds kTokenRefreshMargin{180};

// {code:0, tenant_access_token, expire}; otherwise a sentence an admin can act on.
std::expected<TenantToken, std::string> parse_tenant_token(int http_status, std::string_view body);

// code 0 → ok with data.message_id. 99991663/99991664/99991661 → token_expired. 99991400 or HTTP 429
// → rate_limited until now + x-ogw-ratelimit-reset when Feishu said how long, else retry.
// 11232/11233 (custom bot, system pressure), 5xx and unreadable bodies → retry. 230001, 230002,
// 99991672 and every other code → permanent with advice.
platforms::SendResult classify_answer(int http_status, std::string_view body,
                                      std::optional<Seconds> ratelimit_reset, Time now);

// The x-ogw-ratelimit-reset header: whole seconds to wait; nullopt when absent or not a number.
std::optional<Seconds> parse_ratelimit_reset(std::string_view header);

}  // namespace gridbot::feishu
