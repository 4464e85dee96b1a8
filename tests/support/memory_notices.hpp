// Notices in memory, for pure handler tests: a NoticeReader that takes the Actions a handler
// returned. Each group's copy starts pending; a test marks it sent (with the platform's message id)
// or dead as the outbox would.
#pragma once

#include <algorithm>
#include <map>
#include <vector>

#include "handlers/actions.hpp"
#include "handlers/notices/notice.hpp"

namespace gridbot::testing {

class MemoryNotices : public NoticeReader {
 public:
  struct Copy {
    NoticeDelivery delivery;
    std::string message_id;  // the platform's, once sent
  };

  std::optional<Notice> find_notice(std::int64_t id) const override {
    auto it = notices.find(id);
    return it == notices.end() ? std::nullopt : std::optional(it->second);
  }
  std::int64_t next_notice_id() const override { return notices.empty() ? 1 : notices.rbegin()->first + 1; }
  std::vector<Notice> open_acknowledged_notices(std::string_view group, Time now) const override {
    std::vector<Notice> out;
    for (auto it = notices.rbegin(); it != notices.rend(); ++it) {
      const Notice& n = it->second;
      if (n.status == NoticeStatus::sent && n.require_ack && n.deadline > now && copies.contains(key(n.id, group)))
        out.push_back(n);
    }
    return out;
  }
  std::vector<std::string> acknowledgers(std::int64_t notice, std::string_view group) const override {
    std::vector<std::string> out;
    for (const auto& a : acks)
      if (a.notice == notice && a.group_id == group) out.push_back(a.person);
    return out;
  }
  std::optional<std::int64_t> notice_of_message(std::string_view, std::string_view message_id) const override {
    for (const auto& [k, c] : copies)
      if (!c.message_id.empty() && c.message_id == message_id) return k.first;
    return std::nullopt;
  }
  std::vector<NoticeDelivery> deliveries(std::int64_t notice) const override {
    std::vector<NoticeDelivery> out;
    for (const auto& [k, c] : copies)
      if (k.first == notice) out.push_back(c.delivery);
    return out;
  }

  std::vector<Notice> notices_newest_first() const override {
    std::vector<Notice> out;
    for (auto it = notices.rbegin(); it != notices.rend(); ++it)
      if (it->second.status != NoticeStatus::draft) out.push_back(it->second);
    return out;
  }

  void apply(const Actions& actions) {
    for (const auto& a : actions) {
      if (auto* s = std::get_if<SaveNotice>(&a)) notices[s->notice.id] = s->notice;
      if (auto* d = std::get_if<DeliverNotice>(&a)) copies[key(d->notice, d->group_id)] = Copy{{d->group_id, "pending", 0, ""}, ""};
      if (auto* r = std::get_if<RecordAck>(&a)) {
        bool seen = std::any_of(acks.begin(), acks.end(), [&](const RecordAck& x) {
          return x.notice == r->notice && x.group_id == r->group_id && x.person == r->person;
        });
        if (!seen) acks.push_back(*r);
      }
    }
  }
  // What the outbox does once a copy goes out, or cannot.
  void mark_sent(std::int64_t notice, const std::string& group, const std::string& message_id) {
    auto& c = copies.at(key(notice, group));
    c.delivery.status = "sent";
    c.message_id = message_id;
  }
  void mark_dead(std::int64_t notice, const std::string& group, int errcode, std::string failure = delivery_end::permanent) {
    auto& c = copies.at(key(notice, group));
    c.delivery.status = "dead";
    c.delivery.errcode = errcode;
    c.delivery.failure = std::move(failure);
  }
  void mark_all_sent() {
    for (auto& [k, c] : copies)
      if (c.delivery.status == "pending") c.delivery.status = "sent", c.message_id = "n" + std::to_string(k.first) + "-" + k.second;
  }

  std::map<std::int64_t, Notice> notices;
  std::map<std::pair<std::int64_t, std::string>, Copy> copies;
  std::vector<RecordAck> acks;

 private:
  static std::pair<std::int64_t, std::string> key(std::int64_t n, std::string_view g) { return {n, std::string(g)}; }
};

}  // namespace gridbot::testing
