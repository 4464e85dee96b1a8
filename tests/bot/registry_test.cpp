// The registry builds one adapter per enabled platforms.<name> entry, and names the file and key
// of every mistake: an unknown platform, a malformed setting, an exposed local platform.
#include <doctest/doctest.h>

#include <fstream>

#include "bot/platforms/local/local_factory.hpp"
#include "bot/platforms/registry.hpp"
#include "bot/service.hpp"
#include "tests/support/pipeline_rig.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gridbot;

namespace {

struct RegistryRig : testing::PipelineRig {
  boost::asio::io_context io;
  Writer writer{store};
  Config config;
  platforms::PlatformDeps deps() {
    return {io, store, writer, pipeline, orgs, clock, templates::Catalog::builtin(), config, {}};
  }
};

std::vector<std::string> names(const std::vector<std::unique_ptr<platforms::Adapter>>& adapters) {
  std::vector<std::string> out;
  for (const auto& a : adapters) out.emplace_back(a->name());
  return out;
}

}  // namespace

TEST_CASE("with no platforms key the on-by-default platform runs; a listed one runs unless disabled") {
  RegistryRig r;
  CHECK(names(platforms::make_adapters(r.deps())) == std::vector<std::string>{"local"});
  r.config.platforms_given = true;
  CHECK(platforms::make_adapters(r.deps()).empty());  // `platforms: {}` turns every platform off
  r.config.platforms["local"] = {{"enabled", false}};
  CHECK(platforms::make_adapters(r.deps()).empty());
  r.config.platforms["local"] = nlohmann::json::object();
  CHECK(names(platforms::make_adapters(r.deps())) == std::vector<std::string>{"local"});
}

TEST_CASE("an unknown platform name is a ConfigError naming the file, the key and the known names") {
  RegistryRig r;
  r.config.source = "gridbot.json";
  r.config.platforms_given = true;
  r.config.platforms["telegram"] = nlohmann::json::object();
  CHECK_THROWS_WITH_AS(platforms::make_adapters(r.deps()),
                       doctest::Contains("gridbot.json: platforms.telegram: unknown platform (known: local"), ConfigError);
}

TEST_CASE("the local platform's settings are read by its factory, and mistakes name the key") {
  auto local = platforms::parse_local_settings({{"allow_remote", true}, {"hosts", {"grid.lan"}}}, "g.json");
  CHECK(local.allow_remote);
  CHECK(local.hosts == std::vector<std::string>{"grid.lan"});
  CHECK_FALSE(platforms::parse_local_settings(nlohmann::json::object(), "g.json").allow_remote);
  const std::pair<nlohmann::json, const char*> mistakes[] = {
      {{{"allow_remote", "yes"}}, "g.json: platforms.local.allow_remote:"},
      {{{"hosts", "grid.lan"}}, "g.json: platforms.local.hosts:"},
      {{{"hosts", {""}}}, "g.json: platforms.local.hosts:"},
      {{{"hostz", {"a"}}}, "g.json: platforms.local.hostz: unknown key"},
  };
  for (const auto& [settings, message] : mistakes) {
    CAPTURE(settings.dump());
    CHECK_THROWS_WITH_AS(platforms::parse_local_settings(settings, "g.json"), doctest::Contains(message), ConfigError);
  }
}

TEST_CASE("the local platform beyond loopback is built only with allow_remote") {
  RegistryRig r;
  r.config.source = "g.json";
  r.config.listen_host = "0.0.0.0";
  CHECK_THROWS_WITH_AS(platforms::make_adapters(r.deps()), doctest::Contains("g.json: platforms.local.allow_remote:"),
                       ConfigError);
  r.config.platforms_given = true;
  r.config.platforms["local"] = {{"allow_remote", true}};
  CHECK(names(platforms::make_adapters(r.deps())) == std::vector<std::string>{"local"});
}

TEST_CASE("the service refuses a config naming a platform nobody built") {
  testing::TempDir dir;
  std::ofstream(dir.file("g.json")) << R"({"data_dir": "data", "platforms": {"wechat": {}}})";
  CHECK_THROWS_WITH_AS(Service(config_from_args({"--config", dir.file("g.json")})),
                       doctest::Contains("platforms.wechat: unknown platform"), ConfigError);
}
