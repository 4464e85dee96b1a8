#include <doctest/doctest.h>

#include <fstream>

#include "bot/config.hpp"
#include "bot/organization_loader.hpp"
#include "bot/service.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {
std::string write(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}
}  // namespace

TEST_CASE("no config: the embedded default") {
  Config c = config_from_args({});
  CHECK(c.listen_host == "127.0.0.1");
  CHECK(c.listen_port == 8080);
  CHECK(c.data_dir == "var");
  CHECK(c.organization.empty());
  CHECK(c.platforms.empty());
  CHECK_FALSE(c.platforms_given);
  CHECK_FALSE(c.test_clock);
}

TEST_CASE("a config file is read, relative paths resolve against its folder, and flags override it") {
  testing::TempDir dir;
  auto path = write(dir, "gridbot.json",
                    R"({"listen": "0.0.0.0:9000", "data_dir": "data", "organization": "org.json",
                        "platforms": {"local": {"enabled": false}}})");
  Config c = config_from_args({"--listen", "127.0.0.1:9100", "--config", path});
  CHECK(c.listen_host == "127.0.0.1");
  CHECK(c.listen_port == 9100);
  CHECK(c.data_dir == dir.file("data"));
  CHECK(c.organization == dir.file("org.json"));
  CHECK(c.platforms_given);
  CHECK(c.platforms.at("local") == nlohmann::json{{"enabled", false}});
}

TEST_CASE("config mistakes name the file and the key") {
  testing::TempDir dir;
  auto unknown = write(dir, "a.json", R"({"listne": "x"})");
  CHECK_THROWS_WITH_AS(config_from_args({"--config", unknown}), doctest::Contains("a.json: listne: unknown key"), ConfigError);
  auto port = write(dir, "b.json", R"({"listen": "127.0.0.1:99999"})");
  CHECK_THROWS_WITH_AS(config_from_args({"--config", port}), doctest::Contains("b.json: listen:"), ConfigError);
  auto broken = write(dir, "c.json", "{");
  CHECK_THROWS_WITH_AS(config_from_args({"--config", broken}), doctest::Contains("c.json"), ConfigError);
  auto platform = write(dir, "d.json", R"({"platforms": {"local": {"enabled": "yes"}}})");
  CHECK_THROWS_WITH_AS(config_from_args({"--config", platform}), doctest::Contains("platforms.local.enabled"), ConfigError);
  CHECK_THROWS_WITH_AS(config_from_args({"--config", dir.file("missing.json")}), doctest::Contains("missing.json"), ConfigError);
  CHECK_THROWS_WITH_AS(config_from_args({"--frobnicate"}), doctest::Contains("--frobnicate"), ConfigError);
  CHECK_THROWS_AS(config_from_args({"--listen"}), ConfigError);
}

TEST_CASE("the sample organization loads and is indexed") {
  Organization org = sample_organization();
  CHECK(org.streets.size() == 1);
  CHECK(org.communities.size() == 2);
  CHECK(org.grids.size() == 4);
  CHECK(org.members.size() >= 12);
  CHECK(org.groups.size() == 4);
  const Group* g = org.group_by_chat("local", "xfl-1-group");
  REQUIRE(g);
  CHECK(g->community == "xingfuli");
  CHECK(org.person_by_account("local", "zhangwei").kind == Person::Kind::resident);
  CHECK(org.person_by_account("local", "wangfang").kind == Person::Kind::member);
  CHECK(org.person_by_account("local", "nobody").kind == Person::Kind::unknown);
  auto managers = org.members_with_role("xfl-1", Role::manager);
  REQUIRE(managers.size() == 1);
  CHECK(managers[0]->name == "王芳");
  CHECK(org.members_with_role("xfl-2", Role::community_head).at(0)->id == "zhoulan");
  CHECK(org.members_with_role("yl-1", Role::street_officer).at(0)->id == "gaojian");
}

TEST_CASE("organization mistakes name the file, the field and why") {
  auto check = [](const std::string& json, const std::string& expected) {
    CAPTURE(json);
    CHECK_THROWS_WITH_AS(parse_organization(json, "org.json"), doctest::Contains(expected.c_str()), ConfigError);
  };
  const std::string streets = R"("streets": [{"id": "s", "name": "S", "communities": [{"id": "c", "name": "C",
      "grids": [{"id": "g", "name": "G", "buildings": ["1"]}]}]}])";
  check("[", "org.json: (file)");
  check("{}", "organization.streets: is required");
  check("{" + streets + R"(, "members": [{"id": "m", "name": "M", "roles": ["boss"], "grid": "g"}], "groups": []})",
        "organization.members[0].roles: unknown role 'boss'");
  check("{" + streets + R"(, "members": [{"id": "m", "name": "M", "roles": ["manager"], "grid": "nope"}], "groups": []})",
        "organization.members[0].grid: unknown grid 'nope'");
  check("{" + streets + R"(, "members": [], "groups": [{"id": "x", "name": "X", "grid": "g", "platform": "local"},
        {"id": "y", "name": "Y", "grid": "g", "platform": "local", "chat_id": "x"}]})",
        "organization.groups[1].chat_id");
  check("{" + streets + R"(, "members": [{"id": "m", "name": "M", "roles": ["manager"], "grid": "g"},
        {"id": "m", "name": "N", "roles": ["manager"], "grid": "g"}], "groups": []})",
        "organization.members[1].id: duplicate person id 'm'");
  check("{" + streets + R"(, "members": [{"id": "m", "name": 5, "roles": ["manager"], "grid": "g"}], "groups": []})",
        "organization.members[0].name: must be a string");
}

