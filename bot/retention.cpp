#include "bot/retention.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <SQLiteCpp/Transaction.h>

#include "bot/log.hpp"

namespace gridbot {

namespace asio = boost::asio;

namespace {

Time days_before(Time now, int days) { return now - Seconds(std::int64_t{days} * 86400); }

// Appends the lines and makes them durable before the caller deletes what they hold: a crash
// in between archives those tickets again on the next pass (readers key lines by "number").
void append_durably(const std::string& path, const std::vector<std::string>& lines) {
  std::error_code ec;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("retention: cannot open archive '" + path + "'");
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  const char* p = text.data();
  std::size_t left = text.size();
  bool ok = true;
  while (ok && left > 0) {
    const ssize_t n = ::write(fd, p, left);
    ok = n > 0;
    if (ok) p += n, left -= static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("retention: cannot write archive '" + path + "'");
}

}  // namespace

Retention::Retention(asio::io_context& io, SQLite::Database& db, Config::Retention rules, std::string archive,
                     const Clock& clock, Writer* writer)
    : io_(io), db_(db), repository_(db), rules_(std::move(rules)), archive_(std::move(archive)), clock_(clock),
      writer_(writer), wake_(io) {}

void Retention::start() {
  if (!writer_) throw std::logic_error("Retention::start needs the writer");
  asio::co_spawn(io_, run(), asio::detached);
}

void Retention::stop() {
  stopping_ = true;
  wake_.cancel();
}

bool Retention::archive_tickets(Time before, RetentionCounts& counts) {
  const auto tickets = repository_.closed_tickets_json(before, batch_tickets);
  if (tickets.empty()) return false;
  append_durably(archive_, tickets);
  for (const auto& line : tickets)
    repository_.delete_ticket(nlohmann::json::parse(line)["number"].get<std::int64_t>());
  counts.tickets_archived += static_cast<std::int64_t>(tickets.size());
  return true;
}

bool Retention::step(RetentionCounts& counts) {
  SQLite::Transaction tx(db_);
  WriteHealth::Attempt attempt(write_health, db_);
  const bool more = attempt.guard([&] { return batch(counts); });
  attempt.commit(tx);
  return more;
}

bool Retention::batch(RetentionCounts& counts) {
  const Time now = clock_.now();
  struct Rule {
    int (storage::RetentionRepository::*remove)(Time, int);
    int days;
    std::int64_t RetentionCounts::*count;
  };
  const Rule rules[] = {
      {&storage::RetentionRepository::delete_inbox, rules_.inbox_days, &RetentionCounts::inbox},
      {&storage::RetentionRepository::delete_sent_outbox, rules_.outbox_sent_days, &RetentionCounts::outbox},
      {&storage::RetentionRepository::delete_finished_timers, rules_.timers_days, &RetentionCounts::timers},
      {&storage::RetentionRepository::delete_local_messages, rules_.local_messages_days, &RetentionCounts::local_messages},
  };
  for (const auto& rule : rules) {
    const int removed = (repository_.*rule.remove)(days_before(now, rule.days), batch_rows);
    counts.*rule.count += removed;
    if (removed == batch_rows) return true;  // more of this kind: the next step continues it
  }
  if (rules_.tickets_days && archive_tickets(days_before(now, *rules_.tickets_days), counts)) return true;
  const std::int64_t free_pages = repository_.incremental_vacuum(vacuum_pages);
  counts.pages_freed += std::min<std::int64_t>(free_pages, vacuum_pages);
  return free_pages > vacuum_pages;
}

RetentionCounts Retention::run_all() {
  RetentionCounts counts;
  while (step(counts)) {
  }
  return counts;
}

asio::awaitable<void> Retention::run() {
  auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::minutes(1));
  while (!stopping_) {
    wake_.expires_after(wait);
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    wait = std::chrono::hours(24);
    RetentionCounts counts;
    try {
      // Each batch is one writer job (the writer holds its transaction and reports its commit):
      // intake's batches commit between them.
      for (bool more = true; !stopping_ && more;)
        co_await writer_->run([&](storage::Store&) { more = batch(counts); });
      log::info("retention", "removed {} inbox, {} sent outbox, {} timer, {} local message rows; archived {} tickets; "
                "freed {} pages", counts.inbox, counts.outbox, counts.timers, counts.local_messages,
                counts.tickets_archived, counts.pages_freed);
    } catch (const std::exception& e) {
      // Nothing is lost: what was not deleted is deleted next time. Try again in an hour.
      log::error("retention", "pass failed: {}", e.what());
      wait = std::chrono::hours(1);
    }
  }
}

}  // namespace gridbot
