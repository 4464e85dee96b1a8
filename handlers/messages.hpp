// Where a message goes and how a ticket is described: shared by every handler.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"
#include "handlers/events.hpp"

namespace gridbot {

// Everything posted to a group is masked; `keep` lists mobile numbers (11 ASCII digits) a member
// gave that may stand as written.
SendMessage to_group(const Group& group, std::string text, std::optional<std::int64_t> ticket = std::nullopt,
                     const std::set<std::string>& keep = {});
SendMessage to_user(std::string_view platform, std::string_view user_id, std::string text,
                    std::optional<std::int64_t> ticket = std::nullopt);
// A direct message to a member, on `preferred_platform` when they have an account there, else on
// their first account; nothing when they have no account at all.
std::optional<SendMessage> to_member(const Member& member, std::string_view preferred_platform, std::string text,
                                     std::optional<std::int64_t> ticket = std::nullopt);
// The same where they are reachable: the organization's platform preference first, then
// `ticket_platform` (Organization::reachable).
std::optional<SendMessage> to_member(const Organization& org, const Member& member, std::string_view ticket_platform,
                                     std::string text, std::optional<std::int64_t> ticket = std::nullopt);

// Answers go back the way the message came: every message in `out` to the conversation `message`
// came from (its group chat, or its sender's direct chat) is sent from the account it came in on
// and carries its reply handle, so a platform that answers through the handle (WeCom's
// response_url, a long connection's req_id) can.
void answer_in_kind(Actions& out, const Inbound& message);

// A notification to a member about a ticket. Non-urgent ones wait out quiet hours, unless the
// member is being answered right now (`immediate`).
void notify_member(Actions& out, const Member* member, const Ticket& t, std::string text, const Context& ctx,
                   bool immediate = false);

// Tells the reporter: in the group with an @ (the text masked), or privately for sensitive
// categories and direct reports. Group templates take {resident}; `<id>_private` is the private form.
void tell_reporter(Actions& out, const Ticket& t, std::string_view template_id, templates::Args args, const Context& ctx,
                   const std::set<std::string>& keep = {});
// Tells each subscriber ("+1" reporters) privately with `<id>_private`.
void tell_subscribers(Actions& out, const Ticket& t, std::string_view template_id, templates::Args args, const Context& ctx);

// "3号楼2单元501室", or the template's word for "not given".
std::string describe_place(const Ticket& t, const templates::Catalog& text);
std::string category_name(std::string_view category, const templates::Catalog& text);
std::string role_name(Role role, const templates::Catalog& text);
std::string state_name(TicketState state, const templates::Catalog& text);
std::string member_name(const Organization& org, std::string_view member_id);
std::string yes_no(bool value);  // for MessageFormat select arguments

}  // namespace gridbot
