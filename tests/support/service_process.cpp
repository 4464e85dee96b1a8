#include "tests/support/service_process.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/patience.hpp"

namespace gridbot::testing {

ServiceProcess::ServiceProcess(const std::string& binary, const std::string& data_dir, std::vector<std::string> extra,
                               std::size_t open_files) {
  port_ = free_port();
  log_path_ = data_dir + "/service-" + std::to_string(port_) + ".log";
  std::vector<std::string> args{binary, "serve", "--listen", "127.0.0.1:" + std::to_string(port_), "--data", data_dir};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto forked = std::chrono::steady_clock::now();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (open_files) {
      rlimit limit{static_cast<rlim_t>(open_files), static_cast<rlim_t>(open_files)};
      if (setrlimit(RLIMIT_NOFILE, &limit) != 0) _exit(126);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + patience(std::chrono::seconds(20));
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("gridbot exited during start-up:\n" + log());
    }
    try {
      if (http_get(port_, "/healthz").status == 200) {
        startup_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - forked).count();
        return;
      }
    } catch (const std::exception&) {
      // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill_hard();
  throw std::runtime_error("gridbot did not answer /healthz within " + std::to_string(patience(std::chrono::seconds(20)).count()) + " s:\n" + log());
}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) kill_hard();
}

int ServiceProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServiceProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServiceProcess::log() const {
  std::ifstream in(log_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace gridbot::testing
