// The `gridbot understand` contract, run on the real binary.
#include <doctest/doctest.h>

#include <array>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#ifdef GRIDBOT_BINARY

namespace {

// Scratch files live in the temp folder, never in whatever directory the tests run from.
std::string scratch(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(getpid()) + "-" + name)).string();
}

std::string run(const std::string& args, const std::string& input) {
  const std::string in_path = scratch("understand_cli_test_input.jsonl");
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command = std::string("\"") + GRIDBOT_BINARY + "\" understand " + args + " < " + in_path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  CHECK(pclose(pipe) == 0);
  std::filesystem::remove(in_path);
  return out;
}

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> result;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) result.push_back(nlohmann::json::parse(line));
  return result;
}

}  // namespace

TEST_CASE("one JSON line per input with every field, null where absent") {
  auto out = lines(run("", "{\"id\":\"a\",\"text\":\"3号楼2单元501 下水道堵了 电话13812345678\"}\n"
                           "{\"id\":\"b\",\"text\":\"收到\"}\n"));
  REQUIRE(out.size() == 2);
  CHECK(out[0]["id"] == "a");
  CHECK(out[0]["intent"] == "request");
  CHECK(out[0]["category"] == "drainage");
  CHECK(out[0]["urgent"] == false);
  CHECK(out[0]["building"] == "3");
  CHECK(out[0]["unit"] == "2");
  CHECK(out[0]["room"] == "501");
  CHECK(out[0]["phone"] == "13812345678");
  CHECK(out[1]["intent"] == "ack");
  for (auto key : {"category", "building", "unit", "room", "phone"}) CHECK(out[1][key].is_null());
}

TEST_CASE("bad lines get an error line, never a crash") {
  auto out = lines(run("", "not json\n{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":\"\xff\xfe\"}\n"));
  REQUIRE(out.size() == 3);
  CHECK(out[0].contains("error"));
  CHECK(out[1]["id"] == "x");
  CHECK(out[1].contains("error"));
  CHECK(out[2]["id"] == "y");
  CHECK(out[2]["intent"] == "chat");
}

TEST_CASE("--eval prints accuracy, macro-F1, urgent precision/recall and the confusion matrix") {
  const std::string labeled =
      "{\"id\":\"d0001\",\"text\":\"收到\",\"intent\":\"ack\",\"category\":null,\"urgent\":false,\"building\":null,"
      "\"unit\":null,\"room\":null,\"phone\":null,\"script\":\"hans\"}\n";
  const std::string labeled_path = scratch("understand_cli_test_labeled.jsonl");
  std::ofstream(labeled_path, std::ios::binary) << labeled;
  const auto out = run("--eval " + labeled_path, "");
  std::filesystem::remove(labeled_path);
  CHECK(out.find("intent accuracy     1.000") != std::string::npos);
  CHECK(out.find("macro-F1") != std::string::npos);
  CHECK(out.find("urgent precision") != std::string::npos);
  CHECK(out.find("intent confusion") != std::string::npos);
}

#endif
