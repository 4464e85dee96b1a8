#include "tests/support/fake_dingtalk/recorder.hpp"

namespace gridbot::testing::fake_dingtalk {

std::vector<ApiCall> Records::calls_to(const std::string& endpoint) const {
  std::vector<ApiCall> out;
  for (const auto& c : calls)
    if (c.endpoint == endpoint) out.push_back(c);
  return out;
}

int Records::acks_of(const std::string& message_id) const {
  int n = 0;
  for (const auto& f : frames) n += f.message_id == message_id && f.frame.value("code", 0) == 200;
  return n;
}

void Recorder::update(const std::function<void(Records&)>& change) {
  {
    std::lock_guard lock(mutex_);
    change(records_);
  }
  changed_.notify_all();
}

Records Recorder::snapshot() const {
  std::lock_guard lock(mutex_);
  return records_;
}

bool Recorder::wait_until(const std::function<bool(const Records&)>& ready, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return ready(records_); });
}

}  // namespace gridbot::testing::fake_dingtalk
