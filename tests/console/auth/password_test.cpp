#include <doctest/doctest.h>

#include "bot/console/password.hpp"

using namespace gridbot::console;

TEST_CASE("a hashed password verifies, a wrong one does not, and each hash has its own salt") {
  const std::string stored = hash_password("幸福里2026", min_iterations);
  CHECK(stored.starts_with("pbkdf2-sha256$1000$"));
  auto parsed = parse_password_hash(stored);
  REQUIRE(parsed);
  CHECK(parsed->salt.size() == 16);
  CHECK(parsed->hash.size() == 32);
  CHECK(verify_password("幸福里2026", *parsed));
  CHECK_FALSE(verify_password("幸福里2027", *parsed));
  CHECK_FALSE(verify_password("", *parsed));
  CHECK(hash_password("幸福里2026", min_iterations) != stored);  // a fresh salt each time
}

TEST_CASE("the hash is PBKDF2-HMAC-SHA256 as other tools compute it") {
  // python3 -c "import hashlib,base64; print(base64.b64encode(hashlib.pbkdf2_hmac('sha256',
  //   '幸福里2026'.encode(), b'saltSALTsaltSALT', 1000)).decode())"          → vRAH/t9n...
  // openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt pass:幸福里2026
  //   -kdfopt salt:saltSALTsaltSALT -kdfopt iter:1000 PBKDF2                → BD:10:07:FE:...
  auto known = parse_password_hash("pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=");
  REQUIRE(known);
  CHECK(known->iterations == 1000);
  CHECK(std::string(known->salt.begin(), known->salt.end()) == "saltSALTsaltSALT");
  CHECK(known->hash.front() == 0xBD);
  CHECK(verify_password("幸福里2026", *known));
  CHECK_FALSE(verify_password("幸福里2026 ", *known));
}

TEST_CASE("malformed hashes are refused with the reason") {
  std::string why;
  CHECK_FALSE(parse_password_hash("plain-text-password", &why));
  CHECK(why.find("pbkdf2-sha256$<iterations>") != std::string::npos);
  CHECK_FALSE(parse_password_hash("bcrypt$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=", &why));
  CHECK_FALSE(parse_password_hash("pbkdf2-sha256$10$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=", &why));
  CHECK(why.find("iterations") != std::string::npos);
  CHECK_FALSE(parse_password_hash("pbkdf2-sha256$1000x$c2FsdFNBTFRzYWx0U0FMVA==$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=", &why));
  CHECK_FALSE(parse_password_hash("pbkdf2-sha256$1000$not base64!$vRAH/t9nw4HhCbv3RO3tXhHoDPBzMKVKCmZ5M/mYal4=", &why));
  CHECK(why.find("salt") != std::string::npos);
  CHECK_FALSE(parse_password_hash("pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$c2hvcnQ=", &why));
  CHECK(why.find("hash") != std::string::npos);
  CHECK_FALSE(parse_password_hash("pbkdf2-sha256$1000$c2FsdFNBTFRzYWx0U0FMVA==$vRAH$extra", &why));
}

TEST_CASE("base64 round-trips every padding length") {
  for (std::string s : {"a", "ab", "abc", "abcd", "网格"}) {
    std::vector<unsigned char> bytes(s.begin(), s.end());
    auto back = from_base64(base64(bytes));
    REQUIRE(back);
    CHECK(*back == bytes);
  }
  CHECK(base64({'a', 'b'}) == "YWI=");
  CHECK_FALSE(from_base64("YWI"));
  CHECK_FALSE(from_base64(""));
}
