#include "storage/local_chat_repository.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

LocalChatRepository::LocalChatRepository(SQLite::Database& db)
    : append_(db, "INSERT INTO local_messages(chat_id, user_id, sender, text, mentions, quote, at, outbox_id)"
                  " VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(outbox_id) DO NOTHING"),
      by_outbox_(db, "SELECT id FROM local_messages WHERE outbox_id = ?"),
      group_(db, "SELECT id, chat_id, user_id, sender, text, mentions, quote, at, outbox_id FROM local_messages"
                 " WHERE chat_id = ? AND id > ? ORDER BY id LIMIT ?"),
      direct_(db, "SELECT id, chat_id, user_id, sender, text, mentions, quote, at, outbox_id FROM local_messages"
                  " WHERE chat_id = '' AND user_id = ?1 AND (?2 = '' OR sender = ?2) AND id > ?3 ORDER BY id LIMIT ?4"),
      find_(db, "SELECT id, chat_id, user_id, sender, text, mentions, quote, at, outbox_id FROM local_messages WHERE id = ?"),
      db_(db) {}

std::int64_t LocalChatRepository::append(const LocalMessage& m) {
  Reset guard(append_);
  bind_text(append_, 1, m.chat_id);
  bind_text(append_, 2, m.user_id);
  bind_text(append_, 3, m.sender);
  bind_text(append_, 4, m.text);
  bind_text(append_, 5, nlohmann::json(m.mentions).dump());
  if (m.quote) append_.bind(6, *m.quote);
  else append_.bind(6);
  bind_time(append_, 7, m.at);
  if (m.outbox_id) append_.bind(8, *m.outbox_id);
  else append_.bind(8);
  if (append_.exec() == 1) return db_.getLastInsertRowid();
  Reset again(by_outbox_);
  by_outbox_.bind(1, *m.outbox_id);
  by_outbox_.executeStep();
  return by_outbox_.getColumn(0).getInt64();
}

std::vector<LocalMessage> LocalChatRepository::read_all(SQLite::Statement& s) const {
  std::vector<LocalMessage> out;
  while (s.executeStep()) {
    LocalMessage m;
    m.id = s.getColumn(0).getInt64();
    m.chat_id = s.getColumn(1).getString();
    m.user_id = s.getColumn(2).getString();
    m.sender = s.getColumn(3).getString();
    m.text = s.getColumn(4).getString();
    m.mentions = nlohmann::json::parse(s.getColumn(5).getString()).get<std::vector<std::string>>();
    if (!s.getColumn(6).isNull()) m.quote = s.getColumn(6).getInt64();
    m.at = to_time(s.getColumn(7));
    if (!s.getColumn(8).isNull()) m.outbox_id = s.getColumn(8).getInt64();
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<LocalMessage> LocalChatRepository::find(std::int64_t id) const {
  Reset guard(find_);
  find_.bind(1, id);
  auto found = read_all(find_);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<LocalMessage> LocalChatRepository::group_messages(std::string_view chat_id, std::int64_t after,
                                                              int limit) const {
  Reset guard(group_);
  bind_text(group_, 1, chat_id);
  group_.bind(2, after);
  group_.bind(3, limit);
  return read_all(group_);
}

std::vector<LocalMessage> LocalChatRepository::direct_messages(std::string_view user_id, std::string_view sender,
                                                               std::int64_t after, int limit) const {
  Reset guard(direct_);
  bind_text(direct_, 1, user_id);
  bind_text(direct_, 2, sender);
  direct_.bind(3, after);
  direct_.bind(4, limit);
  return read_all(direct_);
}

}  // namespace gridbot::storage
