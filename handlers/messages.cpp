#include "handlers/messages.hpp"

namespace gridbot {

SendMessage to_group(const Group& group, std::string text, std::optional<std::int64_t> ticket) {
  SendMessage m;
  m.platform = group.platform;
  m.chat_id = group.chat_id;
  m.text = std::move(text);
  m.ticket = ticket;
  return m;
}

SendMessage to_user(std::string_view platform, std::string_view user_id, std::string text,
                    std::optional<std::int64_t> ticket) {
  SendMessage m;
  m.platform = platform;
  m.user_id = user_id;
  m.text = std::move(text);
  m.ticket = ticket;
  return m;
}

std::optional<SendMessage> to_member(const Member& member, std::string_view preferred_platform, std::string text,
                                     std::optional<std::int64_t> ticket) {
  if (member.accounts.empty()) return std::nullopt;
  auto it = member.accounts.find(preferred_platform);
  if (it == member.accounts.end()) it = member.accounts.begin();
  return to_user(it->first, it->second, std::move(text), ticket);
}

std::string describe_place(const Ticket& t, const templates::Catalog& text) {
  std::string place;
  if (t.building) place += text.render("place.building", {{"building", *t.building}});
  if (t.unit) place += text.render("place.unit", {{"unit", *t.unit}});
  if (t.room) place += text.render("place.room", {{"room", *t.room}});
  return place.empty() ? text.render("place.unknown") : place;
}

std::string category_name(std::string_view category, const templates::Catalog& text) {
  std::string id = "category." + std::string(category);
  return text.has(id) ? text.render(id) : text.render("category.other");
}

std::string member_name(const Organization& org, std::string_view member_id) {
  const Member* m = org.member(member_id);
  return m ? m->name : std::string(member_id);
}

}  // namespace gridbot
