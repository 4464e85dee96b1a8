#include <doctest/doctest.h>

#include <fstream>

#include "bot/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

TEST_CASE("console settings: the dist folder resolves against the config file, TLS marks cookies Secure") {
  CHECK(config_from_args({}).console.dist == "web/console/dist");
  CHECK_FALSE(config_from_args({}).console.behind_tls);
  testing::TempDir dir;
  std::ofstream(dir.file("g.json")) << R"({"console": {"dist": "site", "behind_tls": true, "trusted_proxies": ["127.0.0.1"]}})";
  const Config c = config_from_args({"--config", dir.file("g.json")});
  CHECK(c.console.dist == dir.file("site"));
  CHECK(c.console.behind_tls);
  CHECK(c.console.trusted_proxies == std::vector<std::string>{"127.0.0.1"});
}

TEST_CASE("console.readers and console.read_queue: one reader and 16 waiting by default, each settable") {
  CHECK(config_from_args({}).console.readers == 1);
  CHECK(config_from_args({}).console.read_queue == 16);
  testing::TempDir dir;
  std::ofstream(dir.file("g.json")) << R"({"console": {"readers": 2, "read_queue": 40}})";
  const Config c = config_from_args({"--config", dir.file("g.json")});
  CHECK(c.console.readers == 2);
  CHECK(c.console.read_queue == 40);
}

TEST_CASE("console setting mistakes name the file and the key") {
  testing::TempDir dir;
  auto error = [&](const std::string& text) {
    std::ofstream(dir.file("g.json")) << text;
    try {
      config_from_args({"--config", dir.file("g.json")});
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(error(R"({"console": []})") == dir.file("g.json") + ": console: must be an object");
  CHECK(error(R"({"console": {"behind_tls": "yes"}})") == dir.file("g.json") + ": console.behind_tls: must be true or false");
  CHECK(error(R"({"console": {"dist": ""}})") == dir.file("g.json") + ": console.dist: must be a folder path");
  CHECK(error(R"({"console": {"trusted_proxies": "127.0.0.1"}})") ==
        dir.file("g.json") + ": console.trusted_proxies: must be a list of IP addresses");
  CHECK(error(R"({"console": {"readers": -1}})") == dir.file("g.json") + ": console.readers: must be a whole number from 0 to 64");
  CHECK(error(R"({"console": {"read_queue": 0}})") ==
        dir.file("g.json") + ": console.read_queue: must be a whole number from 1 to 10000");
  CHECK(error(R"({"console": {"secure": true}})").starts_with(dir.file("g.json") + ": console.secure: unknown key"));
}
