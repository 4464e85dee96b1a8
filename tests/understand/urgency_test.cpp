#include <doctest/doctest.h>

#include "handlers/understand/normalize.hpp"
#include "handlers/understand/understand.hpp"
#include "handlers/understand/urgency.hpp"

using namespace gridbot::understand;

namespace {
bool urgent(std::string_view raw) { return assess_urgency(normalize_text(raw)).urgent; }
}  // namespace

TEST_CASE("immediate risks are urgent") {
  CHECK(urgent("单元里好大一股煤气味 快叫燃气公司"));
  CHECK(urgent("地下室冒烟了 有股烧焦的味道"));
  CHECK(urgent("电梯困人了 里面有老人"));
  CHECK(urgent("电梯裡有人被困"));  // traditional
  CHECK(urgent("楼梯上有个老人晕倒了 叫不醒"));
  CHECK(urgent("家里水管爆了 水喷得到处都是"));
  CHECK(urgent("地下室进水了 水已经没过膝盖"));
  CHECK(urgent("电线杆在冒火花 小孩在旁边"));
  CHECK(urgent("河边有小孩在冰上玩 快来人"));
  CHECK(urgent("外墙瓷砖松了 摇摇欲坠"));
  CHECK(urgent("刘奶奶摔倒了 门打不开 快来人"));
}

TEST_CASE("mentions that are not an emergency now") {
  CHECK_FALSE(urgent("燃气软管老化了 还没漏气 就是担心"));
  CHECK_FALSE(urgent("隔壁小区电梯困人上新闻了"));
  CHECK_FALSE(urgent("转发：燃气使用安全小常识"));
  CHECK_FALSE(urgent("上次摔倒多亏了社区的人 谢谢你们"));
  CHECK_FALSE(urgent("灶台火苗特别小 做饭要半天"));
  CHECK_FALSE(urgent("楼道灯不亮 晚上黑"));
}

TEST_CASE("an emergency is a request, and urgency is only set on requests") {
  auto u = understand("快来人 5号楼2单元电梯卡住了 我妈被困在里面");
  CHECK(u.intent == Intent::request);
  CHECK(u.urgent);
  CHECK(u.category == "elevator");
  auto thanks = understand("电梯修好了，谢谢");
  CHECK(thanks.intent == Intent::thanks);
  CHECK_FALSE(thanks.urgent);
  CHECK_FALSE(thanks.category);
}

TEST_CASE("sewage backing up into a home with a call for help, and deep water, are serious flooding") {
  CHECK(gridbot::understand::understand("一楼下水道倒灌了，屋里全是污水，快来人").urgent);
  CHECK(gridbot::understand::understand("地下室进了齐腰深的水 东西全泡了").urgent);
  CHECK_FALSE(gridbot::understand::understand("下水道有点倒灌，味道挺大，麻烦有空来看看").urgent);
}

TEST_CASE("what is over or contained is not an emergency now; gas is never discounted by a closed valve") {
  using gridbot::understand::understand;
  CHECK_FALSE(understand("上周楼下那户着火了，家里烧没了，能不能帮他们申请救助").urgent);
  CHECK_FALSE(understand("厨房水管爆了，我已经把总阀关了，麻烦明天派人来换管子").urgent);
  CHECK(understand("厨房燃气管漏气，总阀关了还是一股煤气味").urgent);
  CHECK_FALSE(understand("电梯坏了一个星期，我们老两口困在家里下不了楼").urgent);
  CHECK(understand("电梯突然停了，我们被困在电梯里出不来").urgent);
  CHECK(understand("3号楼着火了，浓烟从窗户往外冒").urgent);
}
