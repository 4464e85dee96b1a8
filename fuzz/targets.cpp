#include "fuzz/targets.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "bot/config.hpp"
#include "bot/organization_loader.hpp"
#include "bot/platforms/local/local_messages_json.hpp"
#include "bot/policy_loader.hpp"
#include "handlers/command_parser.hpp"
#include "handlers/ratings.hpp"
#include "handlers/understand/understand.hpp"

namespace gridbot::fuzz {

namespace {

std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

int local_post_body(const std::uint8_t* data, std::size_t size) {
  const auto body = text(data, size);
  for (bool group : {true, false}) {
    auto parsed = platforms::parse_post_body(body, group);
    if (parsed && parsed->text.empty()) std::abort();  // accepted bodies always carry text
  }
  http::Params params;
  params.query["after"] = std::string(body.substr(0, 64));
  (void)platforms::parse_after(params);
  return 0;
}

int organization(const std::uint8_t* data, std::size_t size) {
  try {
    Organization org = parse_organization(text(data, size), "fuzz.json");
    (void)parse_policy(text(data, size), "fuzz.json", "/nonexistent", org);
  } catch (const ConfigError&) {
    // refused with the file and the key: what a person should see
  }
  return 0;
}

int config(const std::uint8_t* data, std::size_t size) {
  // The loader reads a path, as the service does: one scratch file per process.
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("gridbot-fuzz-config-" + std::to_string(getpid()) + ".json")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    (void)load_config_file(path);
  } catch (const ConfigError&) {
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  return 0;
}

int staff_command(const std::uint8_t* data, std::size_t size) {
  (void)parse_staff_command(text(data, size));
  return 0;
}

int rating(const std::uint8_t* data, std::size_t size) {
  (void)parse_rating_answer(text(data, size));
  (void)parse_rating_detail(text(data, size));
  return 0;
}

int understand(const std::uint8_t* data, std::size_t size) {
  (void)gridbot::understand::understand(text(data, size));
  (void)gridbot::understand::mask_sensitive(text(data, size));
  return 0;
}

const std::vector<Named>& all_targets() {
  static const std::vector<Named> targets{{"local_post_body", local_post_body}, {"organization", organization},
                                          {"config", config},                   {"staff_command", staff_command},
                                          {"rating", rating},                   {"understand", understand},
                                          {"wecom_aibot_callback", wecom_aibot_callback},
                                          {"wecom_app_callback", wecom_app_callback},
                                          {"wecom_decrypt", wecom_decrypt},
                                          {"wecom_frame", wecom_frame}};
  return targets;
}

}  // namespace gridbot::fuzz
