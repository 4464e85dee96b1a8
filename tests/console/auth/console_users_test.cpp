#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "bot/config.hpp"
#include "bot/console/console_users.hpp"

using namespace gridbot;
using namespace gridbot::console;

namespace {

// pbkdf2-sha256 of "幸福里2026" at 1000 iterations (see password_test.cpp).
const std::string known_hash = "pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=";

OrganizationFile with_users(const nlohmann::json& users) {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  doc["console_users"] = users;
  return {doc.dump(), "org.json", "."};
}

nlohmann::json user(nlohmann::json fields) {
  nlohmann::json u = {{"id", "u1"}, {"name", "用户"}, {"password_hash", known_hash}};
  u.update(fields);
  return u;
}

std::string error_of_doc(const nlohmann::json& users) {
  const Organization org = sample_organization();
  try {
    parse_console_users(with_users(users), org);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

// A list, not nlohmann's brace-initialization, which makes `{x}` x itself.
std::string error_of(const std::vector<nlohmann::json>& users) { return error_of_doc(nlohmann::json(users)); }

}  // namespace

TEST_CASE("the sample's console users are an admin, a community secretary and a supervisor") {
  const Organization org = sample_organization();
  const auto users = parse_console_users(sample_organization_file(), org);
  REQUIRE(users.size() == 3);
  CHECK(users[0].role == ConsoleRole::admin);
  CHECK(users[1].role == ConsoleRole::community);
  CHECK(users[1].community == "xingfuli");
  CHECK(users[2].role == ConsoleRole::supervisor);
  const Viewer v = users[1].viewer();
  CHECK(v.user == users[1].id);
  CHECK(v.member == users[1].member);
  CHECK(v.may_see_community(org, "xingfuli"));
  CHECK_FALSE(v.may_see_community(org, "yangliu"));
}

TEST_CASE("a file without console_users has none") {
  const Organization org = sample_organization();
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  doc.erase("console_users");
  CHECK(parse_console_users({doc.dump(), "org.json", "."}, org).empty());
}

TEST_CASE("every mistake names the file and the key") {
  CHECK(error_of_doc(nlohmann::json::object()) == "org.json: console_users: must be an array");
  CHECK(error_of({user({{"role", "admin"}}), "x"}) == "org.json: console_users[1]: must be an object");
  CHECK(error_of({user({{"role", "admin"}}), user({{"role", "mayor"}, {"id", "u2"}})}).starts_with("org.json: console_users[1].role: unknown role 'mayor'"));
  CHECK(error_of({user({{"role", "admin"}, {"id", ""}})}).starts_with("org.json: console_users[0].id:"));
  CHECK(error_of({user({{"role", "admin"}}), user({{"role", "admin"}})}) ==
        "org.json: console_users[1].id: duplicate console user id 'u1'");
  CHECK(error_of({user({{"role", "admin"}, {"password", "x"}})}).starts_with("org.json: console_users[0].password: unknown key"));
  CHECK(error_of({user({{"role", "admin"}, {"password_hash", "hunter2"}})})
            .starts_with("org.json: console_users[0].password_hash: must be pbkdf2-sha256$"));
  CHECK(error_of({user({{"role", "admin"}, {"member", "nobody"}})}) ==
        "org.json: console_users[0].member: unknown member 'nobody'");
  nlohmann::json no_hash = user({{"role", "admin"}});
  no_hash.erase("password_hash");
  CHECK(error_of({no_hash}) == "org.json: console_users[0].password_hash: is required");
}

TEST_CASE("a user's scope must exist and fit the role") {
  CHECK(error_of({user({{"role", "community"}})}).starts_with("org.json: console_users[0].community: a community user needs"));
  CHECK(error_of({user({{"role", "community"}, {"community", "atlantis"}})}) ==
        "org.json: console_users[0].community: unknown community 'atlantis'");
  CHECK(error_of({user({{"role", "community"}, {"community", "xingfuli"}, {"street", "nowhere"}})}) ==
        "org.json: console_users[0].street: unknown street 'nowhere'");
  CHECK(error_of({user({{"role", "street"}})}).starts_with("org.json: console_users[0].street: a street user needs"));
  CHECK(error_of({user({{"role", "street"}, {"street", "heping"}, {"community", "xingfuli"}})})
            .starts_with("org.json: console_users[0].community:"));
  CHECK(error_of({user({{"role", "admin"}, {"street", "heping"}})}).starts_with("org.json: console_users[0].role: an admin"));
  CHECK(error_of({user({{"role", "supervisor"}, {"community", "xingfuli"}})})
            .starts_with("org.json: console_users[0].community: a supervisor"));
  CHECK(error_of({user({{"role", "community"}, {"community", "xingfuli"}, {"street", "heping"}})}) == "(no error)");
  CHECK(error_of({user({{"role", "supervisor"}})}) == "(no error)");  // supervises everything
}

TEST_CASE("beyond loopback the sample's demo passwords may not sign in; the lines say who and why") {
  const Organization org = sample_organization();
  auto sample = parse_console_users(sample_organization_file(), org);
  CHECK(refuse_sample_passwords(sample, "organization/sample.json", "127.0.0.1").empty());
  CHECK(refuse_sample_passwords(sample, "organization/sample.json", "::1").empty());
  CHECK(sample.size() == 3);
  const std::string first = sample[0].id;
  auto refused = refuse_sample_passwords(sample, "organization/sample.json", "0.0.0.0");
  CHECK(sample.empty());
  REQUIRE(refused.size() == 3);
  CHECK(refused[0].starts_with("organization/sample.json: console_users[0].password_hash: user '" + first +
                               "' has the sample's demo password"));
  CHECK(refused[0].find("gridbot hash-password") != std::string::npos);
  // A copy of the sample with one password of the operator's own keeps that user only.
  auto copied = nlohmann::json::parse(sample_organization_file().text);
  copied["console_users"][1]["password_hash"] = known_hash;
  auto mixed = parse_console_users({copied.dump(), "org.json", "."}, org);
  refused = refuse_sample_passwords(mixed, "org.json", "192.168.1.20");
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].id == copied["console_users"][1]["id"]);
  REQUIRE(refused.size() == 2);
  CHECK(refused[1].starts_with("org.json: console_users[2].password_hash"));
}
