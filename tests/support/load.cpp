#include "tests/support/load.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>

#include "bot/awaitable.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace gridbot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

double LoadResult::percentile(double p) const {
  if (latencies_ms.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * latencies_ms.size()));
  return latencies_ms[std::min(latencies_ms.size() - 1, rank == 0 ? 0 : rank - 1)];
}

namespace {

struct Driver {
  const LoadSpec& spec;
  asio::io_context io;
  LoadResult result;
  std::uint64_t next_seq = 0;
  Clock::time_point start, stop_at;

  bool more() const {
    return Clock::now() < stop_at && (spec.max_requests == 0 || next_seq < spec.max_requests) &&
           !(spec.cancel && spec.cancel->load());
  }

  asio::awaitable<void> client(int index) {
    const asio::ip::tcp::endpoint server(asio::ip::make_address("127.0.0.1"), spec.port);
    const auto interval = spec.rate > 0 ? std::chrono::duration<double>(spec.connections / spec.rate) : std::chrono::duration<double>(0);
    // Spread the paced clients over one interval so they do not send in lockstep.
    auto due = start + std::chrono::duration_cast<Clock::duration>(interval * (index / double(spec.connections)));
    asio::steady_timer pace(io);
    beast::flat_buffer buffer;
    std::optional<beast::tcp_stream> stream;
    while (more()) {
      auto scheduled = Clock::now();
      if (spec.rate > 0) {
        scheduled = due;
        pace.expires_at(due);
        co_await pace.async_wait(asio::use_awaitable);
        due += std::chrono::duration_cast<Clock::duration>(interval);
        if (!more()) break;
      }
      boost::system::error_code ec;
      if (!stream) {
        stream.emplace(io);
        stream->expires_after(std::chrono::seconds(5));
        co_await stream->async_connect(server, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          stream.reset();
          ++result.errors;
          asio::steady_timer backoff(io, std::chrono::milliseconds(20));
          co_await backoff.async_wait(asio::use_awaitable);
          continue;
        }
        stream->socket().set_option(asio::ip::tcp::no_delay(true));
        buffer.clear();
      }
      const std::uint64_t seq = next_seq++;
      const LoadRequest r = spec.make(seq);
      http::request<http::string_body> request{http::string_to_verb(r.method), r.target, 11};
      request.set(http::field::host, "127.0.0.1");
      if (!r.body.empty()) request.set(http::field::content_type, "application/json");
      for (const auto& [name, value] : r.headers) request.set(name, value);
      request.body() = r.body;
      request.keep_alive(true);
      request.prepare_payload();
      const auto sent_at = spec.rate > 0 && spec.latency_from_schedule ? scheduled : Clock::now();
      ++result.sent;
      stream->expires_after(std::chrono::seconds(30));
      co_await http::async_write(*stream, request, asio::redirect_error(asio::use_awaitable, ec));
      http::response<http::string_body> response;
      if (!ec) co_await http::async_read(*stream, buffer, response, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        ++result.errors;
        if (spec.on_answer) spec.on_answer(seq, 0, ec.message());
        stream.reset();
        continue;
      }
      const int status = response.result_int();
      result.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent_at).count());
      ++result.answered;
      ++result.statuses[status];
      if (status < 200 || status >= 300) ++result.errors;
      if (spec.on_answer) spec.on_answer(seq, status, response.body());
      if (!response.keep_alive()) stream.reset();
    }
  }
};

long status_field_kb(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

}  // namespace

LoadResult run_load(const LoadSpec& spec) {
  Driver d{spec, {}, {}, 0, {}, {}};
  d.start = Clock::now();
  d.stop_at = d.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(spec.seconds));
  for (int i = 0; i < spec.connections; ++i) asio::co_spawn(d.io, d.client(i), asio::detached);
  d.io.run();
  d.result.seconds = std::chrono::duration<double>(Clock::now() - d.start).count();
  std::sort(d.result.latencies_ms.begin(), d.result.latencies_ms.end());
  return std::move(d.result);
}

long rss_kb(int pid) { return status_field_kb(pid, "VmRSS"); }
long peak_rss_kb(int pid) { return status_field_kb(pid, "VmHWM"); }

}  // namespace gridbot::testing
