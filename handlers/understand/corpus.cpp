#include "handlers/understand/corpus.hpp"

#include <nlohmann/json.hpp>

#include "handlers/understand/categories.hpp"

extern const std::string_view gridbot_embedded_messages_dev;
extern const std::string_view gridbot_embedded_messages_extra;

namespace gridbot::understand {
namespace {

std::optional<std::string> optional_string(const nlohmann::json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw std::invalid_argument(std::string(key) + " is not a string");
  return it->get<std::string>();
}

}  // namespace

std::expected<LabeledMessage, std::string> parse_labeled_line(std::string_view line) {
  auto o = nlohmann::json::parse(line, nullptr, false);
  if (o.is_discarded() || !o.is_object()) return std::unexpected("not a JSON object");
  try {
    LabeledMessage m;
    if (!o.contains("text") || !o["text"].is_string()) return std::unexpected("missing text");
    m.text = o["text"].get<std::string>();
    if (o.contains("id") && o["id"].is_string()) m.id = o["id"].get<std::string>();
    auto intent = intent_from_string(o.value("intent", ""));
    if (!intent) return std::unexpected("bad intent");
    m.label.intent = *intent;
    m.label.category = optional_string(o, "category");
    const bool needs_category = *intent == Intent::request || *intent == Intent::followup;
    if (needs_category != m.label.category.has_value()) return std::unexpected("category does not fit intent");
    if (m.label.category && !category_index(*m.label.category)) return std::unexpected("bad category");
    if (!o.contains("urgent") || !o["urgent"].is_boolean()) return std::unexpected("urgent is not a boolean");
    m.label.urgent = o["urgent"].get<bool>();
    m.label.building = optional_string(o, "building");
    m.label.unit = optional_string(o, "unit");
    m.label.room = optional_string(o, "room");
    m.label.phone = optional_string(o, "phone");
    return m;
  } catch (const std::exception& e) {
    return std::unexpected(e.what());
  }
}

std::vector<LabeledMessage> parse_corpus(std::string_view jsonl, std::vector<std::string>* errors) {
  std::vector<LabeledMessage> out;
  size_t line_number = 0;
  while (!jsonl.empty()) {
    ++line_number;
    const size_t nl = jsonl.find('\n');
    std::string_view line = jsonl.substr(0, nl);
    jsonl = nl == std::string_view::npos ? std::string_view{} : jsonl.substr(nl + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto m = parse_labeled_line(line);
    if (m) out.push_back(std::move(*m));
    else if (errors) errors->push_back("line " + std::to_string(line_number) + ": " + m.error());
  }
  return out;
}

std::string_view embedded_dev_corpus() { return gridbot_embedded_messages_dev; }
std::string_view embedded_extra_corpus() { return gridbot_embedded_messages_extra; }

}  // namespace gridbot::understand
