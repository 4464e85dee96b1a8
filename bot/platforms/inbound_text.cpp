#include "bot/platforms/inbound_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace gridbot::platforms {

namespace {

// Cuts at most `limit` bytes of `text` without splitting a UTF-8 sequence.
std::string_view prefix_at_boundary(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Unicode White_Space at both ends: besides ASCII, the no-break and ideographic spaces (U+00A0,
// U+3000) a Chinese keyboard or a copied web page leaves.
std::string trimmed(const icu::UnicodeString& s) {
  int32_t begin = 0, end = s.length();
  while (begin < end && u_isUWhiteSpace(s.char32At(begin))) begin = s.moveIndex32(begin, 1);
  while (end > begin && u_isUWhiteSpace(s.char32At(s.moveIndex32(end, -1)))) end = s.moveIndex32(end, -1);
  std::string out;
  s.tempSubStringBetween(begin, end).toUTF8String(out);
  return out;
}

}  // namespace

std::string capped_text(std::string_view raw, const TextCap& cap) {
  // Normalizing a huge text is itself the cost the cap is there to avoid: work on a generous
  // prefix only (NFC can change a text's length, but not by a factor of four).
  const std::string_view head = prefix_at_boundary(raw, cap.max_bytes * 4);
  const bool cut_early = head.size() < raw.size();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(head.data(), static_cast<int32_t>(head.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(text, status);
    if (U_SUCCESS(status)) text = normalized;
  }
  std::string out = trimmed(text);
  if (out.size() <= cap.max_bytes && !cut_early) return out;
  const std::size_t room = cap.max_bytes > cap.marker.size() ? cap.max_bytes - cap.marker.size() : 0;
  std::string cut(prefix_at_boundary(out, room));
  return cut + cap.marker;
}

}  // namespace gridbot::platforms
