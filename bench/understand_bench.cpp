// Prints the understanding module's figures: model load (first call trains from the embedded
// corpora), single-thread messages/s over the labeled corpora (wall and CPU time), and peak
// memory (VmHWM).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "handlers/understand/corpus.hpp"
#include "handlers/understand/understand.hpp"

namespace {

long vm_hwm_kb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU time of this thread: on a machine shared with other builds, wall time mostly measures them.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main() {
  using namespace gridbot::understand;
  std::vector<std::string> texts;
  for (auto corpus : {embedded_dev_corpus(), embedded_extra_corpus()})
    for (auto& m : parse_corpus(corpus)) texts.push_back(std::move(m.text));

  const auto load_start = std::chrono::steady_clock::now();
  const double load_cpu_start = thread_cpu_seconds();
  load_model();
  const double load = seconds_since(load_start);
  const double load_cpu = thread_cpu_seconds() - load_cpu_start;

  size_t messages = 0;
  size_t requests = 0;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  double elapsed = 0;
  while (elapsed < 3.0) {
    for (const auto& t : texts) requests += understand(t).intent == Intent::request;
    messages += texts.size();
    elapsed = seconds_since(start);
  }
  const double cpu = thread_cpu_seconds() - cpu_start;
  std::printf("model load (load_model, trains from %zu messages): %.1f ms wall, %.1f ms CPU\n", texts.size(),
              load * 1000, load_cpu * 1000);
  std::printf("throughput, single thread: %.0f messages/s wall, %.0f messages/s of CPU time (%zu messages in %.2f s, %zu requests)\n",
              static_cast<double>(messages) / elapsed, static_cast<double>(messages) / cpu, messages, elapsed, requests);
  std::printf("peak memory (VmHWM): %.1f MB\n", static_cast<double>(vm_hwm_kb()) / 1024.0);
  return 0;
}
