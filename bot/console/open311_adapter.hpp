// The "open311" platform's outbox end. A civic tool that filed a request through Open311 is
// nobody's chat: it polls requests/{id}.json for the status. Receipts and updates the intake
// addresses to the requester are marked sent here and go no further, instead of piling up as
// dead letters for a platform that is "not enabled".
#pragma once

#include "bot/platforms/adapter.hpp"

namespace gridbot::console {

class Open311Adapter : public platforms::Adapter {
 public:
  std::string_view name() const override;
  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row) override;
};

}  // namespace gridbot::console
