#include "bot/understand_cli.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "handlers/understand/evaluation.hpp"
#include "handlers/understand/understand.hpp"
#include "handlers/understand/utf8.hpp"

namespace gridbot {
namespace {

namespace u = understand;

nlohmann::json optional_json(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json to_json(const nlohmann::json& id, const u::Understanding& r) {
  return {{"id", id},
          {"intent", u::to_string(r.intent)},
          {"category", optional_json(r.category)},
          {"urgent", r.urgent},
          {"building", optional_json(r.building)},
          {"unit", optional_json(r.unit)},
          {"room", optional_json(r.room)},
          {"phone", optional_json(r.phone)}};
}

int understand_stdin() {
  std::string line;
  size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    // Invalid UTF-8 is repaired first so the message is still understood, not rejected.
    auto in = nlohmann::json::parse(u::repair_utf8(line), nullptr, false);
    nlohmann::json id = in.is_object() && in.contains("id") ? in["id"] : nlohmann::json();
    std::string error;
    if (in.is_discarded() || !in.is_object()) error = "line is not a JSON object";
    else if (!in.contains("text") || !in["text"].is_string()) error = "missing string field \"text\"";
    if (!error.empty()) {
      std::cout << nlohmann::json{{"id", id}, {"line", line_number}, {"error", error}}.dump() << '\n';
      continue;
    }
    std::cout << to_json(id, u::understand(in["text"].get<std::string>()))
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
              << '\n';
  }
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
  const float v = std::stof(assignment.substr(eq + 1));
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
  else return false;
  return true;
}

int usage() {
  std::cerr << "usage: gridbot understand [--eval FILE.jsonl | --cv K FILE.jsonl] [--no-extra] [--errors] [--set knob=value]\n";
  return 2;
}

}  // namespace

int run_understand_command(int argc, char** argv) {
  std::string eval_path, cv_path;
  int folds = 0;
  bool show_errors = false, use_extra = true;
  u::ClassifierOptions options;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--eval" && i + 1 < argc) eval_path = argv[++i];
    else if (arg == "--cv" && i + 2 < argc) { folds = std::atoi(argv[++i]); cv_path = argv[++i]; }
    else if (arg == "--errors") show_errors = true;
    else if (arg == "--no-extra") use_extra = false;
    else if (arg == "--set" && i + 1 < argc) {
      if (!set_option(options, argv[++i])) return usage();
    }
    else return usage();
  }
  if (eval_path.empty() && cv_path.empty()) return understand_stdin();
  if (!cv_path.empty() && folds < 2) return usage();

  auto gold = load(eval_path.empty() ? cv_path : eval_path);
  if (!gold) return 1;
  std::vector<u::Understanding> predicted;
  if (!eval_path.empty()) {
    // Trains the same way production does (dev + extra, unless --no-extra: dev only), with any
    // --set knobs, so held-out files measure exactly the model under test.
    std::vector<u::LabeledMessage> training = u::parse_corpus(u::embedded_dev_corpus());
    if (use_extra) {
      auto extra = u::parse_corpus(u::embedded_extra_corpus());
      training.insert(training.end(), extra.begin(), extra.end());
    }
    const u::Classifier classifier(training, options);
    for (const auto& m : *gold) predicted.push_back(classifier.understand(m.text));
    std::cout << "evaluated on " << eval_path << ", trained on " << training.size()
              << (use_extra ? " dev + extra" : " dev") << " messages\n";
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
