#include "bot/console/open311_adapter.hpp"

#include "handlers/open311_intake.hpp"

namespace gridbot::console {

std::string_view Open311Adapter::name() const { return open311_platform; }

boost::asio::awaitable<platforms::SendResult> Open311Adapter::send(const storage::OutboxRow& row) {
  co_return platforms::SendResult::ok("open311-" + std::to_string(row.id));
}

}  // namespace gridbot::console
