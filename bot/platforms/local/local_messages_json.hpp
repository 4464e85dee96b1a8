// The local platform's wire format: request bodies in, message lists out. Pure functions, tested
// without a server.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/http/router.hpp"
#include "handlers/organization.hpp"
#include "storage/local_chat_repository.hpp"

namespace gridbot::platforms {

struct PostBody {
  std::string sender;  // group posts only
  std::string text;
  std::optional<std::string> quote;  // the quoted message's id, as the pipeline sees it
  std::optional<std::int64_t> quote_id;
  // Optional: the platform-side delivery id. Posting the same one again is a redelivery, which the
  // pipeline's inbox recognises and ignores, as it would a real platform's retry.
  std::string client_msg_id;
};

// `{"sender": USER_ID, "text": "...", "quote": MESSAGE_ID?, "client_msg_id": "..."?}`; an error
// is the reason for the 400.
std::expected<PostBody, std::string> parse_post_body(std::string_view body, bool needs_sender);
// `?after=ID`: a message id, 0 when absent.
std::expected<std::int64_t, std::string> parse_after(const http::Params& params);
nlohmann::json messages_json(const std::vector<storage::LocalMessage>& messages, const Organization& org);

}  // namespace gridbot::platforms
