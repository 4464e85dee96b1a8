#include <doctest/doctest.h>

#include <limits>

#include "handlers/understand/classifier.hpp"
#include "handlers/understand/corpus.hpp"
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
  // 特别 is not a denial, and a smell "not yet" or "gone" is.
  CHECK(urgent("一进单元门就闻到特别冲的煤气味"));
  CHECK_FALSE(urgent("暂时没闻到煤气味 就是软管有点旧"));
  CHECK_FALSE(urgent("燃气公司来查过了 现在没味了"));
  // A lift door that will not open is an entrapment only with someone inside.
  CHECK_FALSE(urgent("电梯修好一天又坏了 这回是门打不开"));
  CHECK(urgent("电梯停在五楼和六楼中间 里面有三个孩子在喊"));
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

namespace {
Hazard hazard_of(std::string_view raw) { return assess_urgency(normalize_text(raw)).kind; }
bool has_cue(std::string_view raw, std::string_view factor) {
  const auto a = assess_urgency(normalize_text(raw));
  for (size_t i = 0; i < a.cue_count; ++i)
    if (a.cues[i].factor == factor) return true;
  return false;
}
}  // namespace

TEST_CASE("a crime in progress with a call for the police is urgent; the same words told afterwards are not") {
  for (const char* text : {"楼下有人拿着刀追人 快报警", "樓下有人拿著刀追人，快報警！", "有人在撬邻居家的门 我已经报警了",
                           "楼下打架打出血了 赶紧叫警察", "有个醉汉拿砖头砸车 还在砸 快来人", "隔壁一直有人喊救命 像是家暴 快报警吧"}) {
    CAPTURE(text);
    CHECK(urgent(text));
    CHECK(hazard_of(text) == Hazard::violence);
  }
  CHECK_FALSE(urgent("上个月楼下打架那个案子 派出所有结果了吗"));
  CHECK_FALSE(urgent("昨晚有人打架 后来警察来了就散了"));
  CHECK_FALSE(urgent("电动车被偷了"));  // theft is a report, not an emergency
}

TEST_CASE("something about to fall where people pass, in any word order and with words inserted") {
  for (const char* text : {"楼梯间顶上的水泥块悬着 随时会掉 上下楼的人都从下面走", "上下楼的人都从下面走 楼梯间顶上的水泥块悬着",
                           "楼梯间顶上那一大块水泥现在还悬着 人天天从下面走", "窗扇吊在外面晃悠 下面是小孩玩的地方",
                           "热水器的架子锈了 热水器都斜下来了 下面是人行道", "外墙瓷砖松了 摇摇欲坠"}) {
    CAPTURE(text);
    CHECK(urgent(text));
    CHECK(hazard_of(text) == Hazard::structure);
  }
  // Nobody underneath, or already down with nothing more hanging: a repair.
  CHECK_FALSE(urgent("停车场那棵枯树的枝子要掉 底下只停着车 没人走"));
  CHECK(has_cue("停车场那棵枯树的枝子要掉 底下只停着车 没人走", "unexposed"));
  CHECK_FALSE(urgent("卫生间的瓷砖掉下来两块 差点砸到孩子"));
  CHECK_FALSE(urgent("窗台上的花盆风大的时候晃来晃去 下面是人行道"));
}

TEST_CASE("children on ice or by open water, and someone in the water") {
  for (const char* text : {"河边冰面上好几个小孩在滑", "水库冰上有孩子在玩 冰都裂了", "工地的大水坑边上几个小朋友在玩水",
                           "有个孩子掉进池塘里了 快来人", "有人掉河里了 在扑腾", "鱼塘边上有小孩在玩"}) {
    CAPTURE(text);
    CHECK(urgent(text));
  }
  CHECK_FALSE(urgent("如果小孩去冰面上玩会很危险 建议多放警示牌"));
  CHECK_FALSE(urgent("小时候我们也在河上滑冰 哈哈"));
}

TEST_CASE("smoke filling a stairwell is a fire without a fire verb") {
  for (const char* text : {"楼梯间全是黑烟 看不清", "楼道里烟越来越大 呛得不行", "樓梯間全是濃煙", "地下室一直在冒烟"}) {
    CAPTURE(text);
    CHECK(urgent(text));
    CHECK(hazard_of(text) == Hazard::fire);
  }
  CHECK_FALSE(urgent("楼道里全是烟头 保洁不扫"));
  CHECK_FALSE(urgent("楼下烧烤店烟好大 哈哈"));
  CHECK_FALSE(urgent("刚才冒烟的是工地在烧焊 没着火 别担心"));
}

TEST_CASE("a person living alone not seen and not answering behind a locked door") {
  for (const char* text : {"对门独居的阿姨屋里咚的一声就没动静了 门反锁着", "楼下李大爷一个人住 三天没见他出门了 敲门不应",
                           "隔壁独居老人敲门也不开 里面灯一直亮着", "獨居的伯伯兩天沒出門了，電話也不接"}) {
    CAPTURE(text);
    CHECK(urgent(text));
    CHECK(hazard_of(text) == Hazard::person);
  }
  CHECK_FALSE(urgent("独居的刘奶奶腿脚不方便 能不能安排送餐"));
  CHECK_FALSE(urgent("老人报修三天了 一直没动静"));
}

