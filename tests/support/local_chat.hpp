// The local platform as a test person sees it: post in a group, write to the bot, read what came
// back. Sends are asynchronous (the outbox), so reads wait for what they expect.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "tests/support/http_client.hpp"

namespace gridbot::testing {

class LocalChat {
 public:
  explicit LocalChat(std::uint16_t port) : port_(port) {}
  void reconnect(std::uint16_t port) { port_ = port; }

  std::int64_t post(const std::string& group, const std::string& sender, const std::string& text,
                    std::optional<std::int64_t> quote = std::nullopt) {
    nlohmann::json body{{"sender", sender}, {"text", text}};
    if (quote) body["quote"] = *quote;
    auto r = http_post(port_, "/local/api/groups/" + group + "/messages", body);
    if (r.status != 202) throw std::runtime_error("post failed: " + std::to_string(r.status) + " " + r.body);
    return r.json()["message_id"].get<std::int64_t>();
  }
  std::int64_t dm(const std::string& user, const std::string& text, std::optional<std::int64_t> quote = std::nullopt) {
    nlohmann::json body{{"text", text}};
    if (quote) body["quote"] = *quote;
    auto r = http_post(port_, "/local/api/users/" + user + "/messages", body);
    if (r.status != 202) throw std::runtime_error("dm failed: " + std::to_string(r.status) + " " + r.body);
    return r.json()["message_id"].get<std::int64_t>();
  }
  // Moves the test clock; returns how many timers fired.
  int advance(std::int64_t seconds) {
    auto r = http_post(port_, "/local/api/clock", {{"advance_seconds", seconds}});
    if (r.status != 200) throw std::runtime_error("clock failed: " + r.body);
    return r.json()["fired"].get<int>();
  }
  std::int64_t now() { return http_get(port_, "/local/api/clock").json()["now"].get<std::int64_t>(); }

  nlohmann::json group_messages(const std::string& group) {
    return http_get(port_, "/local/api/groups/" + group + "/messages").json()["messages"];
  }
  nlohmann::json bot_messages_to(const std::string& user) {
    return http_get(port_, "/local/api/users/" + user + "/messages").json()["messages"];
  }
  // Bot messages containing `needle`, to a user or in a group.
  int count_dm(const std::string& user, const std::string& needle) { return count(bot_messages_to(user), needle); }
  int count_group(const std::string& group, const std::string& needle) { return count(group_messages(group), needle); }

  // Waits (up to 10 s) for a bot message containing `needle`; returns it, or null.
  nlohmann::json wait_dm(const std::string& user, const std::string& needle) {
    return wait([&] { return bot_messages_to(user); }, needle);
  }
  nlohmann::json wait_group(const std::string& group, const std::string& needle) {
    return wait([&] { return group_messages(group); }, needle);
  }
  // Waits until the outbox has sent everything queued so far.
  void settle() {
    for (int i = 0; i < 400; ++i) {  // up to 10 s on a slow machine
      if (http_get(port_, "/healthz").json()["outbox_pending"].get<int>() == 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }

 private:
  static bool from_bot_with(const nlohmann::json& m, const std::string& needle) {
    return m["from_bot"].get<bool>() && m["text"].get<std::string>().find(needle) != std::string::npos;
  }
  static int count(const nlohmann::json& messages, const std::string& needle) {
    int n = 0;
    for (const auto& m : messages) n += from_bot_with(m, needle);
    return n;
  }
  nlohmann::json wait(const std::function<nlohmann::json()>& read, const std::string& needle) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      for (const auto& m : read())
        if (from_bot_with(m, needle)) return m;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return nullptr;
  }

  std::uint16_t port_;
};

}  // namespace gridbot::testing
