#include "handlers/ticket.hpp"

#include <array>

namespace gridbot {

namespace {
constexpr std::array<std::string_view, 6> state_names{"accepted", "claimed", "suspended", "resolved", "closed", "cancelled"};
constexpr std::array<std::string_view, 5> rating_names{"", "satisfied", "basically_satisfied", "unsatisfied", "unrated"};
constexpr std::array<std::string_view, 3> summons_names{"summoned", "reported", "escalated"};

template <class E, std::size_t N>
std::optional<E> from_name(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

std::string_view to_string(TicketState state) { return state_names[static_cast<std::size_t>(state)]; }
std::optional<TicketState> ticket_state_from_string(std::string_view name) { return from_name<TicketState>(state_names, name); }
std::string_view to_string(Rating rating) { return rating_names[static_cast<std::size_t>(rating)]; }
std::optional<Rating> rating_from_string(std::string_view name) { return from_name<Rating>(rating_names, name); }
std::string_view to_string(Summons::Status status) { return summons_names[static_cast<std::size_t>(status)]; }
std::optional<Summons::Status> summons_status_from_string(std::string_view name) {
  return from_name<Summons::Status>(summons_names, name);
}

const Summons* Ticket::summons_of(std::string_view department) const {
  for (const auto& s : summons)
    if (s.department == department) return &s;
  return nullptr;
}

Summons* Ticket::summons_of(std::string_view department) {
  return const_cast<Summons*>(static_cast<const Ticket&>(*this).summons_of(department));
}

}  // namespace gridbot
