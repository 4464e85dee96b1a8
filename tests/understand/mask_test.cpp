#include <doctest/doctest.h>

#include "handlers/understand/understand.hpp"

using namespace gridbot::understand;

TEST_CASE("mobile numbers are masked to 138****5678") {
  CHECK(mask_sensitive("电话13812345678") == "电话138****5678");
  CHECK(mask_sensitive("电话 138 1234 5678 找我") == "电话 138 **** 5678 找我");
  CHECK(mask_sensitive("133-0991-5276") == "133-****-5276");
  CHECK(mask_sensitive("１３８１２３４５６７８") == "１３８****５６７８");
  CHECK(mask_sensitive("两个号13812345678和13999887766") == "两个号138****5678和139****7766");
}

TEST_CASE("18-digit ID numbers keep their first 6 and last 4") {
  CHECK(mask_sensitive("身份证650102199001011234") == "身份证650102********1234");
  CHECK(mask_sensitive("65010219900101123X") == "650102********123X");
}

TEST_CASE("other numbers and invalid bytes pass through") {
  CHECK(mask_sensitive("3-2-501 收到") == "3-2-501 收到");
  CHECK(mask_sensitive("订单12345678901234") == "订单12345678901234");
  CHECK(mask_sensitive("") == "");
  CHECK(mask_sensitive("a\xff") == "a\xEF\xBF\xBD");
}
