// Domain word lists: the knowledge a grid worker brings that 600 examples cannot teach a model.
// Each list becomes one model feature ("this message mentions a drainage word"), so an unseen
// phrasing that shares a single domain word with the lists still lands in the right place.
#pragma once

#include <span>
#include <string_view>

namespace gridbot::understand {

struct WordList {
  std::string_view name;  // feature name, e.g. "cat:drainage", "cue:followup"
  std::span<const std::u32string_view> words;
};

std::span<const WordList> word_lists();

}  // namespace gridbot::understand
