// The figures leaders read (分析研判), each kept apart and each with the tickets behind it.
//
// Every figure counts tickets RECEIVED in the period (created_at within [from 00:00, to+1 00:00)
// in the service's time zone): a cohort, so "of 3,289 received, 3,219 answered" divides like with
// like, and each number drills down to exactly the tickets it counts (storage/figures_queries
// holds one SQL condition per figure, used both to count and to list).
//
//   received     created in the period. Cancelled tickets count: the resident did report it.
//   answered     a staff member spoke to the resident: the first claimed (接单), replied (回复),
//                suspended (挂起, with its reason) or resolved (办结) event by a person — the events
//                whose handlers tell the reporter. Assignments, transfers, supervision and notes
//                are between staff and do not count. A cancelled ticket counts if answered first.
//   resolved     its state is resolved or closed now. A result the resident rejected (不满意)
//                reopened the ticket, so it is not resolved until it is resolved again.
//   confirmed    the resident confirmed the result: closed with their rating 满意 or 基本满意 (the
//                lifecycle records no other confirmation). Equals satisfied + basically_satisfied.
//   satisfied / basically_satisfied / unsatisfied / unrated / awaiting_rating: the ticket's latest
//                rating, each its own number. awaiting_rating: resolved, the resident not yet
//                asked-and-answered; unrated: the rating timed out (未评价, never counted as
//                satisfied); unsatisfied: the latest rating rejected the result (the ticket is
//                being redone). At most one of the five per ticket; a ticket never resolved has none.
//   claim on time / late: the lifecycle's own judgement. Late: a claim deadline passed unclaimed
//                (its claim_overdue event, or top_overdue "claim"), or it waits unclaimed past
//                claim_due_at now. On time: claimed (a claim, suspension or resolution by a person)
//                and not late. Neither while it waits inside its limit.
//   resolve on time / late: late: a resolve deadline passed (an escalation without a claim breach
//                at that instant, or top_overdue "resolve"), resolved after resolve_due_at, or open
//                and not suspended past resolve_due_at now. On time: resolved or closed and not
//                late. A suspended ticket's clock is stopped (挂起): the lifecycle moves
//                resolve_due_at by the paused time on 恢复, so it is judged against that.
//   Cancelled tickets (撤回) are in received (and answered if answered) only: no deadline can be
//                met or missed and nothing rated once the resident withdrew.
//   claim time:  first claim − created_at; resolve time: resolved_at (the latest resolution) −
//                created_at; wall-clock seconds, what the resident waited; median and p90 by
//                nearest rank (handlers/figures/percentiles.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gridbot::figures {

enum class Figure {
  received,
  answered,
  resolved,
  confirmed,
  satisfied,
  basically_satisfied,
  unsatisfied,
  unrated,
  awaiting_rating,
  claim_on_time,
  claim_late,
  resolve_on_time,
  resolve_late,
};
inline constexpr std::size_t figure_count = 13;
inline constexpr std::array<Figure, figure_count> all_figures{
    Figure::received,  Figure::answered,        Figure::resolved,     Figure::confirmed,       Figure::satisfied,
    Figure::basically_satisfied, Figure::unsatisfied, Figure::unrated, Figure::awaiting_rating, Figure::claim_on_time,
    Figure::claim_late, Figure::resolve_on_time, Figure::resolve_late};

std::string_view to_string(Figure figure);
std::optional<Figure> figure_from_string(std::string_view name);

// How many tickets each figure counts, for one slice (a grid, a category, a week, or all).
struct Tally {
  std::array<std::int64_t, figure_count> counts{};

  std::int64_t operator[](Figure f) const { return counts[static_cast<std::size_t>(f)]; }
  std::int64_t& operator[](Figure f) { return counts[static_cast<std::size_t>(f)]; }
  Tally& operator+=(const Tally& other);

  // on_time / (on_time + late); nothing when neither has happened yet.
  std::optional<double> claim_on_time_rate() const;
  std::optional<double> resolve_on_time_rate() const;
  // satisfied / every ticket whose rating is in (satisfied, basically, unsatisfied, unrated): a
  // timed-out rating is in the denominator, never in the numerator.
  std::optional<double> satisfied_rate() const;
  std::int64_t resolve_decided() const { return (*this)[Figure::resolve_on_time] + (*this)[Figure::resolve_late]; }
};

std::optional<double> rate(std::int64_t part, std::int64_t whole);

// The tickets of one grid and category: the rows the SQL aggregate returns.
struct Slice {
  std::string grid, category;
  Tally tally;
};

}  // namespace gridbot::figures