TEST_CASE("false alarms: over, hypothetical, a 119 call with no hazard, a drill, news") {
  for (const char* text : {"昨天电梯困人 维保十分钟就到了 人没事 谢谢", "上周着火那家的火早就灭了 能不能帮他们申请救助",
                           "我刚打了119问了一下 他们说燃气检查找燃气公司", "下午小区搞燃气泄漏应急演练 大家别慌",
                           "新闻说外地一个小区燃气爆炸了 大家注意", "万一着火了楼道里的电动车会堵住路",
                           "燃气软管还没有漏气 就是有点硬了", "走丢的老爷子找回来了 谢谢大家"}) {
    CAPTURE(text);
    CHECK_FALSE(urgent(text));
  }
}

TEST_CASE("the calling-for-help-now cue outweighs a past word") {
  CHECK(urgent("刚才报的电梯困人 维保还没到 里面的老人喘不上气了 快想办法"));
  CHECK(urgent("上次报的燃气味 现在越来越重了"));
  CHECK_FALSE(urgent("上次报的燃气味 燃气公司来查了 说没漏"));
}

TEST_CASE("each decision names its hazard and its cues") {
  const auto a = assess_urgency(normalize_text("楼道里好大的煤气味 快来人"));
  CHECK(a.urgent);
  CHECK(a.kind == Hazard::gas);
  REQUIRE(a.cue_count >= 2);
  CHECK(a.cues[0].factor == "hazard");
  CHECK(a.cues[0].word == U"煤气");
  CHECK(a.cues[0].second_word == U"味");
  CHECK(has_cue("楼道里好大的煤气味 快来人", "now"));
  CHECK(has_cue("上周着火的事 火早就灭了", "over"));
  CHECK(has_cue("今天消防演练 有人喊着火了", "drill"));
  CHECK(to_string(Hazard::open_water) == "open_water");
  CHECK_FALSE(assess_urgency(normalize_text("楼道灯不亮")).hazard);
}

TEST_CASE("the learned urgent score stands in for the hazard only: the happening-now cues still hold") {
  auto training = parse_corpus(embedded_dev_corpus());
  ClassifierOptions always;  // every request scores above this margin
  always.rule_urgency = false;
  always.learned_urgency_margin = -1e30f;
  const Classifier learned_only(training, always);
  CHECK(learned_only.understand("楼道灯不亮了 麻烦来修一下").urgent);
  CHECK_FALSE(learned_only.understand("上周楼下着火那家 火早就灭了 能不能帮他们申请救助").urgent);
  CHECK_FALSE(learned_only.understand("下午小区搞消防演练 请大家配合").urgent);
  CHECK(learned_only.explain("楼道灯不亮了 麻烦来修一下").learned_urgent);

  ClassifierOptions off;
  off.rule_urgency = false;
  off.learned_urgency_margin = std::numeric_limits<float>::infinity();
  const Classifier neither(training, off);
  CHECK_FALSE(neither.understand("楼道里好大的煤气味 快来人").urgent);
}

TEST_CASE("an urgent gas leak is utilities whatever else the message names") {
  for (const char* text : {"餐馆后面的液化气瓶倒了 气嗞嗞地往外冒 厨师都跑出来了", "樓下有很濃的瓦斯味，整棟樓的人都在往外跑。",
                           "楼道里燃气味越来越重 电动车也堆在这里 快来人"}) {
    CAPTURE(text);
    const auto u = understand(text);
    CHECK(u.urgent);
    CHECK(u.category == "utilities");
  }
  // Not leaking: not urgent, so the model's category stands (safety_hazard by ANNOTATION.md).
  CHECK_FALSE(understand("燃气软管老化了 还没漏气 能不能帮忙换").urgent);
}

TEST_CASE("other dangers to a person: poisoning, a threat to jump, an animal attack, a child locked in a car or on a ledge") {
  for (const char* text : {"烧煤炉子取暖 一家人头疼恶心 是不是煤气中毒了", "天台上有个人在哭 说不想活了 快来人",
                           "一条大狗追着咬小孩 腿上咬出血了", "孩子被锁在车里了 太阳底下晒着", "有个小孩爬到九楼窗台外面了",
                           "電梯停在半中間了，我兒子一個人在裡面"}) {
    CAPTURE(text);
    CHECK(urgent(text));
  }
  CHECK_FALSE(urgent("马蜂在我家窗户外面做了个窝 这个归谁管"));
  CHECK_FALSE(urgent("小区门口的奶茶店喇叭一直喊 从早喊到晚"));
  CHECK_FALSE(urgent("上回有人在天台上想不开 多亏社区的人劝下来了"));
}

TEST_CASE("a family member hitting someone at home is urgent, with a word between them (QA)") {
  CHECK(urgent("我老公又打我了 3号楼"));
  CHECK(urgent("他爸喝了酒又在打孩子"));
  CHECK(urgent("我男人刚才又动手打我"));
  CHECK_FALSE(urgent("上个月我老公打我，现在离婚了想咨询一下"));
  CHECK_FALSE(urgent("我老公打我电话说家里停水了"));
}
