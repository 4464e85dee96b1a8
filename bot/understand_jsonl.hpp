// The JSON lines of `gridbot understand` on stdin/stdout, read and written without building a
// JSON document per line: a general JSON library costs more per line than understanding the
// message does. Only flat objects are read here; anything else is left to the caller's general
// parser, which also words the error.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gridbot::understand_jsonl {

struct InputLine {
  std::string_view id_json;  // the "id" value exactly as written (a JSON scalar), empty if absent
  std::string text;          // the "text" value, decoded
  bool has_text = false;     // "text" was present and a string
};

// A flat JSON object (string, number, true/false/null values). nullopt when the line is anything
// else (nested values, bad escapes, not JSON): the caller falls back to a full parser.
std::optional<InputLine> read_flat_object(std::string_view line);

// Appends `s` as a JSON string literal (quotes included); `s` must be valid UTF-8.
void append_json_string(std::string& out, std::string_view s);

}  // namespace gridbot::understand_jsonl
