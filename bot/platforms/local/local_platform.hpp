// The built-in local chat platform: groups and direct messages over JSON/HTTP, plus a page at
// /local/ to use them. The product runs with no enterprise account, and tests drive it exactly as
// a platform would. It is also the template every real platform adapter follows.
#pragma once

#include "bot/clock.hpp"
#include "bot/http/router.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/adapter.hpp"
#include "bot/platforms/inbound_text.hpp"
#include "bot/http/cross_site_guard.hpp"
#include "bot/platforms/local/local_messages_json.hpp"
#include "storage/store.hpp"

namespace gridbot::platforms {

class LocalPlatform final : public Adapter {
 public:
  static constexpr std::string_view platform_name = "local";
  static constexpr std::string_view bot_user = "gridbot";  // the bot's user id in local chats

  // Reads go to `reader` on the HTTP thread; every write goes through `writer`. Every route
  // answers only behind `guard`; posted texts are cut to `cap`. Built by make_local_platform.
  // Each request and send reads the organization snapshot current when it starts.
  LocalPlatform(storage::Store& reader, Writer& writer, Pipeline& pipeline, const OrganizationSnapshots& orgs,
                const Clock& clock,
                http::CrossSiteGuard guard, TextCap cap, int quota_per_minute = 0);

  std::string_view name() const override { return platform_name; }
  std::vector<Quota> quotas(const storage::OutboxRow& row) const override;
  // Sending is appending to the local chat: the sender does it in its outcome job (stored_send);
  // send() does the same in a writer job of its own, for whoever calls it directly.
  StoredSend stored_send(const storage::OutboxRow& row) override;
  boost::asio::awaitable<SendResult> send(const storage::OutboxRow& row) override;

  void add_routes(http::Router& router) override;
  void start() override;

 private:
  std::string with_mentions(const SendMessage& m, const Organization& org) const;
  http::Response list_groups() const;
  http::Response list_users() const;
  boost::asio::awaitable<http::Response> post_to_group(const http::Request& request, std::string group_id);
  boost::asio::awaitable<http::Response> post_to_bot(const http::Request& request, std::string user_id);
  // Validates the quote, then hands the message to the pipeline and answers once it has
  // committed: a group post (chat_id) or a user's direct message to the bot (user_id).
  boost::asio::awaitable<http::Response> accept_post(PostBody body, std::string chat_id, std::string user_id);
  http::Response read_group(const std::string& group_id, const http::Params& params) const;
  http::Response read_direct(const std::string& user_id, const http::Params& params) const;

  storage::Store& reader_;
  Writer& writer_;
  Pipeline& pipeline_;
  const OrganizationSnapshots& orgs_;
  const Clock& clock_;
  http::CrossSiteGuard guard_;  // its wrapped routes point at it: the adapter is not moved
  TextCap cap_;
  int quota_per_minute_;
};

}  // namespace gridbot::platforms
