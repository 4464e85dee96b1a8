#include "handlers/notices/notice.hpp"

#include <array>
#include <utility>

namespace gridbot {

namespace {
constexpr std::array<std::pair<NoticeStatus, std::string_view>, 4> names{{
    {NoticeStatus::draft, "draft"},
    {NoticeStatus::scheduled, "scheduled"},
    {NoticeStatus::sent, "sent"},
    {NoticeStatus::cancelled, "cancelled"},
}};
}  // namespace

std::string_view to_string(NoticeStatus status) {
  for (const auto& [s, name] : names)
    if (s == status) return name;
  return "cancelled";
}

std::optional<NoticeStatus> notice_status_from_string(std::string_view name) {
  for (const auto& [s, n] : names)
    if (n == name) return s;
  return std::nullopt;
}

}  // namespace gridbot
