// Notices, each group's copy of one (a link to its outbox row) and the acknowledgements counted.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "handlers/actions.hpp"
#include "handlers/notices/notice.hpp"

namespace gridbot::storage {

class NoticeRepository : public NoticeReader {
 public:
  explicit NoticeRepository(SQLite::Database& db);

  std::optional<Notice> find_notice(std::int64_t id) const override;
  std::int64_t next_notice_id() const override;
  std::vector<Notice> open_acknowledged_notices(std::string_view group_id, Time now) const override;
  std::vector<std::string> acknowledgers(std::int64_t notice, std::string_view group_id) const override;
  std::optional<std::int64_t> notice_of_message(std::string_view platform, std::string_view message_id) const override;
  std::vector<NoticeDelivery> deliveries(std::int64_t notice) const override;
  std::vector<Notice> notices_newest_first() const override;

  void save(const Notice& n);
  // The outbox row just inserted is the group's copy of the notice.
  void add_delivery(std::int64_t notice, std::string_view group_id, std::int64_t outbox_id);
  // The outbox row `outbox_id` (a copy's first row; a later part names it as part_of) was sent or
  // is dead, in the transaction that says so on the row. A dead part keeps its copy dead.
  void record_outcome(std::int64_t outbox_id, std::string_view status, int errcode = 0, std::string_view failure = {});
  // A second acknowledgement by the same person in the same group changes nothing.
  void record_ack(const RecordAck& ack);

 private:
  mutable SQLite::Statement find_, next_, open_, acks_, of_message_, deliveries_, newest_;
  SQLite::Statement save_, deliver_, ack_, outcome_;
};

}  // namespace gridbot::storage
