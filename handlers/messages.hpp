// Small builders shared by handlers: where a message goes and how a place or a ticket is described.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "handlers/actions.hpp"
#include "handlers/context.hpp"

namespace gridbot {

SendMessage to_group(const Group& group, std::string text, std::optional<std::int64_t> ticket = std::nullopt);
SendMessage to_user(std::string_view platform, std::string_view user_id, std::string text,
                    std::optional<std::int64_t> ticket = std::nullopt);
// A direct message to a member, on `preferred_platform` when they have an account there, else on
// their first account; nothing when they have no account at all.
std::optional<SendMessage> to_member(const Member& member, std::string_view preferred_platform, std::string text,
                                     std::optional<std::int64_t> ticket = std::nullopt);

// "3号楼2单元501室", or the template's word for "not given".
std::string describe_place(const Ticket& t, const templates::Catalog& text);
std::string category_name(std::string_view category, const templates::Catalog& text);
std::string member_name(const Organization& org, std::string_view member_id);

}  // namespace gridbot
