// Moves the WAL's pages back into the database file on a thread of its own, so neither the
// writer's commits nor the HTTP thread ever wait for a checkpoint's writes and fsync. The writer's
// connection has automatic checkpoints turned off (wal_autocheckpoint=0) while this runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace gridbot {

class Checkpointer {
 public:
  // `path` is the database file; checkpoints run every `period` while started.
  explicit Checkpointer(std::string path, std::chrono::milliseconds period = std::chrono::milliseconds(500));
  ~Checkpointer();  // stop()
  void start();
  // Stops, then checkpoints once more so a clean shutdown leaves a short WAL.
  void stop();

 private:
  void loop();

  std::string path_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gridbot