TEST_CASE("limits, retention and platform settings are read, and mistakes name the key") {
  testing::TempDir dir;
  Config defaults = config_from_args({});
  CHECK(defaults.max_connections == 0);
  CHECK(defaults.max_text_bytes == 8 * 1024);
  CHECK(defaults.retention.inbox_days == 30);
  CHECK(defaults.retention.outbox_sent_days == 30);
  CHECK(defaults.retention.local_messages_days == 90);
  CHECK_FALSE(defaults.retention.tickets_days);

  auto path = write(dir, "gridbot.json",
                    R"({"max_connections": 500, "max_text_bytes": 4096,
                        "retention": {"inbox_days": 45, "tickets_days": 365, "archive": "old/tickets.jsonl"},
                        "platforms": {"local": {"allow_remote": true, "hosts": ["grid.lan"]}}})");
  Config c = config_from_args({"--config", path});
  CHECK(c.max_connections == 500);
  CHECK(c.max_text_bytes == 4096);
  CHECK(c.retention.inbox_days == 45);
  CHECK(c.retention.outbox_sent_days == 30);
  CHECK(c.retention.tickets_days == 365);
  CHECK(c.retention.archive == dir.file("old/tickets.jsonl"));
  CHECK(c.platforms.at("local")["hosts"] == nlohmann::json{"grid.lan"});

  const std::pair<const char*, const char*> mistakes[] = {
      {R"({"max_connections": 0})", "max_connections"},
      {R"({"max_connections": "many"})", "max_connections"},
      {R"({"max_text_bytes": 10})", "max_text_bytes"},
      {R"({"retention": {"inbox_days": -1}})", "retention.inbox_days"},
      {R"({"retention": {"inbox_dayz": 3}})", "retention.inbox_dayz"},
      {R"({"retention": []})", "retention"},
      {R"({"platforms": {"local": {"enabled": 1}}})", "platforms.local.enabled"},
      {R"({"platforms": []})", "platforms"},
  };
  for (const auto& [text, key] : mistakes) {
    CAPTURE(text);
    auto bad = write(dir, "bad.json", text);
    try {
      config_from_args({"--config", bad});
      FAIL("accepted");
    } catch (const ConfigError& e) {
      CHECK(std::string(e.what()).find(bad + ": " + key + ":") != std::string::npos);
    }
  }
}

TEST_CASE("loopback is 127.0.0.0/8, ::1 and localhost; --help is asked for anywhere") {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"}) CHECK(is_loopback_host(host));
  for (const char* host : {"0.0.0.0", "192.168.1.5", "127.0.0.1.evil.example", "localhost.evil.example", "::"})
    CHECK_FALSE(is_loopback_host(host));
  CHECK(wants_help({"--data", "x", "--help"}));
  CHECK(wants_help({"-h"}));
  CHECK_FALSE(wants_help({"--data", "help"}));
}

TEST_CASE("the local platform beyond loopback starts only with platforms.local.allow_remote") {
  testing::TempDir dir;
  auto refused = write(dir, "open.json", R"({"listen": "0.0.0.0:0", "data_dir": "data"})");
  CHECK_THROWS_WITH_AS(Service(config_from_args({"--config", refused})),
                       doctest::Contains("platforms.local.allow_remote"), ConfigError);
  auto allowed = write(dir, "allowed.json",
                       R"({"listen": "0.0.0.0:0", "data_dir": "data", "platforms": {"local": {"allow_remote": true}}})");
  CHECK_NOTHROW(Service(config_from_args({"--config", allowed})));
  auto no_local = write(dir, "nolocal.json",
                        R"({"listen": "0.0.0.0:0", "data_dir": "data", "platforms": {"local": {"enabled": false}}})");
  CHECK_NOTHROW(Service(config_from_args({"--config", no_local})));
  CHECK_NOTHROW(Service(config_from_args({"--data", dir.file("data"), "--listen", "127.0.0.1:0"})));
}
