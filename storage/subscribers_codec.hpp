// A ticket's `subscribers` column: a JSON array of {"person","platform","user"} objects.
//
// Why not nlohmann alone: a ticket many residents "+1" carries hundreds of subscribers, and each of
// them follows it, so every message of theirs reads it back. On the soak's grown database the
// writer spent 84% of each message decoding such rows through a JSON document (about 315 k
// instructions per ticket, 17 tickets per message). The column is only ever written by
// encode_subscribers, so reading exactly that shape needs no document; anything else stored there
// (an escape, a hand-edited row) goes through the JSON parser as before.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "handlers/ticket.hpp"

namespace gridbot::storage {

std::string encode_subscribers(const std::vector<Subscriber>& subscribers);
std::vector<Subscriber> decode_subscribers(std::string_view text);

}  // namespace gridbot::storage
