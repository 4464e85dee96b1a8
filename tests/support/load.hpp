// Drives a server over loopback keep-alive connections: `connections` clients, each sending its
// next request as soon as the last is answered (or, with a rate, on a fixed schedule), for a
// given time or number of requests. Used by bench/ for figures and by the robustness tests to
// know exactly which requests were answered.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gridbot::testing {

struct LoadRequest {
  std::string method = "POST";
  std::string target;
  std::string body;  // sent as application/json when not empty
  std::vector<std::pair<std::string, std::string>> headers;  // set after Host and Content-Type
};

struct LoadSpec {
  std::uint16_t port = 0;
  int connections = 64;
  double seconds = 10;             // stop sending after this long ...
  std::uint64_t max_requests = 0;  // ... or after this many (0: no limit)
  double rate = 0;                 // requests per second over all connections; 0: as fast as answered
  // The request with sequence number `seq` (0, 1, 2, ... across all connections).
  std::function<LoadRequest(std::uint64_t seq)> make;
  // Called on the driver's thread for every answer (status) or failure (status 0).
  std::function<void(std::uint64_t seq, int status, const std::string& body)> on_answer;
  // Set from another thread to stop early (the server was killed on purpose).
  const std::atomic<bool>* cancel = nullptr;
  // Paced only: latency counts from when the request was due, not from when it went out, so a
  // server that stalls is charged for the requests that waited behind it (a platform sends on its
  // own schedule, whatever the last answer took).
  bool latency_from_schedule = false;
};

struct LoadResult {
  std::uint64_t sent = 0, answered = 0, errors = 0;  // errors: no answer, or not 2xx
  std::map<int, std::uint64_t> statuses;
  double seconds = 0;
  std::vector<double> latencies_ms;  // of the answered requests, sorted
  double per_second() const { return seconds > 0 ? answered / seconds : 0; }
  double percentile(double p) const;  // p in [0, 100]
};

LoadResult run_load(const LoadSpec& spec);

// Resident set size of a process in kB: now (VmRSS) and its peak (VmHWM).
long rss_kb(int pid);
long peak_rss_kb(int pid);

}  // namespace gridbot::testing
