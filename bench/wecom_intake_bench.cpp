// WeCom intake side by side: signed, encrypted AI-bot callbacks (PROTOCOLS.md §1.2, §1.5) fired at
// gridbot's /wecom/{account}/aibot, which does the whole durable path before its 200 (verify,
// decrypt, parse, dedupe, understand, handler, group commit), and at a Node server on WeCom's
// official @wecom/crypto doing only verify + decrypt + parse (bench/node/wecom_crypto_server.js).
// Both get the same pre-generated callbacks: distinct msgids, corpus texts, group chats, each
// opening with an @-mention of the bot. Prints requests/s, latency percentiles and errors for
// each, and gridbot's rate over Node's (the goal: at least 1.5×); for gridbot also its bare route
// (GET /ping, the ceiling) and the same callbacks redelivered (verified, then found in the inbox).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench_texts.hpp"
#include "tests/support/fake_wecom/callbacks.hpp"
#include "tests/support/fake_wecom/fake_wecom.hpp"
#include "tests/support/fake_wecom/node_crypto_server.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/load.hpp"
#include "tests/support/service_process.hpp"

using namespace gridbot;
using nlohmann::json;
using testing::LoadResult;
using testing::LoadSpec;

namespace {

const char* const kUsage = R"(usage: wecom_intake_bench [--node] [--gridbot] [--no-gridbot] [--url URL] [--connections N] [--seconds S]
                          [--callbacks N] [--residents PER_GRID] [--binary PATH] [--keep]
  --node         start bench/node/wecom_crypto_server.js (node, and @wecom/crypto in tests/peers/node_modules:
                 `./run test` or `cd tests/peers && npm ci`) and measure it
  --gridbot      start the gridbot binary and measure POST /wecom/bench/aibot (also the default with --node:
                 both in one run, Node first; --no-gridbot measures Node alone)
  --url URL      measure a server already running at http://127.0.0.1:PORT/PATH instead (keys as below)
  --connections  keep-alive loopback connections (default 64)
  --seconds      the longest a phase runs (default 10); it also ends when every callback was sent once
  --callbacks    distinct callbacks generated before the first phase (default 100000)
  --residents    residents added to each grid of the sample organization (default 250)
  --binary PATH  the gridbot binary to start (default: this build's)
  --keep         leave the data folder (its path is printed)
How gridbot is set up: bench/wecom-bench-config.json, with platforms.wecom as account_config.hpp reads it
(account "bench", its aibot's token, encoding_aes_key and bot_name; callback mode), is copied into the data
folder with api_base_url pointed at a fake WeCom (tests/support/fake_wecom) the bench runs, and started as
  gridbot serve --config DATA/wecom-bench-config.json --organization DATA/organization.json
The organization is the sample one, crowded, with a WeCom twin of every local group (platform "wecom",
account "bench", chat_id "wr-bench-<group id>") and accounts.wecom = the resident id for every resident.
Callbacks carry a response_url of the fake, so the receipts gridbot sends stay on loopback. The token and
key sign every callback, for gridbot, Node and --url alike; timestamps are those of generation, so keep a
run inside gridbot's ±300 s window.
)";

struct Options {
  bool node = false, gridbot = false, no_gridbot = false, keep = false;
  std::string url;
  std::string binary = GRIDBOT_BINARY;
  int connections = 64;
  double seconds = 10;
  std::size_t callbacks = 100000;
  int residents_per_grid = 250;
};

struct Callback {
  std::string target, body;
};

struct BenchAccount {
  std::string name, token, encoding_aes_key, bot_name, bot_id;
};

BenchAccount read_account(const std::string& path) {
  std::ifstream in(path);
  auto doc = json::parse(in, nullptr, false);
  try {
    const auto& account = doc.at("platforms").at("wecom").at("accounts").at(0);
    const auto& aibot = account.at("aibot");
    return {account.at("name"), aibot.at("token"), aibot.at("encoding_aes_key"), aibot.at("bot_name"),
            aibot.at("bot_id")};
  } catch (const json::exception& e) {
    throw std::runtime_error(path + ": platforms.wecom.accounts[0] needs name and aibot.{token, encoding_aes_key, "
                             "bot_name, bot_id}: " + e.what());
  }
}

struct Poster {
  std::string chat_id, sender;
};

// The sample organization, crowded, with a WeCom twin of each local group; returns who may post where.
std::vector<Poster> write_wecom_organization(const std::string& path, const std::string& account, int per_grid) {
  bench::write_crowded_organization(GRIDBOT_SOURCE_DIR, path, per_grid);
  json org = json::parse(std::ifstream(path));
  std::map<std::string, std::vector<std::string>> residents_of;
  for (auto& r : org["residents"]) {
    r["accounts"]["wecom"] = r["id"];
    residents_of[r.value("grid", "")].push_back(r["id"]);
  }
  std::vector<Poster> posters;
  json twins = json::array();
  for (const auto& g : org["groups"]) {
    if (g.value("platform", "") != "local" || !g.contains("grid")) continue;
    json twin = g;
    twin["id"] = g["id"].get<std::string>() + "-wecom";
    twin["platform"] = "wecom";
    twin["account"] = account;
    twin["chat_id"] = "wr-bench-" + g["id"].get<std::string>();
    for (const auto& who : residents_of[g["grid"]]) posters.push_back({twin["chat_id"], who});
    twins.push_back(std::move(twin));
  }
  for (auto& t : twins) org["groups"].push_back(std::move(t));
  std::ofstream(path) << org.dump(2);
  if (posters.empty()) throw std::runtime_error("the sample organization has no residents in grid groups");
  return posters;
}

std::vector<Callback> generate(const Options& o, const BenchAccount& account, const std::vector<Poster>& posters,
                               testing::fake_wecom::FakeWecom& fake, const std::string& path) {
  const auto texts = bench::corpus_texts(GRIDBOT_SOURCE_DIR);
  const testing::fake_wecom::CallbackSigner signer{account.token, account.encoding_aes_key, ""};
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string run = "bench" + std::to_string(getpid());
  std::vector<Callback> out;
  out.reserve(o.callbacks);
  for (std::size_t i = 0; i < o.callbacks; ++i) {
    const auto& who = posters[(i * 7919) % posters.size()];
    testing::fake_wecom::AibotText message{.msgid = run + "-" + std::to_string(i), .aibotid = account.bot_id,
                                           .chatid = who.chat_id, .from = who.sender, .bot_name = account.bot_name,
                                           .text = texts[(i * 104729) % texts.size()],
                                           .response_url = fake.api().new_response_url(fake.base_url())};
    auto signed_cb = testing::fake_wecom::aibot_callback(signer, path, testing::fake_wecom::aibot_text_json(message), now,
                                                         std::to_string(1000000 + i));
    out.push_back({std::move(signed_cb.target), std::move(signed_cb.body)});
  }
  return out;
}

void print(const char* label, const LoadResult& r) {
  std::printf("%-34s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  errors %llu of %llu\n", label,
              r.per_second(), r.percentile(50), r.percentile(99), r.percentile(99.9),
              static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.sent));
  for (const auto& [status, n] : r.statuses)
    if (status < 200 || status >= 300) std::printf("    status %d: %llu\n", status, static_cast<unsigned long long>(n));
}

// Every callback once at most, `path` replacing the generated one when the server has another.
LoadResult fire(const Options& o, std::uint16_t port, const std::vector<Callback>& callbacks,
                const std::string& generated_path, const std::string& path) {
  LoadSpec spec{port, o.connections, o.seconds, callbacks.size(), 0, [&](std::uint64_t seq) {
                  const auto& cb = callbacks[seq];
                  return testing::LoadRequest{"POST", path + cb.target.substr(generated_path.size()), cb.body};
                }, {}};
  return testing::run_load(spec);
}

std::optional<Options> parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--node") o.node = true;
    else if (a == "--gridbot") o.gridbot = true;
    else if (a == "--no-gridbot") o.no_gridbot = true;
    else if (a == "--keep") o.keep = true;
    else if (a == "--url" && has_value) o.url = argv[++i];
    else if (a == "--binary" && has_value) o.binary = argv[++i];
    else if (a == "--connections" && has_value) o.connections = std::stoi(argv[++i]);
    else if (a == "--seconds" && has_value) o.seconds = std::stod(argv[++i]);
    else if (a == "--callbacks" && has_value) o.callbacks = std::stoul(argv[++i]);
    else if (a == "--residents" && has_value) o.residents_per_grid = std::stoi(argv[++i]);
    else return std::nullopt;
  }
  if (o.node && o.url.empty() && !o.no_gridbot) o.gridbot = true;  // --node alone: side by side
  if (!o.node && !o.gridbot && o.url.empty()) return std::nullopt;
  if (o.callbacks == 0 || o.connections <= 0) return std::nullopt;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse_args(argc, argv);
  if (!parsed) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const Options o = *parsed;
  const std::string config_source = std::string(GRIDBOT_SOURCE_DIR) + "/bench/wecom-bench-config.json";
  const auto account = read_account(config_source);
  const std::string path = "/wecom/" + account.name + "/aibot";
  const auto dir = std::filesystem::temp_directory_path() / ("gridbot-wecom-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("GRIDBOT_LOG", "warn", 1);
  std::printf("load average before: %s (2 cores shared)\n", bench::load_average().c_str());
  int exit_code = 0;
  {
    testing::fake_wecom::FakeWecom fake;  // gridbot's WeCom: response_urls, gettoken, message/send
    const std::string organization = (dir / "organization.json").string();
    const auto posters = write_wecom_organization(organization, account.name, o.residents_per_grid);
    const auto started = std::chrono::steady_clock::now();
    const auto callbacks = generate(o, account, posters, fake, path);
    std::printf("%zu distinct signed, encrypted AI-bot callbacks (%zu posters) generated in %.0f ms; %d keep-alive "
                "connections, at most %.0f s per phase\n",
                callbacks.size(), posters.size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count(),
                o.connections, o.seconds);

    std::optional<LoadResult> node_result, gridbot_result;
    if (o.node) {
      if (auto why = testing::fake_wecom::node_crypto_server_missing(); !why.empty()) throw std::runtime_error(why);
      testing::fake_wecom::NodeCryptoServer node(account.token, account.encoding_aes_key);
      node_result = fire(o, node.port(), callbacks, path, "/");
      print("Node @wecom/crypto (verify+parse):", *node_result);
      std::printf("    Node RSS after: %.1f MB\n", testing::rss_kb(node.pid()) / 1024.0);
    }
    if (o.gridbot) {
      json config = json::parse(std::ifstream(config_source));
      config["platforms"]["wecom"]["accounts"][0]["api_base_url"] = fake.base_url();
      config["platforms"]["wecom"]["accounts"][0]["ws_url"] = fake.ws_url();
      const std::string config_path = (dir / "wecom-bench-config.json").string();
      std::ofstream(config_path) << config.dump(2);
      testing::ServiceProcess service(o.binary, dir.string(),
                                      {"--config", config_path, "--organization", organization});
      LoadSpec bare{service.port(), o.connections, std::min(o.seconds, 3.0), 0, 0, [](std::uint64_t) {
                      return testing::LoadRequest{"GET", "/ping", ""};
                    }, {}};
      print("gridbot ceiling GET /ping:", testing::run_load(bare));
      gridbot_result = fire(o, service.port(), callbacks, path, path);
      print("gridbot (whole durable path):", *gridbot_result);
      // The same callbacks again: WeCom's redeliveries, which gridbot answers 200 and stores nothing for.
      const std::vector<Callback> answered(callbacks.begin(), callbacks.begin() + gridbot_result->sent);
      print("gridbot, the same ones redelivered:", fire(o, service.port(), answered, path, path));
      std::printf("    gridbot RSS after: %.1f MB; /healthz %s\n", testing::rss_kb(service.pid()) / 1024.0,
                  testing::http_get(service.port(), "/healthz").json().dump().c_str());
      if (service.stop() != 0) {
        std::printf("the service did not stop cleanly\n");
        exit_code = 1;
      }
    }
    if (!o.url.empty()) {
      const std::string prefix = "http://127.0.0.1:";
      if (!o.url.starts_with(prefix)) throw std::runtime_error("--url must start with " + prefix);
      const auto rest = o.url.substr(prefix.size());
      const auto slash = rest.find('/');
      const auto port = static_cast<std::uint16_t>(std::stoi(rest.substr(0, slash)));
      const auto result = fire(o, port, callbacks, path, slash == std::string::npos ? "/" : rest.substr(slash));
      print(("--url " + o.url).c_str(), result);
      if (result.errors) exit_code = 1;
    }
    if (node_result && gridbot_result && node_result->per_second() > 0)
      std::printf("gridbot / Node: %.2f× (goal: at least 1.5×)\n", gridbot_result->per_second() / node_result->per_second());
    if ((node_result && node_result->errors) || (gridbot_result && gridbot_result->errors)) exit_code = 1;
    std::printf("load average after: %s\n", bench::load_average().c_str());
  }
  if (o.keep) std::printf("data kept in %s\n", dir.c_str());
  else std::filesystem::remove_all(dir);
  return exit_code;
}
