// Meaning-preserving rewrites of the frozen slice's urgent messages (data/frozen-perturbations.txt:
// a synonym, another word order, an inserted word) must keep the urgency decision: rules that
// only match exact phrases fail this, a factored model should not.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "handlers/understand/corpus.hpp"
#include "handlers/understand/understand.hpp"

using namespace gridbot::understand;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Rewrite {
  std::string id, kind, text;
};

std::vector<Rewrite> rewrites() {
  std::vector<Rewrite> out;
  std::istringstream in(read(GRIDBOT_DATA_DIR "/frozen-perturbations.txt"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto a = line.find('|'), b = line.find('|', a + 1);
    REQUIRE(b != std::string::npos);
    out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return out;
}

}  // namespace

TEST_CASE("three rewrites of every frozen urgent message keep its urgency decision") {
  std::map<std::string, const LabeledMessage*> urgent;
  const auto frozen = parse_corpus(read(GRIDBOT_DATA_DIR "/messages-frozen.jsonl"));
  for (const auto& m : frozen)
    if (m.label.urgent) urgent[m.id] = &m;
  const auto all = rewrites();
  std::map<std::string, int> per_message;
  size_t kept = 0, still_urgent = 0;
  for (const auto& r : all) {
    REQUIRE_MESSAGE(urgent.count(r.id), r.id << " is not an urgent message of the frozen slice");
    ++per_message[r.id];
    const bool original = understand(urgent[r.id]->text).urgent;
    const bool rewritten = understand(r.text).urgent;
    kept += original == rewritten;
    still_urgent += rewritten;
    if (original != rewritten) MESSAGE(r.id << " " << r.kind << " flips to " << rewritten << ": " << r.text);
  }
  // Every urgent message has its three rewrites.
  CHECK(per_message.size() == urgent.size());
  for (const auto& [id, n] : per_message) CHECK_MESSAGE(n == 3, id);
  const double kept_rate = static_cast<double>(kept) / static_cast<double>(all.size());
  const double urgent_rate = static_cast<double>(still_urgent) / static_cast<double>(all.size());
  MESSAGE("decision kept " << kept << "/" << all.size() << ", rewrites urgent " << still_urgent);
  // Floors a little under the figures measured when they were set (kept 171/174 = 0.983, urgent
  // 162/174 = 0.931), so one more flip passes and a phrase-matching regression does not.
  CHECK(kept_rate >= 0.97);
  CHECK(urgent_rate >= 0.91);
}
