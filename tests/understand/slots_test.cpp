#include <doctest/doctest.h>

#include "handlers/understand/normalize.hpp"
#include "handlers/understand/numerals.hpp"
#include "handlers/understand/slots.hpp"

using namespace gridbot::understand;

namespace {
Slots slots_of(std::string_view raw) { return extract_slots(normalize_text(raw)); }
}  // namespace

TEST_CASE("Chinese numerals") {
  CHECK(parse_chinese_number(U"三") == 3);
  CHECK(parse_chinese_number(U"十") == 10);
  CHECK(parse_chinese_number(U"十二") == 12);
  CHECK(parse_chinese_number(U"二十一") == 21);
  CHECK(parse_chinese_number(U"一百零二") == 102);
  CHECK(parse_chinese_number(U"一二零一") == 1201);
}

TEST_CASE("buildings in every written form") {
  CHECK(slots_of("3号楼下水道堵了").building == "3");
  CHECK(slots_of("12栋的电梯坏了").building == "12");
  CHECK(slots_of("B座门禁坏了").building == "B");
  CHECK(slots_of("三号楼停电").building == "3");
  CHECK(slots_of("十二号楼后面").building == "12");
  CHECK(slots_of("３号楼漏水").building == "3");
  CHECK(slots_of("2#楼楼道").building == "2");
  CHECK(slots_of("5幢302").building == "5");
  CHECK(slots_of("樓上漏水 ３棟").building == "3");
}

TEST_CASE("floors and counts are not buildings") {
  CHECK_FALSE(slots_of("我们住3楼 楼道灯不亮").building);
  CHECK_FALSE(slots_of("我家十九楼 电梯停了").building);
  CHECK_FALSE(slots_of("这一栋楼都停电了").building);
  CHECK_FALSE(slots_of("我们这几栋楼都没水").building);
  CHECK_FALSE(slots_of("五号楼二单元三楼").room);
}

TEST_CASE("units") {
  CHECK(slots_of("3号楼2单元").unit == "2");
  CHECK(slots_of("五号楼二单元").unit == "2");
  CHECK_FALSE(slots_of("我们单元电梯坏了").unit);
}

TEST_CASE("rooms") {
  CHECK(slots_of("501室卫生间漏水").room == "501");
  CHECK(slots_of("我家1702 洗衣机排水堵了").room == "1702");
  CHECK(slots_of("7栋2单元1201").room == "1201");
  CHECK(slots_of("A座201 排风扇太吵").room == "201");
  auto s = slots_of("地漏堵了 3-2-501");
  CHECK(s.building == "3");
  CHECK(s.unit == "2");
  CHECK(s.room == "501");
  CHECK_FALSE(slots_of("2023年的物业费 交了300元").room);
  CHECK_FALSE(slots_of("我已经打了120 快来人").room);
  CHECK_FALSE(slots_of("车牌尾号368 堵在门口").room);
}

TEST_CASE("phones are taken out before rooms") {
  auto s = slots_of("暖气不热 7栋2单元1201 电话13709935512");
  CHECK(s.phone == "13709935512");
  CHECK(s.room == "1201");
  auto grouped = slots_of("吊顶掉了 九号楼三单元 电话 189 9908 4512");
  CHECK(grouped.phone == "18999084512");
  CHECK(grouped.building == "9");
  CHECK(grouped.unit == "3");
  CHECK_FALSE(grouped.room);
  CHECK(slots_of("电话１５８９４３２１０７６").phone == "15894321076");
  CHECK(slots_of("搬家 电话 133-0991-5276").phone == "13309915276");
  CHECK_FALSE(slots_of("订单号 138123456789").phone);  // 12 digits: not a mobile
}

TEST_CASE("a building number is never also the room") {
  auto s = slots_of("123号楼楼下的下水井堵了");
  CHECK(s.building == "123");
  CHECK_FALSE(s.room);
  CHECK_FALSE(slots_of("205栋 楼道灯不亮").room);
  CHECK_FALSE(slots_of("我家在 308幢 一楼 下水道堵了").room);
  CHECK_FALSE(slots_of("请问102号院的垃圾谁管").room);
  // The room is still found next to the building, or marked on its own.
  CHECK(slots_of("123号楼502室 漏水").room == "502");
  CHECK(slots_of("123号楼 2单元 1702 漏水").room == "1702");
  CHECK(slots_of("我家1702 在123号楼").room == "1702");
}

TEST_CASE("four-digit and lettered buildings") {
  CHECK(slots_of("1205号楼3单元楼道灯不亮").building == "1205");
  CHECK(slots_of("1205号楼3单元楼道灯不亮").unit == "3");
  CHECK_FALSE(slots_of("1205号楼3单元楼道灯不亮").room);
  CHECK(slots_of("2108栋电梯坏了").building == "2108");
  CHECK_FALSE(slots_of("12345号楼").building);  // five digits: not a building
  auto a = slots_of("A座2单元1803 厨房顶上渗水");
  CHECK(a.building == "A");
  CHECK(a.unit == "2");
  CHECK(a.room == "1803");
  CHECK(slots_of("B栋的电梯又停了").building == "B");
  CHECK(slots_of("b栋电梯").building == "B");
  CHECK(slots_of("Ｃ座楼下的KTV").building == "C");
  CHECK(slots_of("12棟2單元門口的垃圾").building == "12");
  CHECK(slots_of("D座 1502 漏水").room == "1502");
}

TEST_CASE("a ticket reference is never a room") {
  // "#1001", "工单1001", "1001号工单", "单号 1001" name a ticket; a follow-up about it is not at room 1001.
  for (const char* text : {"#1001 现在怎么样了", "＃1001 还在漏", "工单1001进度", "1001号工单怎么样了", "单号 1001 还没人来",
                           "#1001 我家501还在漏"}) {
    CAPTURE(std::string(text));
    const auto s = slots_of(text);
    CHECK(s.room != "1001");
  }
  CHECK(slots_of("#1001 我家501还在漏").room == "501");
  // The building marker "2#" still reads as before.
  CHECK(slots_of("2#楼楼道").building == "2");
  CHECK(slots_of("我家1702漏水").room == "1702");
}
