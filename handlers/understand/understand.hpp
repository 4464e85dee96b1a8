// What gridbot understands of one resident message: intent, category, urgency, place, phone.
// This header is the contract between the understanding module and the rest of the product
// (intake handler, `gridbot understand` CLI, tests). Everything here is pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gridbot::understand {

enum class Intent { request, followup, chat, ack, thanks, spam };

// Category ids are the 18 ids of shared/data/SCHEMA.md ("drainage", "utilities", ...).
struct Understanding {
  Intent intent = Intent::chat;
  std::optional<std::string> category;  // set for request and followup only
  bool urgent = false;
  std::optional<std::string> building;  // normalized like the labels: "3", "12", "B"
  std::optional<std::string> unit;      // "2"
  std::optional<std::string> room;      // "501"
  std::optional<std::string> phone;     // "13812345678"
};

// Understands one message. Any bytes are accepted: invalid UTF-8 is repaired, an empty message
// is chat, and very long messages are handled in bounded time.
Understanding understand(std::string_view text);

// Trains the production model now if it is not trained yet (idempotent, thread-safe). The
// service calls it before it listens, so the first message's transaction never pays for it.
void load_model();

// Masks mainland mobile numbers (138****5678) and 18-digit ID numbers (keeps first 6 and last 4)
// anywhere in the text. Used on every text relayed to a group.
std::string mask_sensitive(std::string_view text);

std::string_view to_string(Intent intent);
std::optional<Intent> intent_from_string(std::string_view name);

}  // namespace gridbot::understand
