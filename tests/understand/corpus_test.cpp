// The labeled corpora the model is built from, and the cross-validated quality floors that make
// an accuracy regression fail the build.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "handlers/understand/corpus.hpp"
#include "handlers/understand/evaluation.hpp"
#include "handlers/understand/normalize.hpp"
#include "handlers/understand/utf8.hpp"

using namespace gridbot::understand;

TEST_CASE("both corpora parse, ids never collide, slot labels are found in the text") {
  std::vector<std::string> errors;
  auto dev = parse_corpus(embedded_dev_corpus(), &errors);
  auto extra = parse_corpus(embedded_extra_corpus(), &errors);
  CHECK(errors.empty());
  CHECK(dev.size() == 600);
  CHECK(extra.size() >= 500);
  std::set<std::string> ids, texts;
  for (const auto* corpus : {&dev, &extra}) {
    for (const auto& m : *corpus) {
      CHECK_MESSAGE(ids.insert(m.id).second, "duplicate id " << m.id);
      CHECK_MESSAGE(texts.insert(m.text).second, "duplicate text " << m.text);
      CHECK(m.id.size() == 5);
      CHECK(m.id[0] == 'd');
      const std::string normalized = encode_utf8(normalize_text(m.text));
      if (m.label.room) CHECK_MESSAGE(normalized.find(*m.label.room) != std::string::npos, m.id);
    }
  }
}

TEST_CASE("5-fold cross-validated scores on the dev corpus stay above the measured floors") {
  const auto dev = parse_corpus(embedded_dev_corpus());
  const auto extra = parse_corpus(embedded_extra_corpus());
  const auto predicted = cross_validate(dev, extra, 5);
  const Scores s = score(dev, predicted);
  MESSAGE(format_scores(s));
  // Floors sit a little under the figures measured when they were set (issue 9: intent 0.952,
  // category 0.905, urgent P/R 0.94/1.00, slots 1.000), so noise passes and a real regression
  // does not. The urgency rules were written from this data: their floor guards regressions
  // only; README has the estimate on text written after them.
  CHECK(s.intent_accuracy >= 0.94);
  CHECK(s.category_accuracy >= 0.89);
  CHECK(s.urgent_recall >= 0.96);
  CHECK(s.urgent_precision >= 0.90);
  CHECK(s.building_accuracy >= 0.98);
  CHECK(s.unit_accuracy >= 0.98);
  CHECK(s.room_accuracy >= 0.98);
  CHECK(s.phone_accuracy >= 0.98);
}
