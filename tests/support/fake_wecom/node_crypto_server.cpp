#include "tests/support/fake_wecom/node_crypto_server.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace gridbot::testing::fake_wecom {

namespace {

std::string source_dir() {
#ifdef GRIDBOT_SOURCE_DIR
  return GRIDBOT_SOURCE_DIR;
#else
  return ".";
#endif
}

}  // namespace

std::string node_crypto_server_missing() {
  if (std::system("command -v node >/dev/null 2>&1") != 0)
    return "node is not installed: `./run test` installs it (Debian packages nodejs npm)";
  if (!std::filesystem::exists(source_dir() + "/tests/peers/node_modules/@wecom/crypto/package.json"))
    return "@wecom/crypto is not installed in tests/peers: `./run test` runs `npm ci` there";
  return "";
}

NodeCryptoServer::NodeCryptoServer(const std::string& token, const std::string& encoding_aes_key) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("NodeCryptoServer: pipe failed");
  const std::string script = source_dir() + "/bench/node/wecom_crypto_server.js";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("NodeCryptoServer: fork failed");
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    setenv("WECOM_TOKEN", token.c_str(), 1);
    setenv("WECOM_AES_KEY", encoding_aes_key.c_str(), 1);
    execlp("node", "node", script.c_str(), "0", static_cast<char*>(nullptr));
    std::perror("NodeCryptoServer: cannot start node");
    _exit(127);
  }
  close(out[1]);
  // Its first line is "listening PORT"; EOF first means it died (its stderr says why).
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  if (!line.starts_with("listening ")) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("NodeCryptoServer: " + script + " did not start");
  }
  port_ = static_cast<std::uint16_t>(std::stoi(line.substr(10)));
}

NodeCryptoServer::~NodeCryptoServer() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

}  // namespace gridbot::testing::fake_wecom
