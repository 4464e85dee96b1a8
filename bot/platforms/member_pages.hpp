// Following a platform's paged member list to its end, for the adapters' fetch_roster: pages are
// asked one after the other with the cursor the last one gave (Feishu's page_token, DingTalk's
// next_cursor), members who come on two pages (people who joined at the same instant) are kept
// once, and a page's refusal ends the fetch as the senders classify it.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/awaitable.hpp"
#include "bot/platforms/adapter.hpp"

namespace gridbot::platforms {

struct MemberPage {
  std::vector<PlatformMember> members;
  bool has_more = false;
  std::string next;  // the cursor of the next page
};

using PageAnswer = std::variant<MemberPage, SendResult>;

// A group holds at most a few thousand people: past this many pages something loops.
inline constexpr int kMaxMemberPages = 200;

// Asks `ask(token)` with the app's token; a token the platform refuses is forgotten and the page
// asked once more with a fresh one (a second refusal is a retry). `Tokens` is a platform's
// TokenCache: token() → expected<string, string>, invalidate(used).
template <class Tokens>
boost::asio::awaitable<PageAnswer> ask_with_token(Tokens& tokens,
                                                  std::function<boost::asio::awaitable<PageAnswer>(std::string)> ask) {
  for (int attempt = 0;; ++attempt) {
    auto token = co_await tokens.token();
    if (!token) co_return SendResult::retry(token.error());
    PageAnswer answer = co_await ask(*token);
    auto* verdict = std::get_if<SendResult>(&answer);
    if (!verdict || verdict->kind != SendResult::Kind::token_expired) co_return answer;
    tokens.invalidate(*token);
    if (attempt > 0) co_return SendResult::retry(verdict->error);
  }
}

// `page(cursor)` asks one page; the first is asked with `first`. `what` names the call in errors;
// `now` turns a rate limit's `until` into the refresher's retry_after.
inline boost::asio::awaitable<RosterFetch> collect_member_pages(
    std::string what, std::string first, Time now, std::function<boost::asio::awaitable<PageAnswer>(std::string)> page) {
  std::vector<PlatformMember> members;
  std::set<std::string> seen;
  std::string cursor = std::move(first);
  for (int pages = 0; pages < kMaxMemberPages; ++pages) {
    PageAnswer answer = co_await page(cursor);
    if (auto* verdict = std::get_if<SendResult>(&answer)) {
      std::string why = what + ": " + verdict->error;
      if (verdict->kind == SendResult::Kind::permanent) co_return RosterFetch::permanent(std::move(why));
      const Seconds after = verdict->kind == SendResult::Kind::rate_limited
                                ? std::chrono::duration_cast<Seconds>(verdict->until - now)
                                : verdict->retry_after;
      co_return RosterFetch::retry(std::move(why), after);
    }
    auto& got = std::get<MemberPage>(answer);
    for (auto& m : got.members)
      if (seen.insert(m.user_id).second) members.push_back(std::move(m));
    if (!got.has_more) co_return RosterFetch::ok(std::move(members));
    if (got.next.empty() || got.next == cursor) co_return RosterFetch::retry(what + ": more pages, but no new cursor");
    cursor = std::move(got.next);
  }
  co_return RosterFetch::retry(what + ": more than " + std::to_string(kMaxMemberPages) + " pages; gave up on this fetch");
}

}  // namespace gridbot::platforms
