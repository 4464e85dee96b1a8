// Labeled messages in the JSONL schema of SCHEMA.md: what the models learn from and what the
// evaluation compares against.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "handlers/understand/understand.hpp"

namespace gridbot::understand {

struct LabeledMessage {
  std::string id;
  std::string text;
  Understanding label;
};

// One JSONL line; the error names the offending field.
std::expected<LabeledMessage, std::string> parse_labeled_line(std::string_view line);

// Every line of a JSONL document; bad lines are reported in `errors` ("line N: reason").
std::vector<LabeledMessage> parse_corpus(std::string_view jsonl, std::vector<std::string>* errors = nullptr);

// The corpora compiled into the binary (data/messages-dev.jsonl, data/messages-extra.jsonl).
std::string_view embedded_dev_corpus();
std::string_view embedded_extra_corpus();

}  // namespace gridbot::understand
