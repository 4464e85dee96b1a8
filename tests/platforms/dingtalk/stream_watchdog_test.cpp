// The Stream connection's own liveness watchdog (§0 item 5) against the fake gateway: a
// connection on which nothing arrives is taken for dead and dialed again with a new ticket; one
// DingTalk keeps pinging stays up.
#include <doctest/doctest.h>

#include <thread>

#include "bot/awaitable.hpp"  // before Asio's own headers: it fixes Boost 1.74's includes
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include "bot/platforms/dingtalk/stream_connection.hpp"
#include "tests/support/fake_dingtalk/fake_dingtalk.hpp"
#include "tests/support/pipeline_rig.hpp"

namespace asio = boost::asio;
namespace fake = gridbot::testing::fake_dingtalk;
using namespace gridbot;
using namespace gridbot::dingtalk;
using namespace std::chrono_literals;

namespace {

// A Stream connection on its own event loop thread; no message is pushed, so the pipeline (on
// the rig's in-memory database) is never called.
struct StreamRig {
  fake::FakeDingtalk dingtalk;
  testing::PipelineRig pipeline;
  asio::io_context io;
  net::HttpClient http{io};
  Intake intake{pipeline.pipeline, pipeline.orgs, pipeline.clock, templates::Catalog::builtin(), {}, http};
  AccountConfig account;
  std::unique_ptr<StreamConnection> stream;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread loop;

  explicit StreamRig(std::chrono::milliseconds silence_limit) {
    account.name = "main";
    account.client_id = account.robot_code = dingtalk.settings().client_id;
    account.client_secret = dingtalk.settings().client_secret;
    account.mode = AccountConfig::Mode::stream;
    account.api_base_url = account.oapi_base_url = dingtalk.base_url();
    stream = std::make_unique<StreamConnection>(io, account, intake, http, StreamTiming{silence_limit});
    stream->start();
    loop = std::thread([this] { io.run(); });
  }
  ~StreamRig() {
    asio::post(io, [this] { stream->stop(); });
    std::this_thread::sleep_for(100ms);  // the close frame goes out
    work.reset();
    io.stop();
    loop.join();
  }
};

}  // namespace

TEST_CASE("a silent Stream connection is closed and dialed again with a new ticket") {
  StreamRig r(300ms);
  REQUIRE(r.dingtalk.wait_for_connections(1));
  // Silence: closed after 300 ms, dialed again 1–2 s later.
  CHECK(r.dingtalk.wait_for_connections(2, 4s));
  auto records = r.dingtalk.records();
  CHECK(records.disconnects >= 1);
  CHECK(records.tickets_issued >= 2);
  CHECK(records.tickets_refused == 0);  // every connection on its own ticket
}

TEST_CASE("a Stream connection DingTalk keeps pinging stays up, each ping echoed") {
  StreamRig r(400ms);
  REQUIRE(r.dingtalk.wait_for_connections(1));
  for (int i = 0; i < 12; ++i) {
    REQUIRE(r.dingtalk.push_ping());
    std::this_thread::sleep_for(100ms);
  }
  auto records = r.dingtalk.records();
  CHECK(records.connections == 1);
  CHECK(records.disconnects == 0);
  int echoes = 0;
  for (const auto& f : records.frames) echoes += f.message_id.starts_with("fake-ping-");
  CHECK(echoes >= 10);
}
