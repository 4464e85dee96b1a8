#include "bot/understand_cli.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/understand_jsonl.hpp"
#include "handlers/understand/evaluation.hpp"
#include "handlers/understand/lexicon.hpp"
#include "handlers/understand/understand.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {
namespace {

namespace u = understand;

void append_optional(std::string& out, std::string_view key, const std::optional<std::string>& v) {
  out += ",\"";
  out += key;
  out += "\":";
  if (v) understand_jsonl::append_json_string(out, *v);
  else out += "null";
}

void append_result(std::string& out, std::string_view id_json, const u::Understanding& r) {
  out += "{\"id\":";
  out += id_json.empty() ? std::string_view("null") : id_json;
  out += ",\"intent\":\"";
  out += u::to_string(r.intent);
  out += '"';
  append_optional(out, "category", r.category);
  out += r.urgent ? ",\"urgent\":true" : ",\"urgent\":false";
  append_optional(out, "building", r.building);
  append_optional(out, "unit", r.unit);
  append_optional(out, "room", r.room);
  append_optional(out, "phone", r.phone);
  out += '}';
}

// Why: the intent's source, the hazard and every cue of the urgency factors.
nlohmann::json explanation_json(const u::Classifier::Explanation& e) {
  nlohmann::json cues = nlohmann::json::array();
  for (size_t i = 0; i < e.urgency.cue_count; ++i) {
    const auto& c = e.urgency.cues[i];
    nlohmann::json words = nlohmann::json::array();
    if (!c.word.empty()) words.push_back(u::encode_utf8(c.word));
    if (!c.second_word.empty()) words.push_back(u::encode_utf8(c.second_word));
    cues.push_back({{"factor", c.factor}, {"words", words}});
  }
  const char* intent_by = e.intent_by_rule ? "rule" : e.intent_from_urgency ? "urgency" : "model";
  return {{"intent_by", intent_by},
          {"category_by", e.category_from_urgency ? "urgency" : "model"},
          {"hazard", e.urgency.hazard ? nlohmann::json(u::to_string(e.urgency.kind)) : nlohmann::json()},
          {"hazard_urgent", e.urgency.urgent},
          {"learned_urgent", e.learned_urgent},
          {"cues", cues}};
}

// One input line → one output line. The flat-object reader handles what real input looks like;
// anything else goes through the full parser, which also words the error.
void understand_line(std::string_view line, size_t line_number, bool explain, std::string& out) {
  const std::string repaired = u::repair_utf8(line);  // invalid UTF-8 is repaired, not rejected
  std::string id_json, text, error;
  if (auto in = understand_jsonl::read_flat_object(repaired)) {
    id_json = in->id_json;
    if (in->has_text) text = std::move(in->text);
    else error = "missing string field \"text\"";
  } else {
    auto j = nlohmann::json::parse(repaired, nullptr, false);
    if (j.is_object() && j.contains("id")) id_json = j["id"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (j.is_discarded() || !j.is_object()) error = "line is not a JSON object";
    else if (!j.contains("text") || !j["text"].is_string()) error = "missing string field \"text\"";
    else text = j["text"].get<std::string>();
  }
  if (!error.empty()) {
    out += "{\"id\":";
    out += id_json.empty() ? std::string("null") : id_json;
    out += ",\"line\":" + std::to_string(line_number) + ",\"error\":";
    understand_jsonl::append_json_string(out, error);
    out += "}\n";
    return;
  }
  if (!explain) {
    append_result(out, id_json, u::understand(text));
  } else {
    const auto e = u::default_classifier().explain(text);
    append_result(out, id_json, e.result);
    out.pop_back();  // the closing brace: the explanation joins the same object
    out += ",\"explain\":" + explanation_json(e).dump() + "}";
  }
  out += '\n';
}

int understand_stdin(bool explain) {
  u::load_model();
  std::string pending, out;
  std::vector<char> chunk(1 << 16);
  size_t line_number = 0;
  auto flush = [&out] {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  auto take_line = [&](std::string_view line) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    understand_line(line, line_number, explain, out);
    if (out.size() >= (1 << 16)) flush();
  };
  for (size_t n; (n = std::fread(chunk.data(), 1, chunk.size(), stdin)) > 0;) {
    pending.append(chunk.data(), n);
    size_t start = 0;
    for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
      take_line(std::string_view(pending).substr(start, nl - start));
    pending.erase(0, start);
  }
  if (!pending.empty()) take_line(pending);
  flush();
  std::fflush(stdout);
  return 0;
}

std::optional<std::vector<u::LabeledMessage>> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "gridbot understand: cannot read " << path << '\n';
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::vector<std::string> errors;
  auto messages = u::parse_corpus(buffer.str(), &errors);
  for (const auto& e : errors) std::cerr << path << ": " << e << '\n';
  return messages;
}

void print_errors(const std::vector<u::LabeledMessage>& gold, const std::vector<u::Understanding>& predicted) {
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i].label;
    const auto& p = predicted[i];
    std::string what;
    if (g.intent != p.intent) what += std::string(" intent ") + std::string(u::to_string(g.intent)) + "→" + std::string(u::to_string(p.intent));
    if (g.category && g.category != p.category) what += " category " + *g.category + "→" + p.category.value_or("-");
    if (g.urgent != p.urgent) what += g.urgent ? " urgent-missed" : " urgent-false";
    if (g.building != p.building) what += " building " + g.building.value_or("-") + "→" + p.building.value_or("-");
    if (g.unit != p.unit) what += " unit " + g.unit.value_or("-") + "→" + p.unit.value_or("-");
    if (g.room != p.room) what += " room " + g.room.value_or("-") + "→" + p.room.value_or("-");
    if (g.phone != p.phone) what += " phone " + g.phone.value_or("-") + "→" + p.phone.value_or("-");
    if (!what.empty()) std::cout << gold[i].id << what << " | " << gold[i].text << '\n';
  }
}

