// What the load generators send: the corpus's real messages (requests, follow-ups, chat, acks,
// thanks) and the residents of each local group, as the running service lists them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gridbot::bench {

struct Poster {
  std::string group, sender;  // a local group's chat id and one of its residents' user ids
};

// Texts from data/messages-*.jsonl, a third of them requests and the rest everyday chatter.
std::vector<std::string> corpus_texts(const std::string& source_dir);
// The sample organization with `per_grid` more residents in every grid, written to `path`: a real
// grid has hundreds of residents, and each one's open tickets are looked up per message.
void write_crowded_organization(const std::string& source_dir, const std::string& path, int per_grid);
// Every (group, resident) pair the service at `port` knows.
std::vector<Poster> posters(std::uint16_t port);
// The JSON body of the `seq`-th post; client_msg_id `run`-`seq` makes every post distinct.
std::string post_body(const Poster& poster, const std::string& text, const std::string& run, std::uint64_t seq);

std::string load_average();  // /proc/loadavg's first three figures

}  // namespace gridbot::bench
