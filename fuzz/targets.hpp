// The fuzz targets: every parser that reads what a person or a file wrote. Each takes arbitrary
// bytes and must return normally: an expected refusal (a ConfigError naming the file and key, an
// empty optional, a parse error) is fine; any other exception, crash or sanitizer report is a bug.
// Built two ways: with libFuzzer (clang, scripts/fuzz.sh) and, without it, by the test suite,
// which replays fuzz/corpus/<target>/ through the same functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace gridbot::fuzz {

using Target = int (*)(const std::uint8_t* data, std::size_t size);

int local_post_body(const std::uint8_t* data, std::size_t size);  // the local API's JSON bodies and ?after=
int organization(const std::uint8_t* data, std::size_t size);     // organization file, policy included
int config(const std::uint8_t* data, std::size_t size);           // the service's config file
int staff_command(const std::uint8_t* data, std::size_t size);    // 接单 1001, 转办 …, 吹哨 …
int rating(const std::uint8_t* data, std::size_t size);           // 满意 / 基本满意 / 不满意 …
int understand(const std::uint8_t* data, std::size_t size);       // intent, category, place, masking
// WeCom (wecom_targets.cpp): verify + decrypt + parse of the AI bot's JSON callback, of the
// self-built app's XML callback and URL verification, decryption of arbitrary plaintext, and the
// long connection's frames.
int wecom_aibot_callback(const std::uint8_t* data, std::size_t size);
int wecom_app_callback(const std::uint8_t* data, std::size_t size);
int wecom_decrypt(const std::uint8_t* data, std::size_t size);  // any plaintext under the AES layer
int wecom_frame(const std::uint8_t* data, std::size_t size);

struct Named {
  std::string_view name;
  Target run;
};
const std::vector<Named>& all_targets();

}  // namespace gridbot::fuzz
