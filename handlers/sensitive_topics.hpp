// Matters that are nobody else's business whatever their category: a message carrying an ID
// number, or naming domestic violence, abuse, a minor at risk, a welfare application or a medical
// condition. Such a ticket gets a minimal receipt in the group and everything else privately.
#pragma once

#include <string_view>

namespace gridbot {

bool is_sensitive_matter(std::string_view text);

}  // namespace gridbot
