#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "handlers/understand/understand.hpp"

using namespace gridbot::understand;

TEST_CASE("a blocked drain is a drainage request with its building") {
  auto u = understand("3号楼2单元下水道堵了，污水漫到楼道了");
  CHECK(u.intent == Intent::request);
  CHECK(u.category == "drainage");
  CHECK(u.building == "3");
  CHECK(u.unit == "2");
}
