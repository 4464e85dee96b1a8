// The seam between the product and a chat platform. An adapter turns a platform's requests into
// Inbound messages (through the pipeline) and sends outbox rows, classifying the platform's answer.
#pragma once

#include <string>
#include <string_view>

#include "bot/awaitable.hpp"

#include "handlers/time.hpp"
#include "storage/queue_repositories.hpp"

namespace gridbot::platforms {

struct SendResult {
  enum class Kind { ok, retry, permanent } kind = Kind::ok;
  std::string platform_message_id;  // ok: the id a reply quoting this message will carry
  std::string error;                // retry/permanent: the platform's reason, for the dead-letter view
  Seconds retry_after{};            // retry: the platform's own hint, when it gives one

  static SendResult ok(std::string id) { return {Kind::ok, std::move(id), {}, {}}; }
  static SendResult retry(std::string why, Seconds after = {}) { return {Kind::retry, {}, std::move(why), after}; }
  static SendResult permanent(std::string why) { return {Kind::permanent, {}, std::move(why), {}}; }
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string_view name() const = 0;
  // Sends one outbox row. Called again for the same row after a crash between sending and
  // marking it sent, so adapters pass the outbox id to the platform's dedupe where it has one.
  virtual boost::asio::awaitable<SendResult> send(const storage::OutboxRow& row) = 0;
};

}  // namespace gridbot::platforms
