#include "handlers/ticket.hpp"

#include <array>

namespace gridbot {

namespace {
constexpr std::array<std::string_view, 5> state_names{"accepted", "claimed", "resolved", "closed", "cancelled"};
}

std::string_view to_string(TicketState state) { return state_names[static_cast<std::size_t>(state)]; }

std::optional<TicketState> ticket_state_from_string(std::string_view name) {
  for (std::size_t i = 0; i < state_names.size(); ++i)
    if (state_names[i] == name) return static_cast<TicketState>(i);
  return std::nullopt;
}

}  // namespace gridbot
