// Issue 11: a group robot's quota of 20 messages a minute holds exactly under a burst, end to end:
// the real outbox sender paces the rows the real WeCom adapter sends through webhook/send, against
// the fake WeCom, which answers 45009 to the 21st send of a key in any 60 s. The sender's manual
// clock and the fake's clock move together, so "a minute" is the same minute on both sides.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bot/outbox_sender.hpp"
#include "bot/platforms/registry.hpp"
#include "tests/platforms/wecom/wecom_rig.hpp"
#include "tests/support/await.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"

namespace gridbot::wecom {
namespace {

namespace fake = gridbot::testing::fake_wecom;
using gridbot::testing::await;

constexpr int kBurst = 45;

struct BurstRig {
  fake::FakeWecom wecom;  // first: outlives the adapter's connections to it
  testing::Rig rig;
  storage::Store reader{rig.reader_db};
  boost::asio::io_context io;
  Config config;
  std::unique_ptr<platforms::Adapter> adapter;
  std::unique_ptr<OutboxSender> sender;

  BurstRig() {
    wecom.api().set_now(rig.clock.now());
    // An AI bot in callback mode and a robot key for the group: a row with no reply handle can
    // only go by webhook/send.
    nlohmann::json settings = {
        {"accounts",
         {{{"name", "main"},
           {"corp_id", std::string(vectors::a_corpid)},
           {"api_base_url", wecom.base_url()},
           {"aibot", {{"bot_id", "BOT"}, {"token", std::string(vectors::a_token)}, {"encoding_aes_key", std::string(vectors::a_key)}}},
           {"webhook_keys", {{"xfl-1-wecom", "HOOK-XFL-1"}}}}}}};
    config.source = "gridbot.json";
    config.platforms = {{"wecom", settings}};
    config.platforms_given = true;
    auto adapters = platforms::make_adapters(
        {io, reader, rig.writer, rig.pipeline, rig.orgs, rig.clock, templates::Catalog::builtin(), config, {}});
    REQUIRE(adapters.size() == 1);
    adapter = std::move(adapters[0]);
    sender = std::make_unique<OutboxSender>(io, reader, rig.writer, rig.clock);
    sender->add_adapter(*adapter);
    sender->start();
  }
  ~BurstRig() {
    sender->stop();
    io.run_for(std::chrono::milliseconds(50));
    sender.reset();
    adapter.reset();
    rig.writer.stop();
  }

  void enqueue_burst() {
    await(rig.writer.run([&](storage::Store& s) {
      for (int i = 0; i < kBurst; ++i) {
        SendMessage m;
        m.platform = "wecom";
        m.account = "main";
        m.chat_id = "wrCHAT";  // the group xfl-1-wecom
        m.text = "notice #" + std::to_string(i);
        m.priority = Priority::notice;
        s.outbox.enqueue(m, rig.clock.now());
      }
    }));
    sender->nudge();
  }
  bool run_until(const std::function<bool()>& done) {
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
      if (std::chrono::steady_clock::now() > limit) return false;
      io.run_for(std::chrono::milliseconds(2));
    }
    return true;
  }
  // Lets whatever would happen now happen: a send that should not go has this long to show itself.
  void settle() {
    run_until([&] { return sender->idle(); });
    io.run_for(std::chrono::milliseconds(20));
    run_until([&] { return sender->idle(); });
  }
  // Both clocks, in step.
  void advance(Seconds by) {
    rig.clock.advance(by);
    wecom.api().advance(by);
    REQUIRE(wecom.api().now() == rig.clock.now());
    sender->nudge();
    settle();
  }
  // Runs until at least `n` sends reached the fake (false after 5 s), then a little longer, so
  // that one too many would show.
  bool reached(std::size_t n) {
    const bool got = run_until([&] { return sends().size() >= n; });
    settle();
    return got;
  }
  std::vector<fake::ApiCall> sends() const { return wecom.records().calls_to("webhook/send"); }
  int refused() const {
    int n = 0;
    for (const auto& call : sends()) n += call.errcode == fake::kFrequencyLimit;
    return n;
  }
};

TEST_CASE("a quota of 20/min holds exactly under a burst: 45 rows to one webhook robot go 20, 20, 5, none refused") {
  BurstRig r;
  r.enqueue_burst();
  CHECK(r.reached(20));
  CHECK(r.sends().size() == 20);
  for (int s = 1; s < 60; ++s) r.advance(Seconds(1));
  CHECK(r.sends().size() == 20);  // not one more inside the first minute
  CHECK(r.refused() == 0);        // the sender held them, not WeCom
  r.advance(Seconds(1));  // the first 20 are a minute old on both clocks
  CHECK(r.reached(40));
  CHECK(r.sends().size() == 40);
  for (int s = 1; s < 60; ++s) r.advance(Seconds(1));
  CHECK(r.sends().size() == 40);
  r.advance(Seconds(1));
  CHECK(r.reached(45));
  CHECK(r.sends().size() == 45);
  r.advance(Seconds(120));
  CHECK(r.sends().size() == 45);

  const auto sends = r.sends();
  CHECK(r.refused() == 0);
  std::set<std::string> texts;
  for (const auto& call : sends) {
    CHECK(call.errcode == 0);
    CHECK(call.query.at("key") == "HOOK-XFL-1");
    texts.insert(call.json["text"]["content"].get<std::string>());
  }
  CHECK(texts.size() == static_cast<std::size_t>(kBurst));  // none twice
  CHECK(r.reader.outbox.count("sent") == kBurst);
}

}  // namespace
}  // namespace gridbot::wecom
