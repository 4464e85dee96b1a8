#include <doctest/doctest.h>

#include "bot/health.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "tests/support/pipeline_rig.hpp"

using namespace gridbot;

namespace {

struct Rig : testing::PipelineRig {
  nlohmann::json healthz(int& status) {
    auto r = health_response(health, store, clock.now(), nlohmann::json::object());
    status = static_cast<int>(r.result());
    return nlohmann::json::parse(r.body());
  }
};

}  // namespace

TEST_CASE("/healthz says degraded with the reason after a failed commit, until a write succeeds") {
  Rig r;
  int status = 0;
  r.post("1", "3号楼2单元下水道堵了");
  CHECK(r.healthz(status)["status"] == "ok");
  CHECK(status == 200);

  // The disk is full: no page may be added.
  const int pages = r.db.execAndGet("PRAGMA page_count").getInt();
  r.db.exec("PRAGMA max_page_count=" + std::to_string(pages));
  bool threw = false;
  for (int i = 0; i < 50 && !threw; ++i) {
    try {
      r.post("big-" + std::to_string(i), "5号楼楼道堆满杂物" + std::string(4000, 'x'));
    } catch (const std::exception&) {
      threw = true;
    }
  }
  REQUIRE(threw);
  auto degraded = r.healthz(status);
  CHECK(status == 503);
  CHECK(degraded["status"] == "degraded");
  CHECK(degraded["reason"].get<std::string>().find("full") != std::string::npos);
  CHECK(degraded["failed_commits"] == 1);
  // Reading still works and still reports: it is writing that failed.
  CHECK(degraded["tickets"] == 1);

  // Space again: the next commit clears the state.
  r.db.exec("PRAGMA max_page_count=1073741823");
  r.post("2", "收到");
  CHECK(r.healthz(status)["status"] == "ok");
  CHECK(status == 200);
}

TEST_CASE("/healthz reports the oldest pending message's age and dead letters") {
  Rig r;
  int status = 0;
  CHECK(r.healthz(status)["outbox_oldest_pending_seconds"] == 0);
  r.post("1", "3号楼2单元下水道堵了");
  r.clock.advance(Seconds(90));
  auto h = r.healthz(status);
  CHECK(h["outbox_pending"] == 3);
  CHECK(h["outbox_oldest_pending_seconds"] == 90);
  CHECK(h["outbox_dead"] == 0);
  r.db.exec("UPDATE outbox SET status = 'dead' WHERE id = (SELECT MIN(id) FROM outbox)");
  CHECK(r.healthz(status)["outbox_dead"] == 1);
  CHECK(status == 200);  // a dead letter is reported, not a reason to call the service down
}

TEST_CASE("an adapter's text is NFC, trimmed, and cut at a character boundary with the marker") {
  using platforms::capped_text;
  const platforms::TextCap cap{64, "…[截断]"};
  CHECK(capped_text("  3号楼下水道堵了\n ", cap) == "3号楼下水道堵了");
  CHECK(capped_text("\u3000\u00a03号楼 下水道\u3000", cap) == "3号楼 下水道");
  CHECK(capped_text("\u3000 \u00a0", cap).empty());
  CHECK(capped_text("e\xCC\x81", cap) == "\xC3\xA9");  // e + combining acute → é
  const std::string long_text(200, 'a');
  CHECK(capped_text(long_text, cap) == std::string(64 - cap.marker.size(), 'a') + cap.marker);
  // Chinese is 3 bytes a character: the cut never leaves half of one.
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "堵";
  const std::string cut = capped_text(chinese, cap);
  CHECK(cut.size() <= 64);
  CHECK(cut.ends_with(cap.marker));
  CHECK((cut.size() - cap.marker.size()) % 3 == 0);
  // Exactly at the limit: kept whole.
  CHECK(capped_text(std::string(64, 'b'), cap) == std::string(64, 'b'));
  // Megabytes in, the cap out, without normalizing all of it.
  CHECK(capped_text(std::string(4 * 1024 * 1024, 'c'), cap).size() <= 64);
}
