// Moves the WAL's pages back into the database file on a thread of its own, so neither the
// writer's commits nor the HTTP thread wait for a checkpoint's copying and fsync. The writer's
// connection has automatic checkpoints turned off (wal_autocheckpoint=0) while this runs.
//
// A passive checkpoint never waits, but under a steady stream of commits it never catches up
// either, and SQLite only starts the WAL over once one has: measured, the WAL grew by 1.4 GB in
// 30 s at 1,000 posts/s. The writer therefore finishes the job itself between two batches once
// the WAL passes its limit (Writer::restart_wal): the passive checkpoints here have already
// copied nearly everything, so that last step is short.
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
  explicit Checkpointer(std::string path, std::chrono::milliseconds period = std::chrono::milliseconds(200));
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
