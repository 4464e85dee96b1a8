#include "bot/platforms/local/local_platform.hpp"

#include <charconv>

#include "bot/log.hpp"
#include "bot/platforms/local/local_messages_json.hpp"

extern const std::string_view gridbot_embedded_local_page;

namespace gridbot::platforms {

using http::error_response;
using http::json_response;
using http::Status;
using nlohmann::json;

LocalPlatform::LocalPlatform(storage::Store& reader, Writer& writer, Pipeline& pipeline, const OrganizationSnapshots& orgs,
                             const Clock& clock, http::CrossSiteGuard guard, TextCap cap, int quota_per_minute)
    : reader_(reader),
      writer_(writer),
      pipeline_(pipeline),
      orgs_(orgs),
      clock_(clock),
      guard_(std::move(guard)),
      cap_(std::move(cap)),
      quota_per_minute_(quota_per_minute) {}

// One bucket for the one local bot, as a webhook robot has one quota for whatever it posts.
std::vector<Quota> LocalPlatform::quotas(const storage::OutboxRow&) const {
  if (quota_per_minute_ <= 0) return {};
  return {Quota{"local/bot", quota_per_minute_, Seconds(60)}};
}

// Templates carry no "@name": mentions are structured and each platform writes them its own way.
// Here, as a chat client shows them: "@张伟 " before the text, by the person's name.
std::string LocalPlatform::with_mentions(const SendMessage& m, const Organization& org) const {
  std::string text;
  for (const auto& user : m.mentions) {
    const Person p = org.person_by_account(platform_name, user);
    text += "@" + (p.kind == Person::Kind::unknown ? user : p.name) + " ";
  }
  return text + m.text;
}

StoredSend LocalPlatform::stored_send(const storage::OutboxRow& row) {
  auto refused = [](std::string why) {
    return StoredSend([why = std::move(why)](storage::Store&) { return SendResult::permanent(why); });
  };
  const auto org = orgs_.current();
  const auto& m = row.message;
  if (m.chat_id.empty() && m.user_id.empty()) return refused("message has no chat and no user");
  if (!m.chat_id.empty() && !org->group_by_chat(platform_name, m.chat_id))
    return refused("unknown local group '" + m.chat_id + "'");
  storage::LocalMessage message{0, m.chat_id, m.chat_id.empty() ? m.user_id : std::string(), std::string(bot_user),
                                with_mentions(m, *org), m.mentions, std::nullopt, clock_.now(), row.id};
  // The row's id makes the append idempotent (local_messages.outbox_id is unique).
  return StoredSend([message = std::move(message)](storage::Store& store) {
    return SendResult::ok(std::to_string(store.local_chat.append(message)));
  });
}

boost::asio::awaitable<SendResult> LocalPlatform::send(const storage::OutboxRow& row) {
  StoredSend work = stored_send(row);
  SendResult result;
  co_await writer_.run([&](storage::Store& store) { result = work(store); });
  co_return result;
}

void LocalPlatform::add_routes(http::Router& router) {
  using http::Verb;
  auto add = [&](Verb verb, std::string pattern, http::Handler handler) {
    router.add(verb, std::move(pattern), guard_.wrap(std::move(handler)));
  };
  // A newcomer opens the address the log prints: show them the page, not a JSON 404.
  add(Verb::get, "/", [](const http::Request&, const http::Params&) {
    http::Response r = http::text_response(Status::found, "", "text/plain; charset=utf-8");
    r.set(http::beast_http::field::location, "/local/");
    return r;
  });
  add(Verb::get, "/local", [](const http::Request&, const http::Params&) {
    return http::text_response(Status::ok, std::string(gridbot_embedded_local_page), "text/html; charset=utf-8");
  });
  auto add_async = [&](Verb verb, std::string pattern, http::AsyncHandler handler) {
    router.add_async(verb, std::move(pattern), guard_.wrap_async(std::move(handler)));
  };
  add(Verb::get, "/local/api/groups", [this](const http::Request&, const http::Params&) { return list_groups(); });
  add(Verb::get, "/local/api/users", [this](const http::Request&, const http::Params&) { return list_users(); });
  add_async(Verb::post, "/local/api/groups/{id}/messages",
            [this](const http::Request& r, const http::Params& p) { return post_to_group(r, p.path.at("id")); });
  add(Verb::get, "/local/api/groups/{id}/messages",
      [this](const http::Request&, const http::Params& p) { return read_group(p.path.at("id"), p); });
  add_async(Verb::post, "/local/api/users/{id}/messages",
            [this](const http::Request& r, const http::Params& p) { return post_to_bot(r, p.path.at("id")); });
  add(Verb::get, "/local/api/users/{id}/messages",
      [this](const http::Request&, const http::Params& p) { return read_direct(p.path.at("id"), p); });
}

void LocalPlatform::start() {
  log::info("serve", "local chat page: /local/ on the address above");
}

http::Response LocalPlatform::list_groups() const {
  const auto org = orgs_.current();
  json groups = json::array();
  for (const auto& g : org->groups) {
    if (g.platform != platform_name) continue;
    json members = json::array();
    for (const auto& person : org->roster(g)) {
      const Accounts& accounts = person.member ? person.member->accounts : person.resident->accounts;
      if (auto it = accounts.find(platform_name); it != accounts.end()) members.push_back(it->second);
    }
    const Grid* grid = org->grid(g.grid);
    const Community* community = org->community(g.community);
    groups.push_back({{"group_id", g.chat_id}, {"name", g.name}, {"grid", g.grid}, {"grid_name", grid ? grid->name : ""},
                      {"community", g.community}, {"community_name", community ? community->name : ""},
                      {"members", members}});
  }
  return json_response(Status::ok, {{"groups", groups}});
}

http::Response LocalPlatform::list_users() const {
  const auto org = orgs_.current();
  auto grid_name = [&org](const std::string& id) {
    const Grid* g = org->grid(id);
    return g ? g->name : std::string();
  };
  json users = json::array();
  for (const auto& m : org->members) {
    auto it = m.accounts.find(platform_name);
    if (it == m.accounts.end()) continue;
    json roles = json::array();
    for (Role r : m.roles) roles.push_back(std::string(to_string(r)));
    users.push_back({{"user_id", it->second}, {"name", m.name}, {"kind", "member"}, {"roles", roles}, {"grid", m.grid},
                     {"grid_name", grid_name(m.grid)}, {"community", m.community}, {"department", m.department}});
  }
  for (const auto& r : org->residents) {
    auto it = r.accounts.find(platform_name);
    if (it == r.accounts.end()) continue;
    users.push_back({{"user_id", it->second}, {"name", r.name}, {"kind", "resident"}, {"roles", json::array()},
                     {"grid", r.grid}, {"grid_name", grid_name(r.grid)}, {"community", org->community_of_grid(r.grid)},
                     {"department", ""}});
  }
  return json_response(Status::ok, {{"users", users}});
}

// The POST handlers are coroutines: everything up to the pipeline runs at once on the HTTP thread
// (reads from the reader connection and the organization), then the request waits for its
// batch's commit without holding up other connections.
boost::asio::awaitable<http::Response> LocalPlatform::post_to_group(const http::Request& request, std::string group_id) {
  const auto org = orgs_.current();
  const Group* group = org->group_by_chat(platform_name, group_id);
  if (!group) co_return error_response(Status::not_found, "unknown group '" + group_id + "'");
  auto body = parse_post_body(request.body(), true);
  if (!body) co_return error_response(Status::bad_request, body.error());
  const Person sender = org->person_by_account(platform_name, body->sender);
  if (sender.kind == Person::Kind::unknown)
    co_return error_response(Status::not_found, "unknown user '" + body->sender + "'");
  if (!org->in_group(*group, sender.id))
    co_return error_response(Status::forbidden, "user '" + body->sender + "' is not in group '" + group_id + "'");
  http::Response response = co_await accept_post(std::move(*body), group->chat_id, "");
  co_return response;
}

boost::asio::awaitable<http::Response> LocalPlatform::post_to_bot(const http::Request& request, std::string user_id) {
  const auto org = orgs_.current();
  if (org->person_by_account(platform_name, user_id).kind == Person::Kind::unknown)
    co_return error_response(Status::not_found, "unknown user '" + user_id + "'");
  auto body = parse_post_body(request.body(), false);
  if (!body) co_return error_response(Status::bad_request, body.error());
  body->sender = user_id;
  http::Response response = co_await accept_post(std::move(*body), "", user_id);
  co_return response;
}

boost::asio::awaitable<http::Response> LocalPlatform::accept_post(PostBody body, std::string chat_id, std::string user_id) {
  // A quote must point into the same conversation: this group, or this user's chat with the bot.
  // The quoted message was committed before anyone could see it, so the reader finds it.
  if (body.quote_id) {
    auto quoted = reader_.local_chat.find(*body.quote_id);
    if (!quoted || quoted->chat_id != chat_id || quoted->user_id != user_id)
      co_return error_response(Status::bad_request, chat_id.empty() ? "'quote' refers to no message in this conversation"
                                                                    : "'quote' refers to no message in this group");
  }
  std::string text = capped_text(body.text, cap_);
  if (text.empty()) co_return error_response(Status::bad_request, "'text' must not be empty");  // e.g. only U+3000 spaces
  Inbound in{std::string(platform_name), {}, chat_id, body.sender, std::move(text), body.quote, clock_.now()};
  // The platform stores the message inside the pipeline's savepoint, on the writer thread: a
  // redelivery rolls it back.
  auto accepted = co_await pipeline_.submit(std::move(in), body.client_msg_id, [&](storage::Store& store, Inbound& m) {
    storage::LocalMessage message{0, chat_id, user_id, m.sender, m.text, {}, body.quote_id, m.received_at, std::nullopt};
    m.message_id = std::to_string(store.local_chat.append(message));
    return m.message_id;
  });
  co_return json_response(Status::accepted, {{"message_id", std::stoll(accepted.ref)}, {"duplicate", accepted.duplicate}});
}

http::Response LocalPlatform::read_group(const std::string& group_id, const http::Params& params) const {
  const auto org = orgs_.current();
  if (!org->group_by_chat(platform_name, group_id)) return error_response(Status::not_found, "unknown group '" + group_id + "'");
  auto after = parse_after(params);
  if (!after) return error_response(Status::bad_request, after.error());
  return json_response(Status::ok, messages_json(reader_.local_chat.group_messages(group_id, *after, 1000), *org));
}

http::Response LocalPlatform::read_direct(const std::string& user_id, const http::Params& params) const {
  const auto org = orgs_.current();
  if (org->person_by_account(platform_name, user_id).kind == Person::Kind::unknown)
    return error_response(Status::not_found, "unknown user '" + user_id + "'");
  auto after = parse_after(params);
  if (!after) return error_response(Status::bad_request, after.error());
  // The bot's messages to the user; with ?with_own=1 the user's own messages too (the page's view).
  const bool with_own = params.query_or("with_own", "0") == "1";
  return json_response(Status::ok, messages_json(reader_.local_chat.direct_messages(user_id, with_own ? "" : bot_user, *after, 1000), *org));
}

}  // namespace gridbot::platforms
