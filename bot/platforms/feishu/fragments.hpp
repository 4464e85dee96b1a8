// Reassembly of a long-connection message Feishu splits over several data frames (PROTOCOLS.md
// §2.3): frames of one message share a message_id header, `sum` says how many there are and `seq`
// (0-based) which one this is. They may come out of order or twice. Pure and bounded: the caller
// passes the time; incomplete messages are dropped after max_age, and the oldest first when the
// limits are reached. A dropped message was never acked, so Feishu sends it again.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/platforms/feishu/error.hpp"
#include "bot/platforms/feishu/long_connection_frames.hpp"

namespace gridbot::feishu {

class FragmentAssembler {
 public:
  using Clock = std::chrono::steady_clock;

  // Feishu documents none. The official SDK drops an incomplete message after 10 s and has no
  // other bound; the size bounds are gridbot's (an event is a few KB; these leave room for cards).
  struct Limits {
    std::size_t max_parts = 64;                // a larger `sum` is refused
    std::size_t max_pending = 64;              // messages in reassembly at once
    std::size_t max_bytes = 4 * 1024 * 1024;   // their payloads together
    std::chrono::seconds max_age{10};          // from a message's first fragment, as the SDK
  };

  FragmentAssembler() : FragmentAssembler(Limits{}) {}
  explicit FragmentAssembler(Limits limits) : limits_(limits) {}

  // A data frame's part. The whole payload once every part is in (at once when sum is 1 or
  // absent); nullopt while parts are missing or when this part was already here. A sum or seq
  // that is not a number, out of range, or a sum that changes within one message: malformed_frame.
  std::expected<std::optional<std::string>, Error> add(const Frame& frame, Clock::time_point now);

  // Drops what is older than max_age; add() calls it too.
  void expire(Clock::time_point now);

  std::size_t pending() const { return partial_.size(); }
  std::size_t pending_bytes() const { return bytes_; }

 private:
  struct Partial {
    std::vector<std::optional<std::string>> parts;
    std::size_t received = 0;
    std::size_t bytes = 0;
    Clock::time_point first_seen;
  };

  void drop(std::map<std::string, Partial>::iterator it);
  void drop_oldest();

  Limits limits_;
  std::map<std::string, Partial> partial_;
  std::size_t bytes_ = 0;
};

}  // namespace gridbot::feishu
