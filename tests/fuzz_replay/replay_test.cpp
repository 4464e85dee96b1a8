// Replays the fuzz regression corpus (fuzz/corpus/TARGET/: seeds and every input that ever crashed
// a target) through the same target functions libFuzzer runs, built here with gcc and no fuzzer.
// A target that throws anything but its expected refusal, or crashes, fails this test.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "bot/log.hpp"
#include "fuzz/targets.hpp"

using namespace gridbot;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int run(fuzz::Target target, const std::string& input) {
  return target(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

TEST_CASE("every input in the fuzz regression corpus runs through its target without a crash or stray exception") {
  log::set_min_level(log::Level::error);
  const std::filesystem::path root = std::filesystem::path(GRIDBOT_SOURCE_DIR) / "fuzz" / "corpus";
  for (const auto& [name, target] : fuzz::all_targets()) {
    const auto dir = root / std::string(name);
    CAPTURE(name);
    REQUIRE(std::filesystem::is_directory(dir));
    int inputs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const std::string input = read(entry.path());
      CAPTURE(entry.path().filename().string());
      CHECK(run(target, input) == 0);
      // Every prefix of a short input too: a truncated file or body is the commonest bad input.
      if (input.size() <= 512)
        for (std::size_t n = 0; n < input.size(); ++n) CHECK(run(target, input.substr(0, n)) == 0);
      ++inputs;
    }
    CHECK(inputs > 0);
  }
}