// Tuning knobs for --cv, so each modelling choice can be measured without rebuilding.
bool set_option(u::ClassifierOptions& o, const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos) return false;
  const std::string key = assignment.substr(0, eq);
  if (key == "drop") {  // drop=cue:spam — one word list left out
    const auto lists = u::word_lists();
    for (size_t i = 0; i < lists.size(); ++i)
      if (lists[i].name == assignment.substr(eq + 1)) {
        o.features.dropped_lists |= 1u << i;
        return true;
      }
    return false;
  }
  float v = 0;
  try {
    v = std::stof(assignment.substr(eq + 1));
  } catch (const std::exception&) {
    return false;
  }
  if (key == "indicator_weight") o.indicator_weight = v;
  else if (key == "category_indicator_weight") o.category_indicator_weight = v;
  else if (key == "intent_lr") o.intent_training.learning_rate = v;
  else if (key == "intent_epochs") o.intent_training.epochs = static_cast<int>(v);
  else if (key == "intent_l2") o.intent_training.l2 = v;
  else if (key == "category_lr") o.category_training.learning_rate = v;
  else if (key == "category_epochs") o.category_training.epochs = static_cast<int>(v);
  else if (key == "category_l2") o.category_training.l2 = v;
  else if (key == "intent_c") o.intent_training.c = v;
  else if (key == "category_c") o.category_training.c = v;
  else if (key == "softmax") {
    const auto t = v != 0 ? u::Trainer::softmax : u::Trainer::svm;
    o.intent_training.trainer = o.category_training.trainer = t;
  }
  else if (key == "intent_rules") o.use_intent_rules = v != 0;
  else if (key == "urgency_makes_request") o.urgency_makes_request = v != 0;
  else if (key == "rule_urgency") o.rule_urgency = v != 0;
  else if (key == "learned_urgency_margin") o.learned_urgency_margin = v;
  else if (key == "max_ngram" && v >= 1 && v <= 4) o.features.max_ngram = static_cast<int>(v);
  else if (key == "category_lexicons") o.features.category_lexicons = v != 0;
  else if (key == "intent_cues") o.features.intent_cues = v != 0;
  else if (key == "shape") o.features.shape = v != 0;
  else return false;
  return true;
}

