// The service's configuration: a JSON file (optional) with command-line flags on top.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gridbot {

// A configuration mistake: the message names the file and the key, and start-up stops.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string source = "(built-in defaults)";
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::string data_dir = "var";
  std::string organization;  // path of the organization file; empty: the built-in sample
  std::string time_zone = "Asia/Shanghai";
  bool test_clock = false;
  // With --test-clock=UNIX_SECONDS the manual clock starts there, so tests do not depend on the
  // time of day they run at (quiet hours, weekends); otherwise at the real time.
  std::optional<std::int64_t> test_clock_start;
  // One entry per platform, its own settings, read by that platform's factory (bot/platforms/
  // registry.hpp). Without a `platforms` key the registry's on-by-default platforms run.
  std::map<std::string, nlohmann::json> platforms;
  bool platforms_given = false;

  // Concurrent HTTP connections; 0: three quarters of the process's file limit (see server.hpp).
  std::size_t max_connections = 0;
  // A chat message's text, in bytes after normalization; longer is cut with a marker before it is
  // stored or read, so a 1 MiB post costs no more than this anywhere downstream.
  std::size_t max_text_bytes = 8 * 1024;

  // How long rows that grow with traffic are kept, in days (see bot/retention.hpp).
  struct Retention {
    int inbox_days = 30;           // longer than any platform's retry horizon
    int outbox_sent_days = 30;     // sent rows; pending and dead ones are kept
    int timers_days = 30;          // fired and cancelled timers
    int local_messages_days = 90;  // the local platform's own chat log
    std::optional<int> tickets_days;  // closed tickets older than this go to `archive`; unset: keep
    std::string archive;              // JSON-lines file; default DATA_DIR/tickets-archive.jsonl
  } retention;

  // The console (bot/console/): where its built page is, and whether browsers reach the service
  // through TLS (a proxy in front), which marks the session cookie Secure.
  struct Console {
    std::string dist = "web/console/dist";  // relative: to the working directory (./run's is the repo)
    bool behind_tls = false;
    // Proxies whose X-Forwarded-For is believed: behind one, every browser's connection comes from
    // the proxy, and the sign-in throttle must count the browser's address instead.
    std::vector<std::string> trusted_proxies;
    // The reader pool (bot/readers.hpp) the console's heavy reads run on, off the HTTP thread:
    // threads, each with its own read-only connection, and the reads that may wait before the
    // next is answered 503. One thread leaves a 2-core machine's other core to HTTP and the writer.
    std::size_t readers = 1;
    std::size_t read_queue = 16;
  } console;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

// What `gridbot serve --help` prints.
extern const char* const serve_usage;

// Reads a config file; relative paths inside it are resolved against the file's folder.
Config load_config_file(const std::string& path);

// `serve` arguments: --config FILE first (so flags override the file), then --listen HOST:PORT,
// --data DIR, --organization FILE, --test-clock[=UNIX_SECONDS].
// --help (or -h) is not a config: the caller prints serve_usage.
Config config_from_args(const std::vector<std::string>& args);
bool wants_help(const std::vector<std::string>& args);

}  // namespace gridbot
