// A ticket (诉求/工单): one resident need from intake to closure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/time.hpp"

namespace gridbot {

// accepted: assigned, waiting for a claim · claimed: someone owns it · suspended: clock paused ·
// resolved: done, waiting for the resident's rating · closed: rated or rating timed out ·
// cancelled: withdrawn by the resident.
enum class TicketState { accepted, claimed, suspended, resolved, closed, cancelled };
std::string_view to_string(TicketState state);
std::optional<TicketState> ticket_state_from_string(std::string_view name);

// 满意 / 基本满意 / 不满意, and 未评价 when the resident never answered: never counted as satisfied.
enum class Rating { none, satisfied, basically_satisfied, unsatisfied, unrated };
std::string_view to_string(Rating rating);
std::optional<Rating> rating_from_string(std::string_view name);

// A resident following the ticket: the reporter of a duplicate ("+1"). Read through
// TicketReader::subscribers, added by AddSubscriber; not part of Ticket.
struct Subscriber {
  std::string person_id, platform, user_id;
};

// A department summoned by a whistle (吹哨): its liaison must check in (报到) before due_at.
struct Summons {
  enum class Status { summoned, reported, escalated };
  std::string department;
  bool lead = false;  // 主办 (lead) or 协办 (assist)
  Status status = Status::summoned;
  Time due_at{};
};
std::string_view to_string(Summons::Status status);
std::optional<Summons::Status> summons_status_from_string(std::string_view name);

// Rungs of the escalation ladder, in order: the ticket's level indexes this list.
inline constexpr int top_rung = 3;  // manager(0) → grid_head(1) → community_head(2) → street_officer(3)

struct Ticket {
  std::int64_t number = 0;  // short and typeable: staff write "接单 1001"
  TicketState state = TicketState::accepted;
  std::string category;
  bool urgent = false;
  bool sensitive = false;  // receipts and replies go privately, not to the group
  std::string text;        // exactly as the resident wrote it; masked only when relayed to a group
  std::string grid, community;
  std::optional<std::string> building, unit, room;
  std::string reporter_id, reporter_name;  // person id (or platform user id when unregistered)
  std::string source_platform, reporter_user, group_id;  // where it came from; group_id empty for a direct message
  std::string owner;        // member id responsible now; empty while nobody could be found
  std::string claimed_by;   // member id once claimed (first-responder ownership)
  int escalation_level = 0;  // rungs climbed so far
  std::string escalated_to;  // the member of the current rung, when above the first
  int urges = 0;             // 催办 from residents
  int duplicates = 0;        // "+1" reports attached to this ticket
  Seconds suspended_remaining{};  // what was left of the resolve deadline when suspended
  Rating rating = Rating::none;
  std::string resolution;  // the note given with 办结
  std::vector<Summons> summons;
  Time created_at{}, claim_due_at{}, resolve_due_at{}, updated_at{}, resolved_at{};
  // The first claim limit missed while waiting for the current claim, and the first resolve limit
  // missed since the ticket was opened or reopened (Time{}: none). Escalation moves the deadlines
  // on; these keep what was missed (handlers/lateness.hpp: what counts as late).
  Time claim_missed_at{}, resolve_missed_at{};

  // Who answers for the ticket now: whoever claimed it (first-responder ownership), else its owner.
  const std::string& responsible() const { return claimed_by.empty() ? owner : claimed_by; }
  bool open() const {
    return state == TicketState::accepted || state == TicketState::claimed || state == TicketState::suspended;
  }
  const Summons* summons_of(std::string_view department) const;
  Summons* summons_of(std::string_view department);
};

}  // namespace gridbot
