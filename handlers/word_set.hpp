// Whether a text holds any word of a fixed list, in one pass over the text. The handlers' word
// tests run on every message (handlers/message_reading.hpp), and one std::string::find per word
// walked a Chinese text once per word, stopping at every byte that opens many characters
// (0xE5…0xE9 open most of the common ones): about a third of a message's word tests.
#pragma once

#include <bitset>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gridbot {

class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : WordSet(std::span(words.begin(), words.size())) {}
  explicit WordSet(std::span<const std::string_view> words);

  // Exactly `text.find(w) != npos` for some word w: bytes, not characters, as find() compares.
  bool found_in(std::string_view text) const;

 private:
  static unsigned pair(unsigned char a, unsigned char b) { return (unsigned{a} << 8) | b; }

  std::vector<std::string> words_;  // of two bytes or more, sorted: those of one opening pair are together
  std::bitset<65536> openings_;     // the first two bytes of each of them
  std::bitset<256> single_;         // the one-byte words
};

}  // namespace gridbot
