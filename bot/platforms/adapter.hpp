// The seam between the product and a chat platform. An adapter turns a platform's requests into
// Inbound messages (through the pipeline) and sends outbox rows, classifying the platform's answer.
// The outbox sender (bot/outbox_sender.hpp) paces rows by the quotas an adapter names, runs sends
// of different buckets concurrently, splits texts over the adapter's limit, and turns each
// SendResult into sent / retry / dead letter. Each platform is a folder under bot/platforms/ with a
// pure codec and this connection part; bot/platforms/registry.cpp has one line per platform.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/awaitable.hpp"
#include "bot/http/router.hpp"
#include "handlers/notices/group_roster.hpp"
#include "handlers/time.hpp"
#include "storage/queue_repositories.hpp"
#include "storage/store.hpp"

namespace gridbot::platforms {

struct SendResult {
  enum class Kind {
    ok,             // sent; platform_message_id is what a reply quoting it will carry
    retry,          // transient (network, −1, 45033): back off, retry_after when the platform said
    rate_limited,   // the platform says this bucket is blocked until `until` (DingTalk 130101, WeCom 45009):
                    // the row waits without losing an attempt, and so does every row of its bucket
    token_expired,  // the credential is stale: the sender calls refresh_credentials() and sends once more
    permanent,      // can never be sent (48002, 60011, 40033, …): a dead letter with errcode and advice
  } kind = Kind::ok;
  std::string platform_message_id;
  std::string error;      // the platform's words plus a sentence an admin can act on (dead-letter view)
  int errcode = 0;        // the platform's code, 0 when there is none
  Seconds retry_after{};  // retry: the platform's hint, when it gives one
  Time until{};           // rate_limited

  static SendResult ok(std::string id) { return {Kind::ok, std::move(id), {}, 0, {}, {}}; }
  static SendResult retry(std::string why, Seconds after = {}, int errcode = 0) {
    return {Kind::retry, {}, std::move(why), errcode, after, {}};
  }
  static SendResult rate_limited(std::string why, Time until, int errcode = 0) {
    return {Kind::rate_limited, {}, std::move(why), errcode, {}, until};
  }
  static SendResult token_expired(std::string why, int errcode = 0) {
    return {Kind::token_expired, {}, std::move(why), errcode, {}, {}};
  }
  static SendResult permanent(std::string why, int errcode = 0) {
    return {Kind::permanent, {}, std::move(why), errcode, {}, {}};
  }
};

// One token bucket a row draws from: at most `capacity` sends in any window of `period` (each
// token comes back one period after it was spent; bot/outbox/token_bucket.hpp), on the sender's
// injected clock. A row may name several (WeCom app: 30/min per app and 1000/h per member); it
// goes only when every one of them has a token. Rows queue in their first bucket, which sends one
// at a time, urgent first, then in row order.
struct Quota {
  std::string bucket;  // e.g. "wecom/main/app/user:zhangsan"; unique across platforms
  int capacity = 0;
  Seconds period{};
};

// Which group's member list is wanted: the group's account (empty: the platform's first) and
// chat id as the organization file names them.
struct RosterRequest {
  std::string group_id, account, chat_id;
};

// A group's member list from its platform (bot/rosters/roster_refresher.hpp), classified as the
// senders classify a send: ok with every page followed; retry (transient: network, 5xx, rate
// limited, a token refused twice) after `retry_after` when the platform said; permanent (no
// permission, not a group the call serves: logged, the last stored list stays); unsupported (the
// platform or this group has no member-list call configured: the organization's roster counts).
struct RosterFetch {
  enum class Kind { ok, unsupported, retry, permanent } kind = Kind::unsupported;
  std::vector<PlatformMember> members;
  std::string error;      // the platform's words and a sentence an admin can act on
  Seconds retry_after{};

  static RosterFetch ok(std::vector<PlatformMember> members) { return {Kind::ok, std::move(members), {}, {}}; }
  static RosterFetch unsupported(std::string why = {}) { return {Kind::unsupported, {}, std::move(why), {}}; }
  static RosterFetch retry(std::string why, Seconds after = {}) { return {Kind::retry, {}, std::move(why), after}; }
  static RosterFetch permanent(std::string why) { return {Kind::permanent, {}, std::move(why), {}}; }
};

// A send that is only a write to this service's own database (the local platform's chats): the
// sender runs it inside the writer job that records the outcomes (bot/outbox_sender.hpp).
using StoredSend = std::move_only_function<SendResult(storage::Store&)>;

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual std::string_view name() const = 0;

  // The buckets `row` draws from. Empty: unpaced (the local platform).
  virtual std::vector<Quota> quotas(const storage::OutboxRow& row) const {
    (void)row;
    return {};
  }
  // The most bytes of text one platform message may carry for `row`'s destination and format;
  // 0: no limit. Longer texts are split by the sender at character boundaries and numbered.
  virtual std::size_t text_limit(const storage::OutboxRow& row) const {
    (void)row;
    return 0;
  }
  // Sends one outbox row. Called again for the same row after a crash between sending and
  // marking it sent, so adapters pass the outbox id to the platform's dedupe where it has one.
  virtual boost::asio::awaitable<SendResult> send(const storage::OutboxRow& row) = 0;
  // Set when sending `row` needs no network, only a write to the database: the sender then runs
  // the returned work in the writer job that marks the row sent, so the message and its mark
  // commit together (exactly once, even across a crash) and a pass of many rows costs the writer
  // one job, not one per row and another for their outcomes. Built on the sender's thread (read
  // the organization there); the work runs on the writer's.
  // Empty (the default): the row goes over the network, by send().
  virtual StoredSend stored_send(const storage::OutboxRow& row) {
    (void)row;
    return {};
  }
  // After a token_expired answer: fetch a fresh credential (single-flight per account).
  virtual boost::asio::awaitable<void> refresh_credentials(const storage::OutboxRow& row) {
    (void)row;
    co_return;
  }

  // The group's member list, every page of it. Called off the HTTP path's critical work (as a
  // send is): it awaits the platform and never blocks the event loop.
  virtual boost::asio::awaitable<RosterFetch> fetch_roster(const RosterRequest& group) {
    (void)group;
    co_return RosterFetch::unsupported();
  }

  // Callback routes (webhook modes), added once at start-up.
  virtual void add_routes(http::Router& router) { (void)router; }
  // Long connections and other background work: started after the writer and the sender, stopped
  // first at shutdown.
  virtual void start() {}
  virtual void stop() {}
};

}  // namespace gridbot::platforms
