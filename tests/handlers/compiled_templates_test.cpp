// The compiled templates (templates/compiled_message) against ICU MessageFormat, byte for byte:
// every builtin template under many argument sets, and the patterns that must stay with ICU.
#include <doctest/doctest.h>

#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "templates/catalog.hpp"
#include "templates/compiled_message.hpp"

extern const std::string_view gridbot_embedded_templates_zh_cn;

using namespace gridbot;
using templates::Arg;
using templates::Args;
using templates::Catalog;
using templates::CompiledMessage;

namespace {

// Values that would mean something to a parser: ICU syntax, quoting, plural's #, astral
// characters, nothing at all, a NUL.
const std::vector<std::string> kAwkward = {"",   "{",      "}",     "'",      "''",     "#",
                                           "{x}", "a'{b}'#", "🚨🏠",  "第3号楼", "yes ", "YES",
                                           "other", "\n", std::string("a\0b", 3)};

Args all_set(const std::vector<std::string>& names, const Arg& value) {
  Args args;
  for (const auto& name : names) args.emplace(name, value);
  return args;
}

std::string describe(const Args& args) {
  std::string out;
  for (const auto& [name, value] : args) {
    out += name + "=";
    if (auto* s = std::get_if<std::string>(&value)) out += "\"" + *s + "\" ";
    else if (auto* n = std::get_if<std::int64_t>(&value)) out += std::to_string(*n) + " ";
    else out += "(time) ";
  }
  return out;
}

// Both paths on one call; the compiled one must have been taken.
void check_same(const Catalog& catalog, const std::string& id, const Args& args) {
  CAPTURE(id);
  CAPTURE(describe(args));
  auto compiled = catalog.render_compiled(id, args);
  REQUIRE(compiled.has_value());
  CHECK(*compiled == catalog.render_with_icu(id, args));
  CHECK(catalog.render(id, args) == *compiled);
}

// The words a pattern could select on: every ASCII word right before a `{` (select keys, and
// harmlessly some text), plus a value no key has.
std::set<std::string> candidate_keys(const std::string& pattern) {
  std::set<std::string> keys{"no_such_key"};
  static const std::regex before_brace(R"((\w+)\s*\{)");
  for (std::sregex_iterator it(pattern.begin(), pattern.end(), before_brace), end; it != end; ++it)
    keys.insert((*it)[1]);
  return keys;
}

Catalog catalog_of(const nlohmann::json& messages) {
  nlohmann::json doc{{"locale", "zh-CN"}, {"datetime_pattern", "M月d日 HH:mm"}, {"messages", messages}};
  return Catalog::parse(doc.dump(), "test.json", "Asia/Shanghai");
}

}  // namespace

