// Text normalization, done once at the start of understanding (ARCHITECTURE.md "Text"): every
// later stage (slots, urgency, lexicon, model) sees the same canonical form, so none of them has
// to know about full-width digits, traditional script or invalid bytes.
#pragma once

#include <string>
#include <string_view>

namespace gridbot::understand {

// Longest text (in code points) that is understood. Longer messages are truncated so a 100 KB
// paste costs bounded time; real requests, even long rambling ones, fit well within it.
inline constexpr size_t max_understood_chars = 4096;

// Repairs UTF-8, applies NFKC (full-width forms, circled digits), converts traditional to
// simplified script, fixes common homophone typos, drops invisible characters and collapses
// whitespace. Letters keep their case because building letters ("B座") are upper case.
std::u32string normalize_text(std::string_view raw);

// True when the text holds a character the traditional-to-simplified conversion would change.
bool has_traditional(std::u32string_view text);

// True when normalize_text of this one character alone is the character itself (most CJK
// ideographs; not ASCII letters, which NFKC may compose with a mark after them): a parser folding a text one character at a time
// (handlers/command_parser.cpp) skips the normalizer for those, by table.
bool folds_to_itself(char32_t c);

}  // namespace gridbot::understand
