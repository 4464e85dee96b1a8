// The real gridbot binary as a child process on a free loopback port: what the end-to-end tests
// drive, only through its HTTP API.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gridbot::testing {

class ServiceProcess {
 public:
  // Starts `binary serve --listen 127.0.0.1:PORT --data DATA_DIR [extra...]` and waits until
  // /healthz answers; throws with the child's log when it does not come up.
  // `open_files`, when set, is the child's RLIMIT_NOFILE (set between fork and exec).
  ServiceProcess(const std::string& binary, const std::string& data_dir, std::vector<std::string> extra = {},
                 std::size_t open_files = 0);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::uint16_t port() const { return port_; }
  int pid() const { return pid_; }
  // From fork to the first answered /healthz (polled every 5 ms).
  double startup_ms() const { return startup_ms_; }
  // SIGTERM, then wait; returns the exit status (0 for a clean drain).
  int stop();
  // SIGKILL: a crash at an arbitrary point.
  void kill_hard();
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string log_path_;
  double startup_ms_ = 0;
};

}  // namespace gridbot::testing