int usage() {
  std::cerr << "usage:\n" << understand_usage();
  return 2;
}

}  // namespace

std::string_view understand_usage() {
  return "  gridbot understand [--explain]           JSONL {\"id\",\"text\"} on stdin, one result line each;\n"
         "                                           --explain adds the intent's source, hazard and cues\n"
         "  gridbot understand --eval FILE.jsonl     scores on a labeled file (SCHEMA.md)\n"
         "  gridbot understand --cv K FILE.jsonl     K-fold cross-validation on a labeled file\n"
         "      with --eval/--cv: --no-extra         train without data/messages-extra.jsonl\n"
         "                        --train FILE       (--eval only) train on FILE instead of the embedded corpora\n"
         "                        --errors           list every wrong message\n"
         "                        --set KNOB=VALUE   change a modelling choice (repeatable): indicator_weight,\n"
         "                                           category_indicator_weight, intent_c, category_c, intent_epochs,\n"
         "                                           category_epochs, intent_lr, category_lr, intent_l2, category_l2,\n"
         "                                           softmax, intent_rules, urgency_makes_request, rule_urgency,\n"
         "                                           learned_urgency_margin, max_ngram,\n"
         "                                           category_lexicons, intent_cues, shape, drop=LIST (a word list\n"
         "                                           such as cue:spam or cat:noise left out)\n";
}

int run_understand_command(int argc, char** argv) {
  std::string eval_path, cv_path, train_path;
  int folds = 0;
  bool show_errors = false, use_extra = true, explain = false;
  u::ClassifierOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--eval" && i + 1 < argc) eval_path = argv[++i];
    else if (arg == "--cv" && i + 2 < argc) { folds = std::atoi(argv[++i]); cv_path = argv[++i]; }
    else if (arg == "--errors") show_errors = true;
    else if (arg == "--explain") explain = true;
    else if (arg == "--train" && i + 1 < argc) train_path = argv[++i];
    else if (arg == "--no-extra") use_extra = false;
    else if (arg == "--set" && i + 1 < argc) {
      if (!set_option(options, argv[++i])) return usage();
    }
    else return usage();
  }
  if (eval_path.empty() && cv_path.empty()) return understand_stdin(explain);
  if (explain || (!cv_path.empty() && folds < 2) || (!train_path.empty() && eval_path.empty())) return usage();

  auto gold = load(eval_path.empty() ? cv_path : eval_path);
  if (!gold) return 1;
  std::vector<u::Understanding> predicted;
  if (!eval_path.empty()) {
    // Trains the same way production does (dev + extra, unless --no-extra: dev only), with any
    // --set knobs, so held-out files measure exactly the model under test.
    std::vector<u::LabeledMessage> training;
    if (!train_path.empty()) {
      auto file = load(train_path);
      if (!file) return 1;
      training = std::move(*file);
    } else {
      training = u::parse_corpus(u::embedded_dev_corpus());
    }
    if (use_extra && train_path.empty()) {
      auto extra = u::parse_corpus(u::embedded_extra_corpus());
      training.insert(training.end(), extra.begin(), extra.end());
    }
    const u::Classifier classifier(training, options);
    for (const auto& m : *gold) predicted.push_back(classifier.understand(m.text));
    std::cout << "evaluated on " << eval_path << ", trained on " << training.size()
              << (!train_path.empty() ? " " + train_path : use_extra ? " dev + extra" : " dev") << " messages\n";
  } else {
    std::vector<u::LabeledMessage> extra;
    if (use_extra) extra = u::parse_corpus(u::embedded_extra_corpus());
    predicted = u::cross_validate(*gold, extra, folds, options);
    std::cout << folds << "-fold cross-validation on " << cv_path << " (" << extra.size()
              << " extra messages added to every training fold)\n";
  }
  if (show_errors) print_errors(*gold, predicted);
  std::cout << u::format_scores(u::score(*gold, predicted));
  return 0;
}

}  // namespace gridbot
