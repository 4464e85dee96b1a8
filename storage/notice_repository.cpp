#include "storage/notice_repository.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql_values.hpp"

namespace gridbot::storage {

namespace {

constexpr const char* notice_columns =
    "n.id, n.sender, n.sender_platform, n.sender_user, n.text, n.versions, n.group_ids, n.priority, n.require_ack,"
    " n.deadline, n.send_at, n.status, n.created_at, n.sent_at";

Notice read_notice(SQLite::Statement& s) {
  Notice n;
  n.id = s.getColumn(0).getInt64();
  n.sender = s.getColumn(1).getString();
  n.sender_platform = s.getColumn(2).getString();
  n.sender_user = s.getColumn(3).getString();
  n.text = s.getColumn(4).getString();
  n.versions = nlohmann::json::parse(s.getColumn(5).getString()).get<std::map<std::string, std::string>>();
  n.groups = nlohmann::json::parse(s.getColumn(6).getString()).get<std::vector<std::string>>();
  n.priority = s.getColumn(7).getInt();
  n.require_ack = s.getColumn(8).getInt() != 0;
  n.deadline = to_time(s.getColumn(9));
  n.send_at = to_time(s.getColumn(10));
  n.status = notice_status_from_string(s.getColumn(11).getString()).value_or(NoticeStatus::cancelled);
  n.created_at = to_time(s.getColumn(12));
  n.sent_at = to_time(s.getColumn(13));
  return n;
}

}  // namespace

NoticeRepository::NoticeRepository(SQLite::Database& db)
    : find_(db, std::string("SELECT ") + notice_columns + " FROM notices n WHERE n.id = ?"),
      next_(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM notices"),
      // Through the group's deliveries, newest first: a group receives few notices, however many
      // there are in all.
      open_(db, std::string("SELECT ") + notice_columns +
                    " FROM notice_deliveries d JOIN notices n ON n.id = d.notice"
                    " WHERE d.group_id = ?1 AND n.require_ack = 1 AND n.status = 'sent' AND n.deadline > ?2"
                    " ORDER BY d.notice DESC LIMIT 16"),
      acks_(db, "SELECT person FROM notice_acks WHERE notice = ? AND group_id = ? ORDER BY at, person"),
      of_message_(db, "SELECT d.notice FROM outbox o JOIN notice_deliveries d ON d.outbox_id = COALESCE(o.part_of, o.id)"
                      " WHERE o.platform = ? AND o.platform_message_id = ? AND o.platform_message_id <> ''"),
      // The copy's own record, never the outbox row's: retention deletes sent rows.
      deliveries_(db, "SELECT group_id, status, errcode, failure FROM notice_deliveries WHERE notice = ? ORDER BY group_id"),
      newest_(db, std::string("SELECT ") + notice_columns + " FROM notices n WHERE n.status <> 'draft' ORDER BY n.id DESC"),
      save_(db, "INSERT INTO notices(id, sender, sender_platform, sender_user, text, versions, group_ids, priority,"
                " require_ack, deadline, send_at, status, created_at, sent_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)"
                " ON CONFLICT(id) DO UPDATE SET status = excluded.status, sent_at = excluded.sent_at,"
                " group_ids = excluded.group_ids, deadline = excluded.deadline, send_at = excluded.send_at"),
      deliver_(db, "INSERT OR IGNORE INTO notice_deliveries(notice, group_id, outbox_id) VALUES(?,?,?)"),
      ack_(db, "INSERT OR IGNORE INTO notice_acks(notice, group_id, person, message_id, at) VALUES(?,?,?,?,?)"),
      outcome_(db, "UPDATE notice_deliveries SET status = ?2, errcode = ?3, failure = ?4"
                   " WHERE outbox_id = ?1 AND status <> 'dead'") {}

std::optional<Notice> NoticeRepository::find_notice(std::int64_t id) const {
  Reset guard(find_);
  find_.bind(1, id);
  if (!find_.executeStep()) return std::nullopt;
  return read_notice(find_);
}

std::int64_t NoticeRepository::next_notice_id() const {
  Reset guard(next_);
  next_.executeStep();
  return next_.getColumn(0).getInt64();
}

std::vector<Notice> NoticeRepository::open_acknowledged_notices(std::string_view group_id, Time now) const {
  Reset guard(open_);
  bind_text(open_, 1, group_id);
  bind_time(open_, 2, now);
  std::vector<Notice> out;
  while (open_.executeStep()) out.push_back(read_notice(open_));
  return out;
}

std::vector<std::string> NoticeRepository::acknowledgers(std::int64_t notice, std::string_view group_id) const {
  Reset guard(acks_);
  acks_.bind(1, notice);
  bind_text(acks_, 2, group_id);
  std::vector<std::string> out;
  while (acks_.executeStep()) out.push_back(acks_.getColumn(0).getString());
  return out;
}

std::optional<std::int64_t> NoticeRepository::notice_of_message(std::string_view platform, std::string_view message_id) const {
  Reset guard(of_message_);
  bind_text(of_message_, 1, platform);
  bind_text(of_message_, 2, message_id);
  if (!of_message_.executeStep()) return std::nullopt;
  return of_message_.getColumn(0).getInt64();
}

std::vector<NoticeDelivery> NoticeRepository::deliveries(std::int64_t notice) const {
  Reset guard(deliveries_);
  deliveries_.bind(1, notice);
  std::vector<NoticeDelivery> out;
  while (deliveries_.executeStep())
    out.push_back({deliveries_.getColumn(0).getString(), deliveries_.getColumn(1).getString(),
                   deliveries_.getColumn(2).getInt(), deliveries_.getColumn(3).getString()});
  return out;
}

std::vector<Notice> NoticeRepository::notices_newest_first() const {
  Reset guard(newest_);
  std::vector<Notice> out;
  while (newest_.executeStep()) out.push_back(read_notice(newest_));
  return out;
}

void NoticeRepository::record_outcome(std::int64_t outbox_id, std::string_view status, int errcode,
                                      std::string_view failure) {
  Reset guard(outcome_);
  outcome_.bind(1, outbox_id);
  bind_text(outcome_, 2, status);
  outcome_.bind(3, errcode);
  bind_text(outcome_, 4, failure);
  outcome_.exec();
}

void NoticeRepository::save(const Notice& n) {
  Reset guard(save_);
  save_.bind(1, n.id);
  bind_text(save_, 2, n.sender);
  bind_text(save_, 3, n.sender_platform);
  bind_text(save_, 4, n.sender_user);
  bind_text(save_, 5, n.text);
  bind_text(save_, 6, nlohmann::json(n.versions).dump());
  bind_text(save_, 7, nlohmann::json(n.groups).dump());
  save_.bind(8, n.priority);
  save_.bind(9, n.require_ack ? 1 : 0);
  bind_time(save_, 10, n.deadline);
  bind_time(save_, 11, n.send_at);
  bind_text(save_, 12, to_string(n.status));
  bind_time(save_, 13, n.created_at);
  bind_time(save_, 14, n.sent_at);
  save_.exec();
}

void NoticeRepository::add_delivery(std::int64_t notice, std::string_view group_id, std::int64_t outbox_id) {
  Reset guard(deliver_);
  deliver_.bind(1, notice);
  bind_text(deliver_, 2, group_id);
  deliver_.bind(3, outbox_id);
  deliver_.exec();
}

void NoticeRepository::record_ack(const RecordAck& a) {
  Reset guard(ack_);
  ack_.bind(1, a.notice);
  bind_text(ack_, 2, a.group_id);
  bind_text(ack_, 3, a.person);
  bind_text(ack_, 4, a.message_id);
  bind_time(ack_, 5, a.at);
  ack_.exec();
}

}  // namespace gridbot::storage