TEST_CASE("every builtin template compiles and renders exactly as ICU does") {
  const Catalog& catalog = Catalog::builtin();
  const auto messages = nlohmann::json::parse(gridbot_embedded_templates_zh_cn)["messages"];
  REQUIRE(messages.size() == 259);
  int with_select = 0;
  for (const auto& [id, text] : messages.items()) {
    const std::string pattern = text.get<std::string>();
    auto compiled = CompiledMessage::compile(pattern);
    CAPTURE(id);
    REQUIRE(compiled.has_value());
    if (pattern.find("select") != std::string::npos) ++with_select;
    const auto& names = compiled->arguments();
    const std::set<std::string> keys = candidate_keys(pattern);

    // Every argument alike: each key (so nested branches are reached together), awkward text,
    // a number and a time, which the catalog spells before either path sees them.
    for (const auto& key : keys) check_same(catalog, id, all_set(names, key));
    for (const auto& value : kAwkward) check_same(catalog, id, all_set(names, value));
    check_same(catalog, id, all_set(names, std::int64_t{0}));
    check_same(catalog, id, all_set(names, std::int64_t{-12345}));
    check_same(catalog, id, all_set(names, templates::Time(std::chrono::seconds(1'795'000'000))));
    // One argument at a time over every key and awkward value, the others plain.
    for (const auto& name : names) {
      Args args = all_set(names, std::string("值"));
      for (const auto& key : keys) {
        args[name] = key;
        check_same(catalog, id, args);
      }
      for (const auto& value : kAwkward) {
        args[name] = value;
        check_same(catalog, id, args);
      }
    }
    // Arguments the template does not name change nothing on either path.
    Args extra = all_set(names, std::string("yes"));
    extra["not_in_any_template"] = templates::Time(std::chrono::seconds(0));
    check_same(catalog, id, extra);
  }
  CHECK(with_select == 21);
}

TEST_CASE("a missing argument, or a value that is not UTF-8, is left to ICU") {
  const Catalog& catalog = Catalog::builtin();
  const std::string id = "receipt.group";
  auto names = CompiledMessage::compile(nlohmann::json::parse(gridbot_embedded_templates_zh_cn)["messages"][id].get<std::string>())
                   ->arguments();
  for (const auto& missing : names) {
    for (const char* branch : {"yes", "no"}) {
      Args args = all_set(names, std::string(branch));
      args.erase(missing);
      CAPTURE(missing);
      CAPTURE(branch);
      CHECK_FALSE(catalog.render_compiled(id, args));
      CHECK(catalog.render(id, args) == catalog.render_with_icu(id, args));
    }
  }
  CHECK(catalog.render("place.building") == catalog.render_with_icu("place.building"));

  // ICU replaces ill-formed bytes with U+FFFD; the compiled path declines rather than copy them.
  for (const std::string bad : {"\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"}) {
    Args args{{"building", bad}};
    CAPTURE(bad);
    CHECK_FALSE(catalog.render_compiled("place.building", args));
    CHECK(catalog.render("place.building", args) == catalog.render_with_icu("place.building", args));
  }
  CHECK_FALSE(catalog.render_compiled("no.such.id"));
  CHECK(catalog.render("no.such.id") == "[no.such.id]");
}

TEST_CASE("apostrophes, plurals and other argument types stay with ICU and render as before") {
  const Catalog catalog = catalog_of({
      {"apostrophe", "It''s {n}"},
      {"quoted_braces", "'{'{n}'}'"},
      {"quoted_in_select", "{x, select, yes {'{literal}'} other {o}}"},
      {"plural", "{n, plural, one {# item} other {# items}}"},
      {"number", "{n, number}"},
      {"numbered", "{0}"},
      {"capital_select", "{x, Select, yes {y} other {o}}"},
      {"stray_brace", "a } b"},
      {"unicode_space", "{\u200Ex}"},
  });
  const Args args{{"n", std::int64_t{3}}, {"x", std::string("yes")}, {"0", std::string("zero")}};
  for (const char* id : {"apostrophe", "quoted_braces", "quoted_in_select", "plural", "number", "numbered",
                         "capital_select", "stray_brace", "unicode_space"}) {
    CAPTURE(id);
    CHECK_FALSE(catalog.render_compiled(id, args));
    CHECK(catalog.render(id, args) == catalog.render_with_icu(id, args));
  }
  CHECK(catalog.render("apostrophe", args) == "It's 3");
  CHECK(catalog.render("quoted_braces", args) == "{3}");
  CHECK(catalog.render("quoted_in_select", args) == "{literal}");
  // The catalog hands ICU every number as text, which plural cannot count: the failure is
  // ICU's as before (hence select in the catalog's templates).
  CHECK(catalog.render("plural", args) == "[plural]");
  CHECK(catalog.render("numbered", args) == "zero");
  CHECK(catalog.render("stray_brace", args) == "a } b");
}

TEST_CASE("the compiled grammar reads white space, nesting and repeated keys as ICU does") {
  const Catalog catalog = catalog_of({
      {"spaced", "<{ a }|{\ta\n}|{a,select,yes{Y}other{O}}|{ a ,\r select ,\f yes  { Y }\v other {O} }>"},
      {"nested", "{a, select, yes {A{b, select, yes {B{c}} other {b}}a} other {{c, select, yes {C} other {-}}}}"},
      {"repeated", "{a, select, yes {first} yes {second} other {o1} other {o2}}"},
      {"other_first", "{a, select, other {o} yes {y}}"},
      {"digits", "{code, select, 0 {zero} 007 {bond} other {#{code}}}"},
      {"empty", ""},
      {"hash_and_pipe", "#{a}|{a, select, yes {# | #} other {|}}"},
  });
  const std::vector<std::string> values = {"yes", "no", "other", "0", "007", "", "{", "'", "#", "🚨"};
  for (const char* id : {"spaced", "nested", "repeated", "other_first", "digits", "empty", "hash_and_pipe"})
    for (const auto& a : values)
      for (const auto& b : values) check_same(catalog, id, {{"a", a}, {"b", b}, {"c", a + b}, {"code", b}});
  CHECK(catalog.render("repeated", {{"a", std::string("yes")}}) == "first");
  CHECK(catalog.render("repeated", {{"a", std::string("other")}}) == "o1");
  CHECK(catalog.render("digits", {{"code", std::int64_t{0}}}) == "zero");
  CHECK(catalog.render("digits", {{"code", std::int64_t{7}}}) == "#7");
  CHECK(CompiledMessage::compile("{a} {b} {a, select, yes {{b}} other {}}")->arguments() ==
        std::vector<std::string>{"a", "b"});
  CHECK_FALSE(CompiledMessage::compile("{a, select, yes {y}}"));  // no other: ICU refuses it too
  CHECK_FALSE(CompiledMessage::compile("{a, select, yes {y} other {o}"));
  CHECK_FALSE(CompiledMessage::compile("{a"));
  CHECK_FALSE(CompiledMessage::compile("{a-b}"));
  CHECK_FALSE(CompiledMessage::compile("{名字}"));
  CHECK_FALSE(CompiledMessage::compile("{a, select, 是 {y} other {o}}"));
  CHECK_FALSE(CompiledMessage::compile("\xff{a}"));
}
