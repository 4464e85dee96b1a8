// A notice (通知 / 政策宣传): one text an admin broadcasts to the groups of a scope, optionally
// asking every member of each group to acknowledge it (收到请回复) by a deadline. What is stored of
// it, and what handlers may read back. Kept free of actions.hpp so the Actions can carry it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/time.hpp"

namespace gridbot {

enum class NoticeStatus { draft, scheduled, sent, cancelled };
std::string_view to_string(NoticeStatus status);
std::optional<NoticeStatus> notice_status_from_string(std::string_view name);

struct Notice {
  std::int64_t id = 0;
  std::string sender;                           // member id
  std::string sender_platform, sender_user;     // where the sender hears back (confirmation, progress)
  std::string text;                             // the Chinese version, as sent
  std::map<std::string, std::string> versions;  // "ug" / "kk" → the sender's translation
  std::vector<std::string> groups;              // group ids, resolved from the scope when composed
  int priority = 2;                             // an outbox Priority (notice by default)
  bool require_ack = false;
  Time deadline{};  // acknowledgements count until then; the non-responders are listed at it
  Time send_at{};   // scheduled send; Time{} for at once
  NoticeStatus status = NoticeStatus::draft;
  Time created_at{}, sent_at{};
};

// One group's copy of a notice: its own record of how its outbox row ended, kept on the copy so
// it outlives the row (retention deletes sent rows).
struct NoticeDelivery {
  std::string group_id;
  std::string status;   // pending, sent, dead
  int errcode = 0;      // dead: the platform's code, 0 when it gave none
  std::string failure;  // dead: how the send ended (delivery_end::permanent, delivery_end::gave_up)
};

// How a copy's last send ended, as the outbox records it on the copy.
namespace delivery_end {
inline constexpr const char* permanent = "permanent";  // the platform refused it for good
inline constexpr const char* gave_up = "gave_up";      // transient failures until the attempts ran out
}  // namespace delivery_end

class NoticeReader {
 public:
  virtual ~NoticeReader() = default;
  virtual std::optional<Notice> find_notice(std::int64_t id) const = 0;
  virtual std::int64_t next_notice_id() const = 0;
  // Sent notices asking for acknowledgement in a group whose deadline is after `now`, newest first.
  virtual std::vector<Notice> open_acknowledged_notices(std::string_view group_id, Time now) const = 0;
  // The person ids who acknowledged the notice in the group.
  virtual std::vector<std::string> acknowledgers(std::int64_t notice, std::string_view group_id) const = 0;
  // The notice a platform message (a group's copy, once sent) belongs to.
  virtual std::optional<std::int64_t> notice_of_message(std::string_view platform, std::string_view message_id) const = 0;
  virtual std::vector<NoticeDelivery> deliveries(std::int64_t notice) const = 0;
  // Every notice past its draft, newest first (the console's list; few enough to filter by scope).
  virtual std::vector<Notice> notices_newest_first() const = 0;
};

namespace timer_kind {
inline constexpr const char* notice_send = "notice_send";          // a scheduled notice's time came
inline constexpr const char* notice_deadline = "notice_deadline";  // its acknowledgement deadline
}  // namespace timer_kind

}  // namespace gridbot
