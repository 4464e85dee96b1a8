#include "handlers/understand/normalize.hpp"

#include <array>
#include <bitset>
#include <memory>
#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include "handlers/understand/utf8.hpp"

namespace gridbot::understand {
namespace {

// Creating the ICU transliterator parses its rules (milliseconds), so it is built once; each
// thread works on its own clone because Transliterator instances are not safe to share.
struct TraditionalToSimplified {
  std::unique_ptr<icu::Transliterator> prototype;
  icu::UnicodeSet changed_chars;  // characters the transliterator rewrites
  std::bitset<0x10000> changed_bmp;  // the same for the BMP, read without a call per character

  TraditionalToSimplified() {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !prototype) throw std::runtime_error("ICU Traditional-Simplified transliterator missing");
    // The source set is a superset (it holds simplified characters the rules merely look at),
    // so keep only characters the conversion really changes: the per-message check then avoids
    // the transliterator for the ~88% of messages already in simplified script.
    icu::UnicodeSet source;
    prototype->getSourceSet(source);
    for (int32_t r = 0; r < source.getRangeCount(); ++r) {
      for (UChar32 c = source.getRangeStart(r); c <= source.getRangeEnd(r); ++c) {
        if (c < 0x3400) continue;
        icu::UnicodeString s(c);
        prototype->transliterate(s);
        if (s != icu::UnicodeString(c)) changed_chars.add(c);
      }
    }
    changed_chars.freeze();
    for (UChar32 c = 0; c < 0x10000; ++c) changed_bmp[static_cast<std::size_t>(c)] = changed_chars.contains(c);
  }
};

// The BMP characters NFKC leaves alone whatever surrounds them (ICU's "inert" ones: ASCII, the
// CJK ideographs, most punctuation). A text made only of them is its own NFKC form, so it skips
// the conversion to UTF-16 and back and the normalizer: most messages, and every single Chinese
// character the command parser folds one at a time.
struct NfkcInert {
  const icu::Normalizer2* nfkc = nullptr;
  std::bitset<0x10000> inert;

  NfkcInert() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc = nullptr;
    for (UChar32 c = 0; nfkc && c < 0x10000; ++c) inert[static_cast<std::size_t>(c)] = nfkc->isInert(c);
  }

  bool all_inert(std::u32string_view text) const {
    for (char32_t c : text)
      if (c >= 0x10000 || !inert[c]) return false;
    return true;
  }
};

const NfkcInert& nfkc_inert() {
  static const NfkcInert instance;
  return instance;
}

const TraditionalToSimplified& traditional_to_simplified() {
  static const TraditionalToSimplified instance;
  return instance;
}

icu::Transliterator& thread_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> clone(traditional_to_simplified().prototype->clone());
  return *clone;
}

bool is_invisible(char32_t c) {
  return c == 0xFE0F || c == 0xFE0E || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
         c == 0x00AD || (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0; }

// Homophone typos residents make with pinyin input that hide domain words from the lexicon.
// Only two-character forms are replaced so that genuine uses (赌博) stay intact.
struct Typo {
  std::u32string_view wrong;
  std::u32string_view right;
};
constexpr std::array<Typo, 8> typos{{
    {U"赌了", U"堵了"}, {U"赌住", U"堵住"}, {U"赌死", U"堵死"}, {U"赌塞", U"堵塞"},
    {U"以经", U"已经"}, {U"因该", U"应该"}, {U"漏谁", U"漏水"}, {U"电悌", U"电梯"},
}};

void fix_typos(std::u32string& text) {
  for (const auto& t : typos) {
    for (size_t pos = text.find(t.wrong); pos != std::u32string::npos; pos = text.find(t.wrong, pos + t.right.size()))
      text.replace(pos, t.wrong.size(), t.right);
  }
}

icu::UnicodeString to_unicode_string(std::u32string_view cps) {
  icu::UnicodeString s;
  for (char32_t c : cps) s.append(static_cast<UChar32>(c));
  return s;
}

std::u32string from_unicode_string(const icu::UnicodeString& s) {
  std::u32string out;
  out.reserve(static_cast<size_t>(s.length()));
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

}  // namespace

bool has_traditional(std::u32string_view text) {
  const auto& t = traditional_to_simplified();
  for (char32_t c : text)
    if (c >= 0x3400 && (c < 0x10000 ? t.changed_bmp[c] : t.changed_chars.contains(static_cast<UChar32>(c)))) return true;
  return false;
}

bool folds_to_itself(char32_t c) {
  // What normalize_uncached below takes a single character through, as table lookups.
  const NfkcInert& nfkc = nfkc_inert();
  return c < 0x10000 && nfkc.nfkc && nfkc.inert[c] && !traditional_to_simplified().changed_bmp[c] && !is_invisible(c) &&
         !is_space(c);
}

namespace {

std::u32string normalize_uncached(std::string_view raw) {
  std::u32string cps = decode_utf8(raw);
  if (cps.size() > max_understood_chars) cps.resize(max_understood_chars);

  const NfkcInert& nfkc = nfkc_inert();
  // One character that neither NFKC nor the script conversion touches is itself. (An invisible
  // one or a space takes the path below, which drops it.)
  if (cps.size() == 1 && folds_to_itself(cps[0])) return cps;
  if (nfkc.nfkc && !nfkc.all_inert(cps)) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text = to_unicode_string(cps);
    icu::UnicodeString normalized = nfkc.nfkc->normalize(text, status);
    if (U_SUCCESS(status)) cps = from_unicode_string(normalized);
  }
  if (has_traditional(cps)) {
    icu::UnicodeString s = to_unicode_string(cps);
    thread_transliterator().transliterate(s);
    cps = from_unicode_string(s);
  }

  std::u32string out;
  out.reserve(cps.size());
  bool pending_space = false;
  for (char32_t c : cps) {
    if (is_invisible(c)) continue;
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(c);
  }
  fix_typos(out);
  return out;
}

}  // namespace

std::u32string normalize_text(std::string_view raw) {
  // One message is normalized many times over while it is handled (each handler's word test
  // starts from the raw text), and a traditional-script text costs the transliterator every
  // time: remember this thread's last few. The result depends on the input alone.
  struct Entry {
    std::string raw;
    std::u32string normalized;
  };
  // A single character (the command parser folds them one by one) is cheap to normalize again
  // and would push the message's own text out of the few kept.
  constexpr std::size_t kept = 8, shortest_kept = 5, longest_kept = 4096;
  thread_local std::array<Entry, kept> recent;
  thread_local std::size_t next = 0;
  if (raw.size() < shortest_kept || raw.size() > longest_kept) return normalize_uncached(raw);
  for (const auto& e : recent)
    if (e.raw.size() == raw.size() && !e.normalized.empty() && e.raw == raw) return e.normalized;
  std::u32string out = normalize_uncached(raw);
  if (!out.empty()) {
    recent[next] = Entry{std::string(raw), out};
    next = (next + 1) % kept;
  }
  return out;
}

}  // namespace gridbot::understand
