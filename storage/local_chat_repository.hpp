// The built-in local chat platform's own message log: group conversations and each user's direct
// conversation with the bot. It plays the part a real platform's servers play.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/time.hpp"

namespace gridbot::storage {

struct LocalMessage {
  std::int64_t id = 0;
  std::string chat_id;  // non-empty: a group message
  std::string user_id;  // for a direct message: the user the conversation is with
  std::string sender;   // a user id, or the bot's id
  std::string text;
  std::vector<std::string> mentions;
  std::optional<std::int64_t> quote;
  Time at{};
  std::optional<std::int64_t> outbox_id;  // the bot's messages: the outbox row they came from
};

class LocalChatRepository {
 public:
  explicit LocalChatRepository(SQLite::Database& db);
  // Appends and returns the message id. A bot message whose outbox row was already delivered
  // (a resend after a crash) is not appended twice: the first copy's id is returned.
  std::int64_t append(const LocalMessage& m);
  std::optional<LocalMessage> find(std::int64_t id) const;
  std::vector<LocalMessage> group_messages(std::string_view chat_id, std::int64_t after, int limit) const;
  // A user's direct conversation; with `sender` set, only what that sender wrote.
  std::vector<LocalMessage> direct_messages(std::string_view user_id, std::string_view sender, std::int64_t after,
                                            int limit) const;

 private:
  std::vector<LocalMessage> read_all(SQLite::Statement& s) const;
  SQLite::Statement append_, by_outbox_;
  mutable SQLite::Statement group_, direct_, find_;
  SQLite::Database& db_;
};

}  // namespace gridbot::storage
