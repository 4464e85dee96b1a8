// The pure parts of the figures: nearest-rank percentiles, rates that are absent rather than 0
// when nothing divides, the ranking rule (红黑榜) and ISO weeks cut at the period's ends.
#include <doctest/doctest.h>

#include "handlers/figures/percentiles.hpp"
#include "handlers/figures/ranking.hpp"
#include "handlers/figures/period.hpp"

using namespace gridbot;
using namespace gridbot::figures;

namespace {

// A grid with `on_time` of `decided` resolves on time and `satisfied` of `rated` ratings 满意.
GridTally grid(const std::string& id, int on_time, int decided, int satisfied = 0, int rated = 0) {
  GridTally g{id, {}};
  g.tally[Figure::resolve_on_time] = on_time;
  g.tally[Figure::resolve_late] = decided - on_time;
  g.tally[Figure::satisfied] = satisfied;
  g.tally[Figure::unrated] = rated - satisfied;
  return g;
}

}  // namespace

TEST_CASE("percentiles by nearest rank: a time some ticket really took") {
  CHECK_FALSE(nearest_rank({}, 0.5));
  CHECK(nearest_rank({7}, 0.5) == 7);
  CHECK(nearest_rank({7}, 0.9) == 7);
  const std::vector<std::int64_t> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(nearest_rank(ten, 0.5) == 5);  // the lower middle of an even count
  CHECK(nearest_rank(ten, 0.9) == 9);  // rank 9 exactly, not 10 by rounding error
  const std::vector<std::int64_t> eleven{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  CHECK(nearest_rank(eleven, 0.5) == 6);
  CHECK(nearest_rank(eleven, 0.9) == 10);
  const Spread s = spread_of({60, 120, 3600});
  CHECK(s.median == 120);
  CHECK(s.p90 == 3600);
}

TEST_CASE("rates: nothing to divide is no rate, and a timed-out rating is never satisfied") {
  Tally t;
  CHECK_FALSE(t.claim_on_time_rate());
  CHECK_FALSE(t.satisfied_rate());
  t[Figure::satisfied] = 3;
  t[Figure::basically_satisfied] = 1;
  t[Figure::unrated] = 4;
  CHECK(*t.satisfied_rate() == doctest::Approx(3.0 / 8));
  t[Figure::claim_on_time] = 9;
  t[Figure::claim_late] = 1;
  CHECK(*t.claim_on_time_rate() == doctest::Approx(0.9));
}

TEST_CASE("the ranking: too few tickets are not ranked; top and bottom k = min(3, n/3) are red and black") {
  // Nine ranked grids (k = 3) and one with four decided tickets, however good.
  std::vector<GridTally> grids{grid("g1", 10, 10, 5, 5), grid("g2", 9, 10), grid("g3", 8, 10), grid("g4", 7, 10),
                               grid("g5", 6, 10),        grid("g6", 5, 10), grid("g7", 4, 10), grid("g8", 3, 10),
                               grid("g9", 2, 10),        grid("tiny", 4, 4)};
  const auto ranked = rank_grids(grids);
  REQUIRE(ranked.size() == 9);
  std::vector<std::string> red, black;
  for (const auto& r : ranked) {
    CHECK(r.grid != "tiny");
    if (r.list == List::red) red.push_back(r.grid);
    if (r.list == List::black) black.push_back(r.grid);
  }
  CHECK(red == std::vector<std::string>{"g1", "g2", "g3"});
  CHECK(black == std::vector<std::string>{"g7", "g8", "g9"});
  CHECK(ranked.front().rank == 1);
  CHECK(ranked.back().rank == 9);

  SUBCASE("the satisfied rate breaks a tie on time; equals share a rank") {
    const auto r = rank_grids({grid("a", 8, 10, 1, 4), grid("b", 8, 10, 3, 4), grid("c", 8, 10, 3, 4), grid("d", 5, 10)});
    REQUIRE(r.size() == 4);
    CHECK(r[0].grid == "b");
    CHECK(r[0].rank == 1);
    CHECK(r[1].grid == "c");
    CHECK(r[1].rank == 1);
    CHECK(r[2].grid == "a");
    CHECK(r[2].rank == 3);
    CHECK(r[3].rank == 4);
    // k = 1: both grids ranked first are red, the last black.
    CHECK(r[0].list == List::red);
    CHECK(r[1].list == List::red);
    CHECK(r[2].list == List::none);
    CHECK(r[3].list == List::black);
  }
  SUBCASE("fewer than three ranked grids, or everyone equal, name nobody") {
    for (const auto& r : rank_grids({grid("a", 10, 10), grid("b", 1, 10)})) CHECK(r.list == List::none);
    for (const auto& r : rank_grids({grid("a", 5, 10), grid("b", 5, 10), grid("c", 5, 10)})) CHECK(r.list == List::none);
  }
}

TEST_CASE("ISO weeks, cut at the period's ends, in the period's time zone") {
  using namespace std::chrono;
  CHECK(iso_week_label(sys_days(2026y / November / 18)) == "2026-W47");
  CHECK(iso_week_label(sys_days(2027y / January / 1)) == "2026-W53");  // a Friday: its Thursday is in 2026
  CHECK(iso_week_label(sys_days(2024y / December / 30)) == "2025-W01");
  const auto calendar = WorkingCalendar::standard("Asia/Shanghai");
  auto made = make_period(sys_days(2026y / November / 18), sys_days(2026y / December / 1), calendar);
  REQUIRE(std::holds_alternative<Period>(made));
  const Period& p = std::get<Period>(made);
  REQUIRE(p.weeks.size() == 3);
  CHECK(date_text(p.weeks[0].first) == "2026-11-18");
  CHECK(date_text(p.weeks[0].last) == "2026-11-22");
  CHECK(date_text(p.weeks[2].first) == "2026-11-30");
  CHECK(date_text(p.weeks[2].last) == "2026-12-01");
  // 2026-11-18 00:00 in Beijing is 16:00 UTC the day before.
  CHECK(p.span.begin.time_since_epoch().count() == 1'794'931'200);
  CHECK(p.weeks[0].span.end == p.weeks[1].span.begin);
  CHECK(p.weeks[2].span.end == p.span.end);
  CHECK(std::holds_alternative<PeriodError>(make_period(sys_days(2026y / November / 2), sys_days(2026y / November / 1), calendar)));
  CHECK_FALSE(parse_date_text("2026-02-30"));
  CHECK_FALSE(parse_date_text("2026-1-05"));
  CHECK(parse_date_text("2026-11-05") == sys_days(2026y / November / 5));
}
