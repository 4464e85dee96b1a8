// libFuzzer's entry point for one target, chosen at build time (GRIDBOT_FUZZ_TARGET).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return gridbot::fuzz::GRIDBOT_FUZZ_TARGET(data, size);
}
