// One database and its repositories, and the one place Actions become rows.
#pragma once

#include <SQLiteCpp/Database.h>

#include "handlers/actions.hpp"
#include "storage/counters.hpp"
#include "storage/early_warning_repository.hpp"
#include "storage/local_chat_repository.hpp"
#include "storage/notice_repository.hpp"
#include "storage/queue_repositories.hpp"
#include "storage/roster_repository.hpp"
#include "storage/savepoint.hpp"
#include "storage/ticket_repository.hpp"

namespace gridbot::storage {

class Store {
 public:
  explicit Store(SQLite::Database& db);

  SQLite::Database& db() { return db_; }

  // Writes every Action: ticket rows and events, outbox rows, timer rows. The caller holds the
  // transaction, so a handler's effects land together with the inbox row or fired timer that
  // caused them, or not at all.
  void apply(const Actions& actions, Time now);

  Counters counters;  // first: the repositories below keep it
  TicketRepository tickets;
  InboxRepository inbox;
  OutboxRepository outbox;
  TimerRepository timers;
  LocalChatRepository local_chat;
  NoticeRepository notices;
  EarlyWarningRepository alerts;
  RosterRepository rosters;
  Savepoints savepoints;

 private:
  SQLite::Database& db_;
};

}  // namespace gridbot::storage
