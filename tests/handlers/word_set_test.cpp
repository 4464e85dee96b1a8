// WordSet: one pass over the text, the same answers as a find() per word.
#include <doctest/doctest.h>

#include <random>

#include "handlers/word_set.hpp"

using namespace gridbot;

namespace {

bool found_by_find(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (!w.empty() && text.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a word set finds its words anywhere, and only its words") {
  const WordSet chase{"催", "怎么还没", "怎么还不", "还没人", "快点", "?"};
  CHECK(chase.found_in("催一下"));
  CHECK(chase.found_in("麻烦快点"));                  // at the end
  CHECK(chase.found_in("3号楼灯怎么还不修"));          // shares its opening with 怎么还没
  CHECK(chase.found_in("好了吗?"));                   // a one-byte word
  CHECK_FALSE(chase.found_in("怎么还"));              // a word's beginning is not the word
  CHECK_FALSE(chase.found_in("3号楼灯坏了"));
  CHECK_FALSE(chase.found_in(""));
  CHECK_FALSE(WordSet{}.found_in("任何话"));
  CHECK_FALSE(WordSet{""}.found_in("任何话"));        // an empty word is no word
  // Bytes, as find() compares: an invalid sequence is no obstacle.
  CHECK(WordSet{"ok"}.found_in("\xff\xfe ok"));
}

TEST_CASE("a word set answers as find() does on many texts") {
  const std::initializer_list<std::string_view> words{"进度", "进展", "修好了吗", "状态", "有消息", "吗", "a", "ab"};
  const WordSet set{words};
  const std::string_view pieces[] = {"进", "度", "展", "修好了", "吗", "状", "态", "消息", "有", "a", "b", "，", "灯", "\xe8"};
  std::mt19937 rng(7);
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    const int length = static_cast<int>(rng() % 8);
    for (int i = 0; i < length; ++i) text += pieces[rng() % std::size(pieces)];
    CHECK_MESSAGE(set.found_in(text) == found_by_find(text, words), text);
  }
}
