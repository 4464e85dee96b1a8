// The text helpers handlers read messages with.
#include <doctest/doctest.h>

#include "handlers/text_tools.hpp"

using namespace gridbot;

TEST_CASE("strip_punctuation drops spaces, ASCII and full-width marks and keeps every other character") {
  CHECK(strip_punctuation("满意！") == "满意");
  CHECK(strip_punctuation("  好的，谢谢。。。") == "好的谢谢");
  CHECK(strip_punctuation("“可以”（下午）～ok~ 👍👍") == "可以下午ok");
  CHECK(strip_punctuation("3号楼：漏水；快点？…、") == "3号楼漏水快点");
  CHECK(strip_punctuation("\u3000撤销\u3000") == "撤销");
  CHECK(strip_punctuation("满意!!! :)") == "满意");
  CHECK(strip_punctuation("") == "");
  CHECK(strip_punctuation("！，。") == "");
  // Characters that share a lead byte with a mark stay: 《 and 【 begin like 。 and ！.
  CHECK(strip_punctuation("《通知》【重要】") == "《通知》【重要】");
  // A mark right after a broken sequence is still found, the stray byte kept as it was.
  CHECK(strip_punctuation("\xE6！好") == "\xE6好");
  CHECK(strip_punctuation("好\xBC\x81") == "好\xBC\x81");  // continuation bytes alone are no mark
}
