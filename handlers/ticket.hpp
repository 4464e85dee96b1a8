// A ticket (诉求/工单): one resident need from intake to closure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "handlers/time.hpp"

namespace gridbot {

enum class TicketState { accepted, claimed, resolved, closed, cancelled };
std::string_view to_string(TicketState state);
std::optional<TicketState> ticket_state_from_string(std::string_view name);

struct Ticket {
  std::int64_t number = 0;  // short and typeable: staff write "接单 1001"
  TicketState state = TicketState::accepted;
  std::string category;
  bool urgent = false;
  std::string text;  // exactly as the resident wrote it; masked only when relayed to a group
  std::string grid, community;
  std::optional<std::string> building, unit, room;
  std::string reporter_id, reporter_name;  // person id (or platform user id when unregistered)
  std::string source_platform, reporter_user, group_id;  // where it came from; group_id empty for a direct message
  std::string owner;       // member id responsible now; empty while nobody could be found
  std::string claimed_by;  // member id once claimed (first-responder ownership)
  Time created_at{}, claim_due_at{}, resolve_due_at{}, updated_at{};

  bool open() const { return state == TicketState::accepted || state == TicketState::claimed; }
};

}  // namespace gridbot
