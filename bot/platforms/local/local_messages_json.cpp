#include "bot/platforms/local/local_messages_json.hpp"

#include <charconv>

namespace gridbot::platforms {

using nlohmann::json;

namespace {

std::optional<std::int64_t> parse_id(std::string_view s) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || end != s.data() + s.size() || id < 0) return std::nullopt;
  return id;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::expected<PostBody, std::string> parse_post_body(std::string_view body, bool needs_sender) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return std::unexpected("body is not valid JSON");
  if (!doc.is_object()) return std::unexpected("body must be a JSON object");
  PostBody out;
  if (needs_sender) {
    if (!doc.contains("sender")) return std::unexpected("missing field 'sender'");
    if (!doc["sender"].is_string() || doc["sender"].get<std::string>().empty())
      return std::unexpected("'sender' must be a non-empty user id string");
    out.sender = doc["sender"].get<std::string>();
  }
  if (!doc.contains("text")) return std::unexpected("missing field 'text'");
  if (!doc["text"].is_string()) return std::unexpected("'text' must be a string");
  out.text = doc["text"].get<std::string>();
  if (blank(out.text)) return std::unexpected("'text' must not be empty");
  if (doc.contains("quote") && !doc["quote"].is_null()) {
    const json& q = doc["quote"];
    std::optional<std::int64_t> id;
    if (q.is_number_unsigned()) id = q.get<std::int64_t>();
    else if (q.is_string()) id = parse_id(q.get<std::string>());
    if (!id) return std::unexpected("'quote' must be a message id");
    out.quote_id = id;
    out.quote = std::to_string(*id);
  }
  if (doc.contains("client_msg_id")) {
    if (!doc["client_msg_id"].is_string() || doc["client_msg_id"].get<std::string>().empty() ||
        doc["client_msg_id"].get<std::string>().size() > 128)
      return std::unexpected("'client_msg_id' must be a string of 1 to 128 characters");
    // Kept apart from the local ids the platform assigns, which are plain numbers.
    out.client_msg_id = "client:" + doc["client_msg_id"].get<std::string>();
  }
  return out;
}

std::expected<std::int64_t, std::string> parse_after(const http::Params& params) {
  auto it = params.query.find("after");
  if (it == params.query.end() || it->second.empty()) return 0;
  auto id = parse_id(it->second);
  if (!id) return std::unexpected("'after' must be a message id");
  return *id;
}

json messages_json(const std::vector<storage::LocalMessage>& messages, const Organization& org) {
  json out = json::array();
  for (const auto& m : messages) {
    const bool from_bot = m.outbox_id.has_value();  // every bot message comes from an outbox row
    std::string sender_name = from_bot ? std::string() : org.person_by_account("local", m.sender).name;
    out.push_back({{"message_id", m.id},
                   {"sender", m.sender},
                   {"sender_name", sender_name},
                   {"from_bot", from_bot},
                   {"text", m.text},
                   {"mentions", m.mentions},
                   {"quote", m.quote ? json(*m.quote) : json(nullptr)},
                   {"at", m.at.time_since_epoch().count()}});
  }
  return json{{"messages", out}};
}

}  // namespace gridbot::platforms
