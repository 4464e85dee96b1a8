#include "bench/bench_texts.hpp"

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.hpp"

namespace gridbot::bench {

std::vector<std::string> corpus_texts(const std::string& source_dir) {
  std::vector<std::string> requests, other;
  for (const char* name : {"messages-dev.jsonl", "messages-extra.jsonl"}) {
    std::ifstream in(source_dir + "/data/" + name);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) continue;
      (j.value("intent", "") == "request" ? requests : other).push_back(j["text"].get<std::string>());
    }
  }
  // A neighborhood group is mostly talk: one request for every two other messages.
  std::vector<std::string> out;
  for (std::size_t i = 0; i < other.size(); ++i) {
    out.push_back(other[i]);
    if (i % 2 == 1 && !requests.empty()) out.push_back(requests[(i / 2) % requests.size()]);
  }
  if (out.empty()) throw std::runtime_error(source_dir + "/data: no messages found");
  return out;
}

void write_crowded_organization(const std::string& source_dir, const std::string& path, int per_grid) {
  std::ifstream in(source_dir + "/organization/sample.json");
  auto org = nlohmann::json::parse(in);
  std::set<std::string> grids;
  for (const auto& g : org["groups"])
    if (g.contains("grid")) grids.insert(g["grid"].get<std::string>());
  for (const auto& grid : grids)
    for (int k = 0; k < per_grid; ++k) {
      const std::string id = "bench-" + grid + "-" + std::to_string(k);
      org["residents"].push_back({{"id", id}, {"name", "居民" + std::to_string(k)}, {"grid", grid},
                                  {"building", std::to_string(1 + k % 40)}, {"unit", std::to_string(1 + k % 4)},
                                  {"room", std::to_string(101 + k % 20)}, {"accounts", {{"local", id}}}});
    }
  std::ofstream(path) << org.dump(2);
}

std::vector<Poster> posters(std::uint16_t port) {
  std::set<std::string> residents;
  const auto users = testing::http_get(port, "/local/api/users").json();
  const auto groups = testing::http_get(port, "/local/api/groups").json();
  for (const auto& u : users["users"])
    if (u["kind"] == "resident") residents.insert(u["user_id"].get<std::string>());
  std::vector<Poster> out;
  for (const auto& g : groups["groups"])
    for (const auto& m : g["members"])
      if (residents.contains(m.get<std::string>())) out.push_back({g["group_id"].get<std::string>(), m.get<std::string>()});
  if (out.empty()) throw std::runtime_error("the service lists no residents in its local groups");
  return out;
}

std::string post_body(const Poster& poster, const std::string& text, const std::string& run, std::uint64_t seq) {
  return nlohmann::json{{"sender", poster.sender}, {"text", text}, {"client_msg_id", run + "-" + std::to_string(seq)}}.dump();
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace gridbot::bench
