#include "bot/platforms/feishu/fragments.hpp"

#include <algorithm>
#include <charconv>

namespace gridbot::feishu {

namespace {

// A header holding a small count, or nullopt when it is not one. Absent counts as `fallback`.
std::optional<std::size_t> count_header(const Frame& frame, std::string_view key, std::size_t fallback) {
  auto text = frame.header(key);
  if (text.empty()) return fallback;
  std::size_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

void FragmentAssembler::drop(std::map<std::string, Partial>::iterator it) {
  bytes_ -= it->second.bytes;
  partial_.erase(it);
}

void FragmentAssembler::drop_oldest() {
  auto oldest = std::min_element(partial_.begin(), partial_.end(), [](const auto& a, const auto& b) {
    return a.second.first_seen < b.second.first_seen;
  });
  if (oldest != partial_.end()) drop(oldest);
}

void FragmentAssembler::expire(Clock::time_point now) {
  for (auto it = partial_.begin(); it != partial_.end();) {
    auto next = std::next(it);
    if (now - it->second.first_seen > limits_.max_age) drop(it);
    it = next;
  }
}

std::expected<std::optional<std::string>, Error> FragmentAssembler::add(const Frame& frame, Clock::time_point now) {
  auto sum = count_header(frame, "sum", 1);
  auto seq = count_header(frame, "seq", 0);
  if (!sum || !seq || *sum == 0 || *sum > limits_.max_parts || *seq >= *sum) return std::unexpected(Error::malformed_frame);
  if (*sum == 1) return std::optional<std::string>(frame.payload);
  std::string id(frame.header("message_id"));
  if (id.empty()) return std::unexpected(Error::malformed_frame);  // parts could not be matched
  if (frame.payload.size() > limits_.max_bytes) return std::unexpected(Error::malformed_frame);

  expire(now);
  auto it = partial_.find(id);
  if (it == partial_.end()) {
    if (partial_.size() >= limits_.max_pending) drop_oldest();
    it = partial_.emplace(id, Partial{std::vector<std::optional<std::string>>(*sum), 0, 0, now}).first;
  } else if (it->second.parts.size() != *sum) {
    drop(it);
    return std::unexpected(Error::malformed_frame);
  }
  auto& slot = it->second.parts[*seq];
  if (slot) return std::optional<std::string>();  // a duplicate part: already counted
  while (bytes_ + frame.payload.size() > limits_.max_bytes && partial_.size() > 1) {
    // Make room by dropping the oldest other message; never the one being completed.
    auto keep = it->first;
    auto oldest = std::min_element(partial_.begin(), partial_.end(), [&](const auto& a, const auto& b) {
      if (a.first == keep) return false;
      if (b.first == keep) return true;
      return a.second.first_seen < b.second.first_seen;
    });
    drop(oldest);
    it = partial_.find(keep);
  }
  if (bytes_ + frame.payload.size() > limits_.max_bytes) {
    drop(it);
    return std::unexpected(Error::malformed_frame);
  }
  it->second.parts[*seq] = frame.payload;
  it->second.bytes += frame.payload.size();
  bytes_ += frame.payload.size();
  if (++it->second.received < *sum) return std::optional<std::string>();

  std::string whole;
  whole.reserve(it->second.bytes);
  for (const auto& part : it->second.parts) whole += *part;
  drop(it);
  return std::optional<std::string>(std::move(whole));
}

}  // namespace gridbot::feishu
