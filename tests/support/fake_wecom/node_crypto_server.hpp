// bench/node/wecom_crypto_server.js as a child process: an AI-bot callback endpoint on WeCom's
// official @wecom/crypto (verify + decrypt + parse, then an empty 200). The bench's comparison
// server, and in tests the official check that our signed callbacks are what WeCom's code accepts.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace gridbot::testing::fake_wecom {

// Why the server cannot run here ("" when it can): node or tests/peers/node_modules missing.
std::string node_crypto_server_missing();

class NodeCryptoServer {
 public:
  // Starts it on a free loopback port with these keys; throws if it does not come up.
  NodeCryptoServer(const std::string& token, const std::string& encoding_aes_key);
  ~NodeCryptoServer();  // SIGTERM, then wait
  NodeCryptoServer(const NodeCryptoServer&) = delete;
  NodeCryptoServer& operator=(const NodeCryptoServer&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace gridbot::testing::fake_wecom
