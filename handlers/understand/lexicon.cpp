#include "handlers/understand/lexicon.hpp"

#include <array>

namespace gridbot::understand {
namespace {

using W = std::u32string_view;

// Categories (SCHEMA.md). Words are in simplified script: text is normalized before matching.
constexpr W drainage[] = {
    U"下水", U"马桶", U"地漏", U"污水", U"化粪池", U"雨水井", U"排水", U"反水", U"返水", U"倒灌", U"疏通", U"窨井", U"排污", U"检查井",
    U"下水井", U"冒水", U"反味", U"通下水", U"下不去水", U"不下水", U"冲不下去", U"抽粪", U"吸粪", U"溢出", U"漫出来", U"往上冒", U"往外冒",
    U"污水井", U"排水沟", U"阴沟", U"沟渠", U"雨水口", U"雨水篦", U"立管", U"主管道", U"管道堵", U"堵塞", U"堵死了", U"堵住了", U"马桶堵",
    U"下水道堵", U"积水", U"淹", U"粪水", U"黑水", U"臭水", U"返臭"};
constexpr W utilities[] = {
    U"停水", U"停电", U"水压", U"发黄", U"暖气", U"燃气", U"煤气", U"天然气", U"水表", U"电表", U"供暖", U"热力", U"没水", U"没电",
    U"跳闸", U"来电", U"来水", U"电压", U"供水", U"自来水", U"液化气", U"水质", U"不热", U"地暖", U"停气", U"断电", U"断水", U"供电",
    U"电力", U"线路", U"电费", U"水费", U"燃气费", U"燃气表", U"点不着", U"打不着", U"热水器", U"阀门", U"气压", U"取暖", U"取暖费",
    U"热力公司", U"暖气片", U"不出水", U"水浑", U"浑浊", U"铁锈", U"锈水", U"黄水", U"停暖", U"来暖", U"燃气公司", U"电力公司", U"供电局",
    U"自来水公司", U"漏气", U"煤气味", U"燃气味"};
constexpr W building_repair[] = {
    U"漏水", U"渗水", U"墙皮", U"屋顶", U"外墙", U"单元门", U"门禁", U"楼道灯", U"窗户", U"天花板", U"防水", U"裂缝", U"瓷砖", U"楼梯",
    U"扶手", U"吊顶", U"声控灯", U"水管", U"漏雨", U"脱落", U"闭门器", U"顶楼", U"房顶", U"台阶", U"墙面", U"墙体", U"渗漏", U"滴水",
    U"发霉", U"空鼓", U"掉皮", U"掉渣", U"鼓包", U"保温层", U"外墙皮", U"防盗门", U"门锁", U"门框", U"单元门禁", U"对讲", U"楼道窗",
    U"玻璃", U"开裂", U"塌", U"钢筋", U"楼板", U"阳台", U"雨棚", U"水管爆", U"爆管", U"暖气管", U"上下水管", U"彩钢瓦"};
constexpr W elevator[] = {
    U"电梯", U"轿厢", U"维保", U"困人", U"困在", U"关在", U"被困", U"卡在", U"停在半空", U"电梯门", U"平层", U"升降", U"直梯", U"扶梯",
    U"年检", U"坠", U"下坠", U"警铃", U"层站"};
constexpr W sanitation[] = {
    U"垃圾", U"杂物", U"异味", U"臭", U"老鼠", U"蟑螂", U"粪便", U"狗屎", U"保洁", U"卫生", U"苍蝇", U"蚊子", U"清运", U"堆放",
    U"泔水", U"油污", U"脏", U"破烂", U"味道", U"垃圾桶", U"垃圾站", U"垃圾房", U"垃圾点", U"建筑垃圾", U"装修垃圾", U"清理", U"消杀",
    U"灭鼠", U"鼠", U"虫", U"臭味", U"恶臭", U"馊", U"粪", U"鸽子屎", U"鸡粪", U"死猫", U"死老鼠", U"乱堆", U"乱放", U"旧家具",
    U"纸箱", U"没人扫", U"打扫", U"清扫", U"满出来", U"发臭", U"泡沫"};
constexpr W noise[] = {
    U"噪音", U"吵", U"装修", U"广场舞", U"施工", U"音响", U"睡不着", U"扰民", U"声音", U"电钻", U"砸墙", U"喇叭", U"打麻将", U"蹦",
    U"跑跳", U"叫个不停", U"嗡嗡", U"半夜", U"凌晨", U"大声", U"噪声", U"太吵", U"吵死", U"吵得", U"吵人", U"轰隆", U"咚咚", U"哐哐",
    U"砰砰", U"打桩", U"搅拌", U"夜间施工", U"音箱", U"放音乐", U"蹦迪", U"唱歌", U"KTV", U"ktv", U"驻唱", U"鞭炮", U"狗叫",
    U"犬吠", U"拖椅子", U"高音", U"分贝", U"炸街", U"轰油门", U"空调外机"};
constexpr W street_order[] = {
    U"摆摊", U"占道", U"小摊", U"小贩", U"违建", U"违章", U"搭建", U"小广告", U"晾晒", U"圈起来", U"彩钢", U"乱贴", U"三轮车", U"棚子",
    U"占用人行道", U"私搭", U"流动摊", U"地摊", U"摊位", U"摊贩", U"出摊", U"占道经营", U"乱搭乱建", U"私搭乱建", U"加盖", U"扩建", U"铁皮房",
    U"彩钢房", U"圈地", U"种菜", U"门头", U"招牌", U"广告牌", U"横幅", U"传单", U"牛皮癣", U"喷涂", U"城管", U"人行道", U"洗车", U"晾衣",
    U"拉绳", U"晒被子", U"店外经营", U"外摆"};
constexpr W parking_traffic[] = {
    U"停车", U"违停", U"车位", U"僵尸车", U"红绿灯", U"堵车", U"地锁", U"挡着", U"车库", U"外来车", U"拖走", U"乱停", U"停着", U"挪车",
    U"路口", U"车辆", U"停在", U"违章停车", U"乱停车", U"停车位", U"占车位", U"车位被占", U"堵门口", U"挡住", U"挡道", U"堵住出口", U"消防车",
    U"交警", U"疏导", U"减速带", U"限速", U"超速", U"车速", U"斑马线", U"过马路", U"信号灯", U"公交", U"拥堵", U"堵死", U"堵得",
    U"停车费", U"停车场", U"货车", U"三轮", U"开得飞快"};
constexpr W dispute[] = {
    U"纠纷", U"调解", U"矛盾", U"吵架", U"赔", U"评理", U"协调", U"邻居", U"对门", U"隔壁", U"争执", U"不讲理", U"骂", U"闹",
    U"争议", U"吵起来", U"不认账", U"不肯赔", U"不赔", U"赔偿", U"赔钱", U"索赔", U"说理", U"理论", U"说和", U"闹翻", U"闹矛盾", U"动手",
    U"扯皮", U"推卸", U"找麻烦", U"不讲道理", U"调解一下", U"评评理", U"房东", U"押金", U"室友", U"分家", U"婆媳", U"儿媳", U"离婚",
    U"抚养费", U"赡养", U"家暴", U"两家"};
constexpr W public_security[] = {
    U"偷", U"盗", U"诈骗", U"骗", U"可疑", U"打架", U"醉酒", U"喝多", U"陌生人", U"报警", U"撬", U"监控", U"小偷", U"冒充",
    U"110", U"被偷", U"失窃", U"盗窃", U"被盗", U"偷走", U"撬门", U"撬锁", U"入室", U"抢", U"抢劫", U"骗子", U"骗局", U"上当",
    U"被骗", U"转账", U"推销", U"假冒", U"陌生男", U"鬼鬼祟祟", U"跟踪", U"尾随", U"闹事", U"砸东西", U"打人", U"斗殴", U"持刀", U"喝醉",
    U"醉汉", U"耍酒疯", U"派出所", U"警察"};
constexpr W welfare[] = {
    U"独居", U"老人", U"残疾", U"困难", U"助餐", U"送餐", U"养老", U"低保", U"救助", U"孤寡", U"生病", U"照顾", U"没人管", U"瘫痪",
    U"大爷", U"奶奶", U"老太太", U"孤儿", U"五保", U"独居老人", U"空巢", U"孤老", U"高龄", U"失能", U"失智", U"痴呆", U"行动不便",
    U"轮椅", U"卧床", U"瘫", U"残疾人", U"残疾证", U"困难户", U"困难家庭", U"临时救助", U"特困", U"低保户", U"老年食堂", U"助浴",
    U"上门服务", U"日间照料", U"护理", U"托养", U"留守", U"单亲", U"没饭吃", U"吃不上", U"无人照顾", U"流浪", U"救济", U"帮扶", U"慰问"};
constexpr W paperwork[] = {
    U"证明", U"居住证", U"盖章", U"户籍", U"户口", U"办证", U"开具", U"材料", U"身份证", U"手续", U"登记", U"准生", U"出生", U"迁",
    U"办理", U"证件", U"开证明", U"居住证明", U"在职证明", U"无犯罪", U"亲属关系", U"未婚证明", U"死亡证明", U"出生证明", U"上户口", U"落户",
    U"迁户口", U"迁入", U"迁出", U"销户", U"户口本", U"签字", U"公章", U"办事", U"流程", U"需要什么材料", U"需要带", U"复印件", U"证明信",
    U"介绍信", U"暂住证", U"补办", U"营业执照"};
constexpr W policy_inquiry[] = {
    U"医保", U"社保", U"补贴", U"政策", U"条件", U"改造", U"就业", U"养老保险", U"报销", U"申请", U"资格", U"标准", U"缴费", U"交多少",
    U"补助", U"退休", U"优惠", U"医保卡", U"社保卡", U"养老金", U"失业金", U"失业保险", U"生育津贴", U"高龄津贴", U"津贴", U"补贴标准",
    U"领取条件", U"能领", U"能报", U"报销比例", U"异地就医", U"备案", U"城乡居民", U"合作医疗", U"新农合", U"灵活就业", U"断缴", U"补缴",
    U"公积金", U"廉租房", U"公租房", U"保障房", U"优待", U"优待证", U"惠民", U"以旧换新", U"加装电梯", U"老旧小区", U"老旧改造", U"招聘会",
    U"培训补贴", U"创业", U"入学政策", U"政策规定", U"有没有政策", U"能申请吗"};
constexpr W property_service[] = {
    U"物业", U"物业费", U"保安", U"态度", U"不作为", U"管家", U"物业公司", U"没人接", U"不管", U"服务", U"物业管理", U"物业服务",
    U"物业经理", U"物业前台", U"物业电话", U"物业人员", U"管理处", U"客服中心", U"保安亭", U"门岗", U"保洁员", U"保洁阿姨", U"业委会",
    U"业主大会", U"公共收益", U"账目", U"公示", U"收费", U"乱收费", U"涨价", U"维修基金", U"服务差", U"态度差", U"爱答不理", U"推诿",
    U"交了钱", U"交钱不办事", U"不管事", U"换物业"};
constexpr W public_facility[] = {
    U"路灯", U"健身器材", U"树", U"坑", U"绿化", U"座椅", U"长椅", U"草坪", U"篮球", U"滑梯", U"秋千", U"地砖", U"路面", U"凉亭",
    U"公园", U"广场", U"步道", U"单杠", U"树枝", U"花坛", U"路灯杆", U"灯杆", U"健身器", U"单双杠", U"漫步机", U"乒乓球台", U"篮球架",
    U"儿童乐园", U"游乐设施", U"树木", U"大树", U"倒伏", U"歪倒", U"修剪", U"枝杈", U"绿化带", U"灌木", U"休闲椅", U"公厕", U"厕所",
    U"垃圾亭", U"公交站", U"站牌", U"坑洼", U"坑坑洼洼", U"塌陷", U"人行道砖", U"栏杆", U"文化广场", U"活动广场"};
constexpr W suggestion[] = {
    U"建议", U"提个", U"希望", U"能不能多", U"可以考虑", U"最好", U"意见", U"增加", U"多装", U"设置", U"搞个", U"组织", U"提个建议",
    U"提个意见", U"我觉得可以", U"希望能", U"希望社区", U"能不能增加", U"增设", U"加装", U"多设", U"开设", U"办个", U"建一个", U"弄个",
    U"完善", U"改进", U"是不是可以", U"倡议", U"呼吁"};

// Intent cues. Dropped by cross-validation (issue 9), because they earned nothing on text they
// were not written from: follow-up, ack, chat, asks-staff and resolved cues, and the
// safety-hazard lexicon (its words are spread over every other category).
constexpr W thanks[] = {
    U"谢谢", U"感谢", U"点赞", U"辛苦", U"好评", U"满意", U"负责", U"多亏", U"给力", U"👍", U"🌹", U"🙏", U"太好了", U"及时",
    U"效率", U"五星好评", U"点个赞", U"好样的", U"服务周到", U"人很好", U"靠谱", U"暖心", U"感动", U"比心", U"❤", U"解决了", U"修好了",
    U"办好了", U"辛苦了", U"谢了", U"太感谢"};
constexpr W spam[] = {
    U"扫码", U"私聊", U"加微信", U"链接", U"http", U"www", U"免费领", U"日结", U"贷款", U"代办", U"包过", U"招聘", U"特价",
    U"优惠", U"恭喜", U"中奖", U"点击", U"进群", U"回收", U"理财", U"收益", U"兼职", U"刷单", U"包邮", U"下单", U"开业", U"大酬宾",
    U"名额有限", U"专业", U"一个电话", U"随叫随到", U"不收费", U"不收钱", U".cc", U".top", U".com", U"砍一刀", U"保险", U"冻结",
    U"客服", U"信用卡", U"征信", U"代写", U"月薪", U"包吃包住", U"速速", U"转发领", U"搬家公司",
    U"低息", U"无抵押", U"放款", U"批发", U"vx", U"加v", U"欢迎来电", U"诚信经营", U"装修公司", U"家政", U"首单", U"立减", U"特惠",
    U"折扣", U"五折", U"厂家直销", U"招代理", U"加盟", U"躺赚", U"月入", U"工资日结", U"零风险", U"稳赚", U"高价回收", U"上门回收", U"点赞领",
    U"助力"};

constexpr std::array<WordList, 18> lists{{
    {"cat:drainage", drainage},
    {"cat:utilities", utilities},
    {"cat:building_repair", building_repair},
    {"cat:elevator", elevator},
    {"cat:sanitation", sanitation},
    {"cat:noise", noise},
    {"cat:street_order", street_order},
    {"cat:parking_traffic", parking_traffic},
    {"cat:dispute", dispute},
    {"cat:public_security", public_security},
    {"cat:welfare", welfare},
    {"cat:paperwork", paperwork},
    {"cat:policy_inquiry", policy_inquiry},
    {"cat:property_service", property_service},
    {"cat:public_facility", public_facility},
    {"cat:suggestion", suggestion},
    {"cue:thanks", thanks},
    {"cue:spam", spam},
}};

}  // namespace

std::span<const WordList> word_lists() { return lists; }

}  // namespace gridbot::understand
