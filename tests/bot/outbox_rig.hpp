// The outbox sender on a fake adapter and a manual clock: a temp database with the writer thread,
// the reader connection and the event loop the service has, and an adapter whose answers, quotas,
// text limit and speed each test sets.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/outbox_sender.hpp"
#include "storage/database.hpp"
#include "tests/support/await.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::testing {

class FakeAdapter final : public platforms::Adapter {
 public:
  explicit FakeAdapter(boost::asio::io_context& io) : io_(io) {}
  std::string_view name() const override { return "fake"; }

  // chat → (capacity, period); chats not listed are unpaced.
  std::map<std::string, std::pair<int, Seconds>> quota_per_chat;
  std::size_t limit = 0;
  // Answers by chat, taken in order; when none is left the answer is ok.
  std::map<std::string, std::deque<platforms::SendResult>> answers;
  // Sends to these chats wait until release(chat).
  std::set<std::string> slow;

  std::vector<storage::OutboxRow> started;   // in the order send() was called
  std::vector<storage::OutboxRow> finished;  // in the order send() returned
  std::vector<Time> finished_at;             // on `clock`, when set
  const Clock* clock = nullptr;
  int refreshes = 0;

  std::vector<platforms::Quota> quotas(const storage::OutboxRow& row) const override {
    auto it = quota_per_chat.find(row.message.chat_id);
    if (it == quota_per_chat.end()) return {};
    return {platforms::Quota{"fake/" + row.message.chat_id, it->second.first, it->second.second}};
  }
  std::size_t text_limit(const storage::OutboxRow&) const override { return limit; }

  // Chats whose sends are stored sends (as the local platform's): a message appended to the local
  // chat in the outcome job, answered "L<its id>"; to chats in `stored_fails` the write fails.
  std::set<std::string> stored, stored_fails;
  platforms::StoredSend stored_send(const storage::OutboxRow& row) override {
    const std::string chat = row.message.chat_id;
    if (!stored.contains(chat)) return {};
    const bool fails = stored_fails.contains(chat);
    storage::LocalMessage m{0, chat, "", "bot", row.message.text, {}, std::nullopt, Time{}, row.id};
    return [m, fails](storage::Store& store) {
      const auto id = store.local_chat.append(m);
      // Fails after writing, which the sender must take back: throws, and the transaction lives on.
      if (fails) store.db().exec("INSERT INTO no_such_table VALUES(1)");
      return platforms::SendResult::ok("L" + std::to_string(id));
    };
  }

  boost::asio::awaitable<platforms::SendResult> send(const storage::OutboxRow& row) override {
    started.push_back(row);
    const std::string chat = row.message.chat_id;
    if (slow.contains(chat)) {
      boost::asio::steady_timer gate(io_, boost::asio::steady_timer::time_point::max());
      gates_[chat].push_back(&gate);
      boost::system::error_code ec;
      co_await gate.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
    finished.push_back(row);
    if (clock) finished_at.push_back(clock->now());
    auto& queue = answers[chat];
    if (queue.empty()) co_return platforms::SendResult::ok("m" + std::to_string(row.id));
    auto answer = queue.front();
    queue.pop_front();
    co_return answer;
  }
  boost::asio::awaitable<void> refresh_credentials(const storage::OutboxRow&) override {
    ++refreshes;
    co_return;
  }

  // Lets every waiting send to `chat` go on (and later ones too).
  void release(const std::string& chat) {
    slow.erase(chat);
    for (auto* gate : gates_[chat]) gate->cancel();
    gates_[chat].clear();
  }
  void release_all() {
    slow.clear();
    for (auto& [chat, gates] : gates_)
      for (auto* gate : gates) gate->cancel();
    gates_.clear();
  }
  std::size_t started_to(const std::string& chat) const {
    std::size_t n = 0;
    for (const auto& r : started) n += r.message.chat_id == chat;
    return n;
  }
  std::size_t finished_to(const std::string& chat) const {
    std::size_t n = 0;
    for (const auto& r : finished) n += r.message.chat_id == chat;
    return n;
  }

 private:
  boost::asio::io_context& io_;
  std::map<std::string, std::vector<boost::asio::steady_timer*>> gates_;
};

struct OutboxRig {
  TempDir dir;
  std::string path = dir.file("outbox.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  storage::Store reader{reader_db};
  Writer writer{store};
  boost::asio::io_context io;
  ManualClock clock{Time(Seconds(1'794'967'200))};
  FakeAdapter adapter{io};
  OutboxSender sender{io, reader, writer, clock};
  Time t0 = clock.now();

  OutboxRig() {
    writer.start();
    sender.add_adapter(adapter);
    sender.start();
  }
  ~OutboxRig() {
    sender.stop();
    adapter.release_all();
    io.run_for(std::chrono::milliseconds(50));
    writer.stop();
  }

  static SendMessage message(const std::string& chat, const std::string& text, Priority priority = Priority::notice) {
    SendMessage m;
    m.platform = "fake";
    m.chat_id = chat;
    m.text = text;
    m.priority = priority;
    return m;
  }
  void enqueue(const std::vector<SendMessage>& messages) {
    await(writer.run([&](storage::Store& s) {
      for (const auto& m : messages) s.outbox.enqueue(m, clock.now());
    }));
    sender.nudge();
  }
  void enqueue(const std::string& chat, int n, Priority priority = Priority::notice) {
    std::vector<SendMessage> messages;
    for (int i = 0; i < n; ++i) messages.push_back(message(chat, chat + " #" + std::to_string(i), priority));
    enqueue(messages);
  }
  // Runs the event loop until `done` holds (false after 5 s of real time).
  bool run_until(const std::function<bool()>& done) {
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
      if (std::chrono::steady_clock::now() > limit) return false;
      io.run_for(std::chrono::milliseconds(2));
    }
    return true;
  }
  // Lets whatever would happen now happen: a wrong extra send has this long to show itself.
  void settle() {
    run_until([&] { return sender.idle(); });
    io.run_for(std::chrono::milliseconds(20));
    run_until([&] { return sender.idle(); });
  }
  void advance(Seconds by) {
    clock.advance(by);
    sender.nudge();
    settle();
  }
  std::int64_t count(const std::string& status) { return reader.outbox.count(status); }
  int attempts(std::int64_t id) {
    SQLite::Statement q(reader_db, "SELECT attempts FROM outbox WHERE id = ?");
    q.bind(1, id);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
};

}  // namespace gridbot::testing
