#include "bot/platforms/inbound_text.hpp"

#include <unicode/normalizer2.h>
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

std::string trimmed(const icu::UnicodeString& s) {
  icu::UnicodeString copy(s);
  std::string out;
  copy.trim().toUTF8String(out);
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
