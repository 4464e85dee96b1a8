#include "handlers/understand/hazard_stems.hpp"

namespace gridbot::understand {
namespace {

using W = std::u32string_view;

// --- gas: the fuel named, and it smelled or escaping.
constexpr W gas_things[] = {U"燃气", U"煤气", U"天然气", U"液化气", U"瓦斯", U"气罐"};
constexpr W gas_states[] = {U"味", U"漏气", U"泄漏", U"泄露", U"在漏", U"漏了", U"有漏", U"漏出", U"跑气",
                            U"冒气", U"往外冒", U"呲", U"嘶", U"满屋", U"熏", U"呛", U"爆炸", U"挖破", U"挖断",
                            U"弄破", U"重", U"浓", U"冲", U"飘"};

// Carbon monoxide from a coal stove or a water heater: the people are already poisoned.
constexpr W poisoning[] = {U"煤气中毒", U"一氧化碳", U"燃气中毒"};

// --- fire and smoke.
constexpr W fire_alone[] = {U"着火", U"起火", U"失火", U"冒火", U"窜火", U"火光", U"大火", U"火势", U"烧起来",
                            U"着起来", U"燃起来", U"全是火", U"浓烟", U"黑烟", U"火着了", U"充电着了", U"炸了", U"爆炸"};
// A burning smell alone may be a pan left on the stove: urgent when the writer is alarmed.
constexpr W burning_smell[] = {U"焦糊味", U"烧焦", U"焦味", U"烧塑料的味", U"胶皮味"};
constexpr W flame_things[] = {U"火苗", U"火焰", U"火舌"};
constexpr W flame_states[] = {U"窜", U"蹿", U"高", U"大", U"冒出", U"往外"};
constexpr W smoke_things[] = {U"烟"};
constexpr W smoke_states[] = {U"冒", U"全是", U"满", U"越来越大", U"呛", U"看不清", U"往外", U"滚"};
constexpr W not_smoke[] = {U"烟头", U"烟味", U"烟花", U"香烟", U"抽烟", U"吸烟", U"烟囱", U"烟酒", U"烟盒",
                           U"油烟机", U"油烟"};
constexpr W burning_things[] = {U"垃圾", U"柴", U"车", U"电瓶", U"电线", U"屋", U"厨房", U"锅", U"草"};
constexpr W burning_states[] = {U"着了", U"烧着", U"烧了起来", U"烧到"};

// --- water: a burst pipe or water coming into homes.
constexpr W pipe_things[] = {U"水管", U"管子", U"管道", U"进水管", U"暖气管", U"水龙头", U"阀门", U"暖气片"};
constexpr W pipe_states[] = {U"爆", U"崩", U"断了", U"裂开", U"喷", U"往外冲", U"哗哗", U"止不住", U"关不上",
                             U"关不住"};
constexpr W flood_things[] = {U"水", U"污水", U"粪水"};
constexpr W flood_states[] = {U"淹到", U"淹了", U"淹过", U"没过", U"齐腰", U"齐膝", U"大腿", U"膝盖", U"半米",
                              U"米深", U"漫过门槛", U"往屋里灌", U"往屋里流", U"往屋里涌", U"进屋", U"灌进",
                              U"往里灌", U"倒灌进", U"还在涨", U"越涨越高", U"往下浇", U"满屋", U"流到门外",
                              U"漫到客厅", U"漫到卧室", U"进了家", U"进了", U"进家", U"往家里灌", U"到小腿",
                              U"没过小腿", U"哗哗", U"往下哗哗流", U"灯里都是水", U"漫到床", U"到腰"};

// Sewage or water rising, urgent when the writer is calling for help now.
constexpr W rising_water[] = {U"倒灌", U"漫进", U"冒水", U"往外冒", U"往上翻", U"往外翻", U"进水", U"漫到"};

// --- electricity.
constexpr W electric_alone[] = {U"漏电", U"触电", U"被电了", U"电了一下", U"麻手", U"电到", U"火花", U"火星",
                                U"电线落地"};
constexpr W wire_things[] = {U"电线", U"电缆", U"高压线", U"电表箱", U"配电", U"电箱", U"插座", U"变压器"};
// Bare live wires are an emergency where children or passers-by can reach them
// (ANNOTATION.md); otherwise only when down, sparking or smoking.
constexpr W bare[] = {U"露在外面", U"裸露", U"露着", U"露出来", U"都露"};
constexpr W wire_states[] = {U"断", U"落地", U"掉", U"耷拉", U"冒烟", U"冒火", U"烧", U"轰", U"搭在", U"拖在地",
                             U"压在", U"爆"};

// --- structure and falling objects (people must be underneath or passing).
// A part of an occupied building that is about to come down endangers whoever is under it.
constexpr W building_parts[] = {U"外墙", U"女儿墙", U"瓷砖", U"磁砖", U"窗", U"玻璃", U"吊顶", U"天花板",
                                U"楼板", U"雨棚", U"阳台", U"屋檐", U"水泥", U"混凝土", U"门头", U"招牌",
                                U"广告牌", U"空调外机", U"外机", U"热水器", U"花盆", U"脚手架", U"塔吊",
                                U"顶棚", U"保温层", U"彩钢板", U"铁皮"};
constexpr W about_to_fall[] = {U"摇摇欲坠", U"随时会", U"随时要", U"随时可能", U"随时掉", U"随时砸", U"要掉",
                               U"快掉", U"会掉下", U"悬着", U"悬在", U"挂在外面", U"挂在半空", U"吊在外面",
                               U"吊在半空", U"斜下来", U"要塌", U"快塌", U"要倒", U"在那晃", U"晃悠",
                               U"剩下一大块", U"斜挂", U"断了一边", U"往外斜", U"锈断"};
constexpr W falling_things[] = {U"水泥", U"混凝土", U"瓷砖", U"磁砖", U"砖", U"窗", U"玻璃", U"吊顶", U"天花板",
                                U"楼板", U"顶棚", U"雨棚", U"热水器", U"空调外机", U"外机", U"架子", U"门头",
                                U"招牌", U"广告牌", U"树", U"枝", U"女儿墙", U"外墙", U"阳台", U"花盆", U"屋檐",
                                U"护栏", U"脚手架", U"塔吊", U"钢筋", U"钢管", U"吊车", U"一捆"};
// Coming down now; what already fell without more hanging ("掉下来两块") is a repair.
constexpr W falling_states[] = {U"摇摇欲坠", U"随时", U"要掉", U"快掉", U"会掉", U"往下掉", U"还在掉",
                                U"一直掉", U"悬着", U"悬在", U"挂在外面", U"挂在半空", U"吊在外面", U"吊在半空",
                                U"斜下来", U"要倒", U"倾斜", U"要塌", U"快塌", U"掀", U"断裂", U"劈", U"斜了",
                                U"边倒", U"往下倒", U"翻起来", U"挂在框上", U"快倒", U"歪向", U"上面晃", U"往下沉", U"压在"};
constexpr W coming_down[] = {U"摇摇欲坠", U"随时会塌", U"随时要塌", U"随时会掉", U"随时要掉", U"随时掉下来",
                             U"快塌了", U"要塌了"};

// --- entrapment.
constexpr W trapped_alone[] = {U"困人", U"被困", U"困在", U"困住", U"困着", U"关在电梯", U"卡在电梯",
                               U"电梯里关着", U"关在里面", U"被夹在", U"夹住了", U"拔不出来", U"出不来",
                               U"压住了", U"压在下面", U"被压", U"关电梯里", U"扒不开门", U"困了一个",
                               U"里困了", U"锁在车里", U"关在车里", U"卷进去"};
constexpr W lift_things[] = {U"电梯", U"轿厢"};
// A lift door that will not open is only an entrapment with someone inside ("在里面").
constexpr W lift_states[] = {U"卡住", U"卡在", U"关了个", U"关着人", U"关在", U"掉了一截", U"往下掉", U"下坠",
                             U"坠", U"在里面", U"里面有人", U"开一条缝", U"在里头", U"里头", U"里的老人",
                             U"里的小孩", U"里的孩子", U"里有人", U"里有个", U"里面有", U"冲顶", U"蹲底",
                             U"扒不开", U"层中间", U"楼中间", U"半中间", U"半截", U"停不下来", U"往上冲"};

// --- violence and crime in progress (must be told as happening now).
constexpr W crime_alone[] = {U"持刀", U"拿着刀", U"拿刀", U"砍人", U"追着砍", U"捅", U"行凶", U"抢劫", U"抢了",
                             U"撬门", U"撬锁", U"在撬", U"砸车", U"砸门", U"打人", U"打起来", U"打架",
                             U"打出血", U"家暴", U"掐", U"绑", U"拿着砖头", U"拿砖头", U"砸窗", U"拿棍子",
                             U"耍酒疯", U"划伤", U"砸我家", U"踹门", U"打群架", U"钢管", U"尾随", U"跟踪",
                             U"一直跟着", U"撬棍", U"正在偷", U"在偷", U"动了刀", U"动刀", U"汽油瓶"};

// Someone at home hitting a family member: "我老公又打我了", "他爸喝了酒在打孩子".
constexpr W abusers[] = {U"老公", U"丈夫", U"男人", U"前夫", U"老婆", U"媳妇", U"妻子", U"他爸", U"她爸", U"继父",
                         U"继母", U"后妈", U"儿子", U"女儿", U"公公", U"婆婆"};
constexpr W abuse_acts[] = {U"打我", U"打她", U"打孩子", U"打小孩", U"揍我", U"踢我", U"掐我", U"动手打", U"拿刀"};
constexpr W not_abuse[] = {U"打我电话", U"打我手机", U"打她电话", U"打她手机", U"打我微信"};

// --- a person in danger.
constexpr W person_alone[] = {U"晕倒", U"昏倒", U"昏迷", U"晕过去", U"倒下了", U"突然倒下", U"倒在地上",
                              U"倒在院子", U"倒在楼", U"躺在地上", U"一动不动", U"叫不醒", U"不省人事",
                              U"没有呼吸", U"没呼吸", U"抽搐", U"抽风", U"嘴唇都紫", U"嘴唇紫", U"喘不上气",
                              U"喘不过气", U"流了好多血", U"流血不止", U"头磕破", U"怕是摔了", U"有人倒地",
                              U"中风", U"说不出话", U"半边身子", U"叫她也没反应", U"叫他也没反应", U"没反应了",
                              U"满头是血"};
constexpr W alone_things[] = {U"独居", U"一个人住", U"一个人在家", U"孤寡", U"空巢", U"老人", U"大爷", U"奶奶",
                              U"阿姨", U"老太太", U"老头", U"爷爷", U"姥姥", U"姥爷", U"外婆", U"外公", U"老伴",
                              U"老母亲", U"老父亲"};
constexpr W alone_states[] = {U"敲门不应", U"敲门没人", U"敲门没反应", U"不开门", U"里面没动静", U"就没动静",
                              U"屋里没动静", U"电话也不接", U"反锁", U"没见他出门", U"没见她出门", U"没出门",
                              U"咚的一声", U"哼哼", U"敲门没人应", U"不答应", U"不吭声", U"敲门也不",
                              U"敲门不开", U"几天没见", U"没见他", U"没见她", U"突然没声", U"没接电话",
                              U"没看到她", U"没看到他", U"敲不开", U"没开门", U"没拿", U"怪味"};
constexpr W missing_things[] = {U"孩子", U"小孩", U"男孩", U"女孩", U"娃", U"老人", U"老爷子", U"老太太",
                                U"痴呆", U"大爷", U"奶奶", U"闺女", U"儿子", U"女儿"};
constexpr W missing_states[] = {U"不见了", U"走丢", U"走失", U"找不到了", U"没回来", U"没回家", U"联系不上"};
constexpr W fall_things[] = {U"摔", U"跌倒", U"跌了"};
constexpr W down_things[] = {U"老人", U"大爷", U"奶奶", U"老太太", U"坐地上", U"坐在地上", U"躺地上", U"地上"};
constexpr W down_states[] = {U"起不来", U"倒地", U"不动了"};
constexpr W fell_in[] = {U"掉进", U"掉下去", U"掉到", U"掉进去", U"掉下"};
constexpr W pits[] = {U"井", U"河", U"湖", U"塘", U"池", U"坑", U"水里", U"化粪池"};
// Life support without power.
constexpr W life_support[] = {U"制氧机", U"呼吸机", U"透析"};
constexpr W no_power[] = {U"停电", U"没电", U"断电"};
constexpr W fall_states[] = {U"起不来", U"坐不起来", U"血", U"磕破", U"不动", U"不醒", U"打不开", U"快来",
                             U"昏", U"骨折"};

// --- open water and ice, children nearby or someone in it.
constexpr W water_place_things[] = {U"冰面", U"冰上", U"河", U"湖", U"水塘", U"池塘", U"鱼塘", U"水库", U"水坑",
                                    U"积满了水", U"大坑", U"水池", U"水边", U"江边"};
constexpr W water_place_states[] = {U"掉进", U"掉下去", U"落水", U"溺水", U"冰都裂", U"冰裂", U"在滑", U"滑冰",
                                    U"玩水", U"在玩", U"边玩", U"边上玩", U"里玩", U"上玩", U"扑腾", U"沉下去",
                                    U"薄冰", U"在上面", U"冰咔", U"滑下去", U"在水里", U"开裂", U"上踢球", U"上跑"};
constexpr W drowning_alone[] = {U"溺水了", U"落水了", U"掉河里", U"掉水里", U"掉进水", U"掉进井"};

// A child or a person outside a window or at a roof's edge.
constexpr W at_height_people[] = {U"小孩", U"孩子", U"娃", U"人", U"老人"};
constexpr W at_height[] = {U"窗台外面", U"半个身子", U"爬到窗", U"爬出窗", U"楼顶边", U"天台边"};

// Someone crying for help, whatever the cause: last, so a named hazard explains it first.
constexpr W cry_for_help[] = {U"喊救命", U"呼救", U"喊叫声", U"呼喊声", U"尖叫", U"不想活", U"想不开", U"要跳楼", U"轻生", U"追着咬", U"咬出血", U"咬伤了", U"在流血"};

constexpr HazardRule rules[] = {
    {Hazard::gas, gas_things, gas_states, 12},
    {Hazard::gas, poisoning, {}, 0},
    {Hazard::fire, fire_alone, {}, 0},
    {Hazard::fire, burning_smell, {}, 0, Exposure::implied, true},
    {Hazard::fire, flame_things, flame_states, 4},
    {Hazard::fire, smoke_things, smoke_states, 5, Exposure::implied, false, not_smoke},
    {Hazard::fire, burning_things, burning_states, 4},
    {Hazard::water, pipe_things, pipe_states, 6},
    {Hazard::water, flood_things, flood_states, 14, Exposure::homes},
    {Hazard::water, rising_water, {}, 0, Exposure::implied, true},
    {Hazard::electricity, electric_alone, {}, 0},
    {Hazard::electricity, wire_things, wire_states, 6},
    {Hazard::electricity, wire_things, bare, 6, Exposure::people},
    {Hazard::structure, building_parts, about_to_fall, 16},
    {Hazard::structure, coming_down, {}, 0},
    {Hazard::structure, falling_things, falling_states, 16, Exposure::people},
    {Hazard::entrapment, trapped_alone, {}, 0},
    {Hazard::entrapment, lift_things, lift_states, 14},
    {Hazard::violence, crime_alone, {}, 0, Exposure::implied, true},
    {Hazard::violence, abuse_acts, abusers, 6, Exposure::implied, false, not_abuse},
    {Hazard::person, person_alone, {}, 0},
    {Hazard::person, alone_things, alone_states, 20},
    {Hazard::person, missing_things, missing_states, 20},
    {Hazard::person, fall_things, fall_states, 16},
    {Hazard::person, life_support, no_power, 20},
    {Hazard::person, down_things, down_states, 8},
    {Hazard::open_water, fell_in, pits, 10},
    {Hazard::open_water, drowning_alone, {}, 0},
    {Hazard::open_water, water_place_things, water_place_states, 14, Exposure::people},
    {Hazard::person, at_height_people, at_height, 12},
    {Hazard::person, cry_for_help, {}, 0},
};

constexpr W alarm[] = {U"快来", U"快点来", U"快派", U"快叫", U"快报警", U"快去", U"快想办法", U"快些来",
                       U"赶紧来", U"赶紧派", U"赶紧叫", U"赶紧打", U"赶紧联系", U"赶紧去", U"赶紧拦",
                       U"赶紧疏散", U"马上来", U"救命", U"急急急", U"很紧急", U"情况紧急", U"紧急紧急", U"很急",
                       U"好害怕", U"越来越", U"还在", U"正在", U"报警", U"报火警", U"快联系", U"快通知",
                       U"快救", U"打110", U"打了110", U"报了警", U"叫警察"};
constexpr W over[] = {U"灭了", U"扑灭", U"放出来了", U"救出来了", U"找回来了", U"找到了", U"没事了",
                      U"人也没事", U"没着火", U"不是着火", U"虚惊", U"别担心", U"别慌", U"不漏了",
                      U"已经处理好", U"处理好了", U"修好了", U"烧没了", U"说没漏", U"已经好了", U"住在亲戚家",
                      U"申请救助", U"申请临时救助", U"要掉不掉", U"晃来晃去", U"没事", U"别报警", U"事都没有",
                      U"都没事", U"原来是", U"多亏", U"出院", U"哈哈", U"没味了", U"查过了"};
// Housebound ("困在家里三天下不了楼") is a lift or welfare matter, not a person trapped now.
constexpr W housebound[] = {U"困在家"};
constexpr W past[] = {U"上次", U"上周", U"上个月", U"上礼拜", U"上星期", U"去年", U"前年", U"小时候", U"以前",
                      U"当时", U"那次", U"谢谢", U"感谢", U"案子", U"之后", U"后来", U"前天", U"之前",
                      U"着过", U"过一次", U"那时候", U"年前", U"点赞"};
constexpr W hypothetical[] = {U"万一", U"如果", U"假如", U"要是", U"会不会", U"容易", U"以防", U"防止", U"预防",
                              U"建议", U"怎么办呢", U"咋办呢", U"应该先", U"怕出事", U"隐患", U"做梦", U"梦见",
                              U"的话", U"哪个电话", U"怎么处理", U"注意什么", U"应该怎么", U"的时候千万",
                              U"万一着火", U"真着火", U"着火了咋办", U"着火了怎么办", U"还没漏", U"还没有漏"};
constexpr W drill[] = {U"演练", U"演习", U"培训", U"讲座", U"宣传"};
constexpr W news[] = {U"新闻", U"转发", U"转:", U"视频", U"电视上", U"外地", U"隔壁小区", U"隔壁区", U"小常识",
                      U"知识", U"注意事项", U"上新闻", U"报道", U"听说", U"别的社区", U"别的小区"};
// Shutting the water off ends a flood; a gas smell after closing the valve is still an emergency.
constexpr W shut_off[] = {U"把水关了", U"水关了", U"总阀关了", U"关了总阀", U"关掉总阀", U"总阀已经关",
                          U"把总阀关", U"阀门关了"};
// Not 别: it is in 特别, 别人, 区别 far more often than it negates (别担心 is an "over" cue).
constexpr W negation_words[] = {U"没", U"未", U"无", U"不是"};

// People near the danger. Bare 人 is not here: 派人/找人/来人 ask for staff, not say who is exposed.
constexpr W people_words[] = {U"行人", U"路人", U"人来人往", U"有人", U"人走", U"人经过", U"人行道", U"人多",
                              U"人群", U"小孩", U"孩子", U"娃", U"小朋友", U"老人", U"学生", U"阿姨", U"大爷",
                              U"奶奶", U"幼儿园", U"学校", U"路过", U"过路", U"经过", U"走过", U"进出",
                              U"进进出出", U"上下楼", U"砸人", U"砸到人", U"砸伤", U"跳舞", U"住户", U"邻居",
                              U"人很多", U"很多人", U"好多人", U"人特别多", U"等车", U"人不少", U"初中生", U"中学生", U"高中生", U"住着人", U"底下好像有人", U"有人在里面"};
// Where water endangers people: inside homes, cellars and garages, or deep enough to wade.
constexpr W home_words[] = {U"屋", U"家", U"室", U"楼", U"车库", U"门口", U"门槛", U"客厅", U"卧室", U"膝盖",
                            U"腰", U"大腿", U"老人", U"孩子", U"住户", U"配电", U"地下室"};

}  // namespace

std::span<const HazardRule> hazard_rules() { return rules; }
Stems alarm_cues() { return alarm; }
Stems over_cues() { return over; }
Stems past_cues() { return past; }
Stems hypothetical_cues() { return hypothetical; }
Stems drill_cues() { return drill; }
Stems news_cues() { return news; }
Stems shut_off_cues() { return shut_off; }
Stems housebound_cues() { return housebound; }
Stems negations() { return negation_words; }
Stems people() { return people_words; }
Stems homes() { return home_words; }

}  // namespace gridbot::understand
