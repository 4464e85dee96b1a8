// Every adapter turns a platform's message text into an Inbound's text through here, so one
// limit holds everywhere downstream: understanding reads, tickets, audit events and notices all
// copy the text, and a 1 MiB post would otherwise be stored several times and parsed for seconds
// on the event loop.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gridbot::platforms {

struct TextCap {
  std::size_t max_bytes = 8 * 1024;
  std::string marker;  // appended to a cut text (templates: inbound.truncated); counts toward max_bytes
};

// NFC, surrounding white space trimmed, then cut at a character boundary so that text and marker
// fit in max_bytes. Invalid UTF-8 is replaced (U+FFFD) rather than stored.
std::string capped_text(std::string_view raw, const TextCap& cap);

}  // namespace gridbot::platforms
