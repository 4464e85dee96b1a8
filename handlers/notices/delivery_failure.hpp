// Why a notice's copy could not be delivered, in words staff can act on: chosen by the platform's
// code and how the send ended, never by the adapter's English (which stays in the outbox row and
// the log, for the administrator).
#pragma once

#include <string>
#include <string_view>

#include "handlers/context.hpp"

namespace gridbot {

enum class DeliveryFailure { rate_limited, bot_removed, credentials, group_not_found, unknown };

// `platform`: the group's; `group_known`: the group is still in the organization.
DeliveryFailure classify_delivery_failure(std::string_view platform, int errcode, bool group_known);

// The sentence for a dead copy (templates "notice.failure.*").
std::string delivery_failure_text(const NoticeDelivery& d, const Context& ctx);

}  // namespace gridbot
