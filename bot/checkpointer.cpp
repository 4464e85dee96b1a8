#include "bot/checkpointer.hpp"

#include <SQLiteCpp/Database.h>

#include "bot/log.hpp"

namespace gridbot {

Checkpointer::Checkpointer(std::string path, std::chrono::milliseconds period) : path_(std::move(path)), period_(period) {}

Checkpointer::~Checkpointer() { stop(); }

void Checkpointer::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::loop() {
  try {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(1000);
    for (bool last = false; !last;) {
      {
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, period_, [&] { return stopping_; });
        last = stopping_;
      }
      // PASSIVE never blocks the writer: it copies what no reader still needs and returns. The
      // writer starts the WAL over from its beginning once a checkpoint has copied all of it.
      try {
        db.exec("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (const std::exception& e) {
        log::warn("checkpoint", "{}: {}", path_, e.what());
      }
    }
  } catch (const std::exception& e) {
    log::error("checkpoint", "{}: cannot open for checkpoints: {}", path_, e.what());
  }
}

}  // namespace gridbot
