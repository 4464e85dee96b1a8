// The repository's documents must work in a fresh clone: nothing they point at may live outside it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

const std::filesystem::path source = GRIDBOT_SOURCE_DIR;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every relative Markdown link target, and every `path` in backticks that names a .md file.
std::vector<std::string> local_references(const std::string& text) {
  std::vector<std::string> out;
  const std::regex link(R"(\]\(([^)#\s]+)[^)]*\))"), code(R"(`([^`\s]+\.md)`)");
  for (const auto& re : {link, code})
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1];
      if (!target.starts_with("http://") && !target.starts_with("https://") && !target.starts_with("mailto:"))
        out.push_back(target);
    }
  return out;
}

}  // namespace

TEST_CASE("README and the design documents link nothing outside the repository, and nothing missing") {
  for (const std::string doc : {"README.md", "docs/ARCHITECTURE.md", "docs/GLOSSARY.md"}) {
    CAPTURE(doc);
    const auto path = source / doc;
    REQUIRE(std::filesystem::exists(path));
    const std::string text = read(path);
    CHECK(text.find("../") == std::string::npos);
    CHECK(text.find("/work/") == std::string::npos);
    for (const auto& target : local_references(text)) {
      CAPTURE(target);
      const auto resolved = std::filesystem::weakly_canonical(path.parent_path() / target);
      CHECK(resolved.string().starts_with(std::filesystem::weakly_canonical(source).string()));
      CHECK(std::filesystem::exists(resolved));
    }
  }
}

TEST_CASE("a newcomer is told the first build takes minutes, and ./run says what it does before compiling") {
  CHECK(read(source / "README.md").find("several minutes") != std::string::npos);
  const std::string run = read(source / "run");
  const auto build = run.find("build() {");
  REQUIRE(build != std::string::npos);
  const auto says = run.find("echo \"run: ", build);
  const auto compiles = run.find("cmake --build", build);
  REQUIRE(compiles != std::string::npos);
  CHECK(says < compiles);
  CHECK(run.find("several minutes", build) < compiles);
}
