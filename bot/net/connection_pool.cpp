#include "bot/net/connection_pool.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace gridbot::net {

namespace {

// A parked connection has nothing to read. If the socket is readable the peer closed it (a
// zero-byte read), reset it, or wrote something unasked (a TLS close_notify, a stray answer):
// in every case it is not ours to reuse. MSG_PEEK leaves whatever it is in place.
bool nothing_to_read(Connection& connection) {
  auto& socket = connection.tcp().socket();
  if (!socket.is_open() || connection.buffer.size() != 0) return false;
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

std::unique_ptr<Connection> ConnectionPool::take(const std::string& key) {
  const auto found = idle_.find(key);
  if (found == idle_.end()) return nullptr;
  auto& parked = found->second;
  const auto now = std::chrono::steady_clock::now();
  std::unique_ptr<Connection> usable;
  while (!parked.empty() && !usable) {
    auto candidate = std::move(parked.back());
    parked.pop_back();
    if (now - candidate->idle_since <= max_idle_time_ && nothing_to_read(*candidate)) usable = std::move(candidate);
  }
  if (parked.empty()) idle_.erase(found);
  return usable;
}

void ConnectionPool::park(const std::string& key, std::unique_ptr<Connection> connection) {
  if (max_idle_per_key_ == 0) return;
  auto& parked = idle_[key];
  connection->idle_since = std::chrono::steady_clock::now();
  parked.push_back(std::move(connection));
  while (parked.size() > max_idle_per_key_) parked.pop_front();
}

std::size_t ConnectionPool::idle(const std::string& key) const {
  const auto found = idle_.find(key);
  return found == idle_.end() ? 0 : found->second.size();
}

}  // namespace gridbot::net
