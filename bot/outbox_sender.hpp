// Sends outbox rows through each platform's adapter, paced by the quotas the adapter names
// (bot/outbox/lanes.hpp), several at once across buckets and one at a time within one, urgent
// rows first. Due rows are read from the reader connection; every outcome (sent, retry, dead
// letter, deferred, split) is queued and written in one writer job with whatever else is queued
// (group commit), so neither the lookup nor the bookkeeping holds up the event loop. A send that
// is itself only a database write (Adapter::stored_send: the local platform) runs in that same
// job, before its row is marked sent. A row stays held in memory from the moment it is read
// until its outcome has committed, so it is never read and sent twice meanwhile; after a crash it is sent again (adapters pass the outbox id to
// the platform's dedupe where it has one).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

#include "bot/awaitable.hpp"
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/clock.hpp"
#include "bot/outbox/lanes.hpp"
#include "bot/outbox/record.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/writer.hpp"
#include "storage/store.hpp"

namespace gridbot {

class OutboxSender {
 public:
  OutboxSender(boost::asio::io_context& io, storage::Store& reader, Writer& writer, const Clock& clock);
  void add_adapter(platforms::Adapter& adapter);
  bool has_adapter(std::string_view platform) const { return adapters_.contains(platform); }
  void start();
  void stop();
  // Something was queued or the clock moved: look again now.
  void nudge();
  // Nothing in flight and nothing waiting to be written: safe to stop the process.
  bool idle() const { return in_flight_ == 0 && outcomes_.empty() && !writing_; }

  static constexpr int max_attempts = outbox::max_attempts;
  static constexpr int rows_per_batch = 256;
  // Rows read and not yet written back; beyond this the sender reads no more until some commit.
  static constexpr std::size_t max_held = 1024;

 private:
  struct Sent {
    storage::OutboxRow row;
    platforms::SendResult result;
  };
  struct Parked {
    storage::OutboxRow row;
    Time until;
  };
  struct Split {
    outbox::Entry entry;
    std::vector<std::string> parts;
    std::vector<storage::OutboxRow> rows;  // filled by the writer job
  };
  // A row whose adapter sends by writing to the database: its work runs in the outcome job.
  struct Stored {
    storage::OutboxRow row;
    platforms::StoredSend work;
  };
  using Outcome = std::variant<Sent, Parked, Split, Stored>;

  boost::asio::awaitable<void> run();
  // Reads the due rows not held yet into the lanes (splitting those over their text limit);
  // returns how many it read.
  std::size_t read_due();
  // Starts what the lanes allow and parks what must wait.
  void dispatch();
  boost::asio::awaitable<void> send(outbox::Entry entry);
  boost::asio::awaitable<platforms::SendResult> attempt(platforms::Adapter& adapter, const storage::OutboxRow& row);
  void queue(Outcome outcome);
  // A bucket came free: plan again, without reading the table again.
  void wake_to_dispatch() { wake_.cancel(); }
  boost::asio::awaitable<void> write_outcomes();
  // Runs a stored send in the outcome job (on the writer thread).
  static platforms::SendResult run_stored(storage::Store& store, Stored& stored);
  void committed(std::vector<Outcome>& done);

  boost::asio::io_context& io_;
  storage::Store& reader_;
  Writer& writer_;
  const Clock& clock_;
  std::map<std::string, platforms::Adapter*, std::less<>> adapters_;
  boost::asio::steady_timer wake_;
  outbox::Lanes lanes_;
  std::unordered_set<std::int64_t> held_;
  std::vector<Outcome> outcomes_;
  int in_flight_ = 0;
  bool writing_ = false;
  bool stopping_ = false;
  // Something may have come due (a commit, a nudge, the clock's tick): read the table on the next
  // pass. A finished send alone only frees its bucket.
  bool read_wanted_ = true;
};

}  // namespace gridbot
