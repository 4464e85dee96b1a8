#include "handlers/understand/lexicon.hpp"

#include <array>

namespace gridbot::understand {
namespace {

using W = std::u32string_view;

// Categories (SCHEMA.md). Words are in simplified script: text is normalized before matching.
constexpr W drainage[] = {U"下水", U"马桶", U"地漏", U"堵", U"污水", U"化粪池", U"雨水井", U"排水", U"反水", U"返水",
                          U"倒灌", U"疏通", U"不通", U"窨井", U"排污", U"检查井", U"下水井", U"冒水", U"反味", U"通下水"};
constexpr W utilities[] = {U"停水", U"停电", U"水压", U"发黄", U"暖气", U"燃气", U"煤气", U"天然气", U"水表", U"电表",
                           U"供暖", U"热力", U"没水", U"没电", U"跳闸", U"来电", U"来水", U"电压", U"供水", U"自来水",
                           U"液化气", U"水质", U"不热", U"地暖", U"停气"};
constexpr W building_repair[] = {U"漏水", U"渗水", U"墙皮", U"屋顶", U"外墙", U"单元门", U"门禁", U"楼道灯", U"窗户",
                                 U"天花板", U"防水", U"裂缝", U"瓷砖", U"楼梯", U"扶手", U"吊顶", U"声控灯", U"水管",
                                 U"漏雨", U"脱落", U"闭门器", U"顶楼", U"房顶", U"台阶"};
constexpr W elevator[] = {U"电梯", U"梯", U"轿厢", U"维保"};
constexpr W sanitation[] = {U"垃圾", U"杂物", U"异味", U"臭", U"老鼠", U"蟑螂", U"粪便", U"狗屎", U"保洁", U"卫生",
                            U"苍蝇", U"蚊子", U"清运", U"堆放", U"泔水", U"油污", U"脏", U"破烂", U"味道"};
constexpr W noise[] = {U"噪音", U"吵", U"装修", U"广场舞", U"施工", U"音响", U"睡不着", U"扰民", U"声音", U"电钻",
                       U"砸墙", U"喇叭", U"打麻将", U"蹦", U"跑跳", U"叫个不停", U"嗡嗡", U"半夜", U"凌晨", U"大声"};
constexpr W street_order[] = {U"摆摊", U"占道", U"小摊", U"小贩", U"违建", U"违章", U"搭建", U"小广告", U"晾晒",
                              U"圈起来", U"彩钢", U"乱贴", U"三轮车", U"卖", U"棚子", U"占用人行道", U"私搭"};
constexpr W parking_traffic[] = {U"停车", U"违停", U"车位", U"僵尸车", U"红绿灯", U"堵车", U"地锁", U"挡着",
                                 U"车库", U"外来车", U"拖走", U"乱停", U"停着", U"挪车", U"路口", U"车辆", U"停在"};
constexpr W dispute[] = {U"纠纷", U"调解", U"矛盾", U"吵架", U"赔", U"评理", U"协调", U"邻居", U"对门", U"隔壁",
                         U"争执", U"不讲理", U"骂", U"闹", U"争议", U"吵起来"};
constexpr W safety_hazard[] = {U"充电", U"飞线", U"消防通道", U"护栏", U"井盖", U"防溺水", U"高空抛物", U"隐患",
                               U"危险", U"灭火器", U"消防栓", U"栏杆", U"拉线", U"电动车", U"汽油", U"溺水",
                               U"软管", U"电线", U"池塘", U"盖板", U"烧纸", U"扔东西"};
constexpr W public_security[] = {U"偷", U"盗", U"诈骗", U"骗", U"可疑", U"打架", U"醉酒", U"喝多", U"陌生人",
                                 U"报警", U"撬", U"监控", U"小偷", U"冒充", U"110", U"丢了"};
constexpr W welfare[] = {U"独居", U"老人", U"残疾", U"困难", U"助餐", U"送餐", U"养老", U"低保", U"救助", U"孤寡",
                         U"生病", U"照顾", U"没人管", U"瘫痪", U"大爷", U"奶奶", U"老太太", U"孤儿", U"五保"};
constexpr W paperwork[] = {U"证明", U"居住证", U"盖章", U"户籍", U"户口", U"办证", U"开具", U"材料", U"身份证",
                           U"手续", U"登记", U"准生", U"出生", U"迁", U"办理", U"证件"};
constexpr W policy_inquiry[] = {U"医保", U"社保", U"补贴", U"政策", U"条件", U"改造", U"就业", U"养老保险", U"报销",
                                U"申请", U"资格", U"标准", U"缴费", U"交多少", U"补助", U"退休", U"优惠"};
constexpr W property_service[] = {U"物业", U"物业费", U"保安", U"态度", U"不作为", U"管家", U"物业公司",
                                  U"没人接", U"不管", U"服务"};
constexpr W public_facility[] = {U"路灯", U"健身器材", U"树", U"坑", U"绿化", U"座椅", U"长椅", U"草坪", U"篮球",
                                 U"滑梯", U"秋千", U"地砖", U"路面", U"凉亭", U"公园", U"广场", U"步道", U"单杠",
                                 U"树枝", U"花坛"};
constexpr W suggestion[] = {U"建议", U"提个", U"希望", U"能不能多", U"可以考虑", U"最好", U"意见", U"增加", U"多装",
                            U"设置", U"搞个", U"组织"};

// Intent cues.
constexpr W followup[] = {U"还没", U"怎么还", U"上次", U"上回", U"之前", U"报的", U"反映的", U"说好的", U"有进展",
                          U"有回音", U"有下文", U"到现在", U"还是", U"又", U"啥时候来", U"什么时候到", U"什么时候来",
                          U"催", U"等了", U"一直没", U"没见人", U"没动静", U"说要来", U"说来", U"说今天", U"说下周",
                          U"修好没", U"了没", U"吗", U"报修的", U"前天", U"上周", U"昨天说", U"怎么样了", U"还在"};
constexpr W thanks[] = {U"谢谢", U"感谢", U"点赞", U"辛苦", U"好评", U"满意", U"负责", U"多亏", U"给力", U"👍",
                        U"🌹", U"🙏", U"太好了", U"及时", U"效率"};
constexpr W ack[] = {U"收到", U"已阅", U"明白", U"知道了", U"好的", U"了解", U"已知晓", U"ok", U"好嘞", U"嗯",
                     U"按时", U"准时", U"会转", U"已转告", U"已登记", U"转告"};
constexpr W spam[] = {U"扫码", U"私聊", U"加微信", U"链接", U"http", U"www", U"免费领", U"日结", U"贷款", U"代办",
                      U"包过", U"招聘", U"特价", U"优惠", U"恭喜", U"中奖", U"点击", U"进群", U"回收", U"理财",
                      U"收益", U"兼职", U"刷单", U"包邮", U"下单", U"开业", U"大酬宾", U"名额有限", U"专业",
                      U"一个电话", U"随叫随到", U"不收费", U"不收钱", U".cc", U".top", U".com", U"砍一刀",
                      U"保险", U"冻结", U"客服", U"信用卡", U"征信", U"代写", U"月薪", U"包吃包住", U"速速", U"转发领"};
constexpr W chat[] = {U"哈哈", U"大家", U"谁家", U"有没有人", U"转发", U"推荐", U"快乐", U"早上好", U"早安", U"捡到",
                      U"出售", U"免费送", U"一起", U"好漂亮", U"好看", U"好吃", U"高兴", U"谁要", U"拼车", U"团购",
                      U"有谁", U"谁知道", U"哪里能买", U"借用", U"失主", U"走丢", U"😂", U"😊", U"新闻", U"分享",
                      U"@所有人", U"通知", U"祝", U"接龙", U"哪位邻居", U"出一个", U"下棋"};
constexpr W asks_staff[] = {U"能不能", U"麻烦", U"请", U"派人", U"处理", U"管管", U"怎么办", U"找谁", U"来人",
                            U"报修", U"投诉", U"反映", U"帮忙", U"来看看", U"修一下", U"社区", U"网格员", U"物业",
                            U"有人管", U"管不管", U"求", U"咨询", U"请问", U"怎么", U"哪里", U"可以吗", U"吗",
                            U"?", U"谁来", U"赶紧", U"尽快", U"快来"};
constexpr W resolved[] = {U"修好了", U"通了", U"解决了", U"恢复了", U"拖走了", U"热了", U"亮了", U"清走了", U"办下来",
                          U"到账", U"换新", U"补上了", U"已经好了", U"不吵了", U"和好"};

constexpr std::array<WordList, 24> lists{{
    {"cat:drainage", drainage},
    {"cat:utilities", utilities},
    {"cat:building_repair", building_repair},
    {"cat:elevator", elevator},
    {"cat:sanitation", sanitation},
    {"cat:noise", noise},
    {"cat:street_order", street_order},
    {"cat:parking_traffic", parking_traffic},
    {"cat:dispute", dispute},
    {"cat:safety_hazard", safety_hazard},
    {"cat:public_security", public_security},
    {"cat:welfare", welfare},
    {"cat:paperwork", paperwork},
    {"cat:policy_inquiry", policy_inquiry},
    {"cat:property_service", property_service},
    {"cat:public_facility", public_facility},
    {"cat:suggestion", suggestion},
    {"cue:followup", followup},
    {"cue:thanks", thanks},
    {"cue:ack", ack},
    {"cue:spam", spam},
    {"cue:chat", chat},
    {"cue:asks_staff", asks_staff},
    {"cue:resolved", resolved},
}};

}  // namespace

std::span<const WordList> word_lists() { return lists; }

}  // namespace gridbot::understand
