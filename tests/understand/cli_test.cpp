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

TEST_CASE("escapes, numbers as ids, odd spacing and nested values read the same as plain lines") {
  auto out = lines(run("", "{\"id\":7,\"text\":\"3\\u53f7\\u697c\\u6f0f\\u6c34 \\\"\\u6025\\\"\"}\n"
                           "  { \"text\" : \"收到\" , \"id\" : \"x\\\"y\" }  \n"
                           "{\"id\":{\"n\":1},\"text\":\"收到\",\"meta\":[1,2]}\n"
                           "{\"id\":\"e\",\"text\":\"\\ud83d\\udc4d\"}\n"
                           "{\"id\":\"r\",\"text\":\"a\",\"text\":5}\n"
                           "{\"id\":\"t\",\"text\":\"tab\\there\"}\n"));
  REQUIRE(out.size() == 6);
  CHECK(out[0]["id"] == 7);
  CHECK(out[0]["building"] == "3");
  CHECK(out[1]["id"] == "x\"y");
  CHECK(out[1]["intent"] == "ack");
  CHECK(out[2]["id"]["n"] == 1);  // nested values go through the full parser
  CHECK(out[2]["intent"] == "ack");
  CHECK(out[3]["intent"] == "ack");  // a thumbs-up emoji written as a surrogate pair
  CHECK(out[4].contains("error"));   // a repeated key: the full parser's reading (last wins)
  CHECK(out[5]["id"] == "t");
}

TEST_CASE("--explain names the hazard, the cues and where the intent came from") {
  auto out = lines(run("--explain", "{\"id\":\"g\",\"text\":\"楼道里好大的煤气味 快来人\"}\n"
                                    "{\"id\":\"o\",\"text\":\"上周着火那家的火早就灭了 能不能帮他们申请救助\"}\n"
                                    "{\"id\":\"a\",\"text\":\"收到\"}\n"));
  REQUIRE(out.size() == 3);
  CHECK(out[0]["urgent"] == true);
  CHECK(out[0]["explain"]["hazard"] == "gas");
  CHECK(out[0]["explain"]["cues"][0]["factor"] == "hazard");
  CHECK(out[0]["explain"]["cues"][0]["words"][0] == "煤气");
  CHECK(out[0]["explain"]["cues"][1]["factor"] == "now");
  CHECK(out[1]["urgent"] == false);
  CHECK(out[1]["explain"]["hazard"] == "fire");
  CHECK(out[1]["explain"]["cues"][1]["factor"] == "over");
  CHECK(out[2]["explain"]["intent_by"] == "rule");
  CHECK(out[0]["explain"]["category_by"].is_string());
  CHECK(out[2]["explain"]["hazard"].is_null());
}

TEST_CASE("the usage text lists every option of understand") {
  const std::string command = std::string("\"") + GRIDBOT_BINARY + "\" understand --bogus 2>&1";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf;
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), pipe)) > 0;) out.append(buf.data(), n);
  CHECK(pclose(pipe) != 0);
  for (auto option : {"--explain", "--eval", "--cv", "--no-extra", "--train", "--errors", "--set", "max_ngram", "drop="})
    CHECK_MESSAGE(out.find(option) != std::string::npos, option);
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
