// Platforms count a message's size in bytes and cut or refuse what is over (PROTOCOLS.md §0 item
// 10): the outbox sender splits such a text into numbered parts before any of it is sent, and an
// adapter may split its own bodies the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gridbot::platforms {

// `text` cut into parts of at most `max_bytes` bytes each, at UTF-8 character boundaries
// (preferring a line break in the second half of a part), each part numbered "(1/2) ", "(2/2) "
// within the limit. A text that fits comes back whole and unnumbered. `max_bytes` is taken as at
// least 32 (a label and a few characters). Invalid UTF-8 is replaced (U+FFFD) first.
std::vector<std::string> split_for_limit(std::string_view text, std::size_t max_bytes);

}  // namespace gridbot::platforms
