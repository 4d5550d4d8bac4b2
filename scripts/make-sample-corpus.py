#!/usr/bin/env python3
"""Generates the sample corpus in corpus/ and its ground truth in Tests/Fixtures/corpus-truth.json.

Run from the repository root: python3 scripts/make-sample-corpus.py
Deterministic (fixed seed); the output is committed as data. The documents are written for this
project from templates and vocabulary: every unit, person and case number is invented.
"""
import csv, io, json, os, random

R = random.Random(20200915)
ROOT = "corpus"

REGIONS = {
    "资阳区": ("430902", ["长春镇", "新桥河镇", "张家塞乡", "茈湖口镇", "沙头镇", "迎风桥镇"]),
    "赫山区": ("430903", ["龙光桥街道", "笔架山乡", "兰溪镇", "沧水铺镇", "岳家桥镇", "泉交河镇", "欧江岔镇", "衡龙桥镇"]),
    "南县": ("430921", ["南洲镇", "茅草街镇", "三仙湖镇", "浪拔湖镇", "华阁镇", "麻河口镇", "武圣宫镇"]),
    "桃江县": ("430922", ["桃花江镇", "灰山港镇", "修山镇", "马迹塘镇", "大栗港镇", "武潭镇", "石牛江镇"]),
    "安化县": ("430923", ["东坪镇", "梅城镇", "小淹镇", "江南镇", "冷市镇", "烟溪镇", "柘溪镇", "平口镇"]),
    "沅江市": ("430981", ["琼湖街道", "草尾镇", "黄茅洲镇", "南大膳镇", "四季红镇", "共华镇", "泗湖山镇"]),
    "大通湖区": ("430971", ["河坝镇", "北洲子镇", "金盆镇", "千山红镇"]),
    "益阳高新区": ("430972", ["谢林港镇", "朝阳街道", "龙岭工业园", "东部新区"]),
}
VILLAGES = ["新民村", "红星村", "团结村", "长塘村", "枫林村", "白马村", "石桥村", "荷花村", "桂花村", "青山村", "沙洲村",
            "南湖村", "兴隆村", "双河村", "竹山村", "黄泥村", "光明社区", "金山社区", "河口村", "杨柳村"]

# full name, aliases (short and colloquial), region, town, kind, theme, category
UNITS = [
    ("益阳市金源造纸有限公司", ["金源纸厂", "金源造纸", "金源那个纸厂"], "资阳区", "长春镇", "造纸企业", "water", "水"),
    ("赫山区兴旺生猪养殖场", ["兴旺猪场", "兴旺养猪场", "老刘家猪场"], "赫山区", "岳家桥镇", "养殖场", "pig", "水"),
    ("南县洞庭砂石码头", ["洞庭码头", "洞庭砂石码头", "河边那个砂场码头"], "南县", "茅草街镇", "码头", "dust", "大气"),
    ("桃江县宏达石材有限公司", ["宏达石材", "宏达石场", "山上那个石场"], "桃江县", "灰山港镇", "石材加工企业", "dust", "大气"),
    ("安化县云台山黑茶厂", ["云台山茶厂", "云台茶厂"], "安化县", "江南镇", "茶叶加工企业", "smoke", "大气"),
    ("沅江市琼湖化工有限公司", ["琼湖化工", "琼湖化工厂", "那个化工厂"], "沅江市", "琼湖街道", "化工企业", "gas", "大气"),
    ("大通湖区北洲子水产养殖公司", ["北洲子水产", "北洲子鱼场"], "大通湖区", "北洲子镇", "水产养殖场", "water", "水"),
    ("益阳高新区恒泰电子科技有限公司", ["恒泰电子", "恒泰厂"], "益阳高新区", "龙岭工业园", "电子企业", "noise", "噪声"),
    ("资阳区长春沥青搅拌站", ["长春沥青站", "沥青搅拌站"], "资阳区", "长春镇", "搅拌站", "gas", "大气"),
    ("赫山区龙光桥建筑垃圾消纳场", ["龙光桥消纳场", "建筑垃圾场"], "赫山区", "龙光桥街道", "消纳场", "waste", "固废"),
    ("益阳市城市生活垃圾填埋场", ["市垃圾填埋场", "垃圾填埋场", "填埋场"], "赫山区", "笔架山乡", "垃圾填埋场", "landfill", "固废"),
    ("南县华阁生猪养殖合作社", ["华阁猪场", "华阁养殖合作社"], "南县", "华阁镇", "养殖场", "pig", "大气"),
    ("桃江县马迹塘竹木加工厂", ["马迹塘竹木厂", "竹木加工厂", "竹子厂"], "桃江县", "马迹塘镇", "竹木加工企业", "noise", "噪声"),
    ("安化县冷市锑品冶炼厂", ["冷市冶炼厂", "锑品厂", "冶炼厂"], "安化县", "冷市镇", "冶炼企业", "heavy", "土壤"),
    ("沅江市草尾镇污水处理厂", ["草尾污水处理厂", "草尾污水厂"], "沅江市", "草尾镇", "污水处理厂", "water", "水"),
    ("益阳市鑫达混凝土有限公司", ["鑫达混凝土", "鑫达搅拌站"], "益阳高新区", "谢林港镇", "搅拌站", "dust", "大气"),
    ("资阳区新桥河砖瓦厂", ["新桥河砖厂", "砖厂", "新桥河那个砖厂"], "资阳区", "新桥河镇", "砖瓦企业", "smoke", "大气"),
    ("赫山区泉交河再生资源回收站", ["泉交河回收站", "废品站"], "赫山区", "泉交河镇", "回收站", "waste", "固废"),
    ("南县麻河口小龙虾加工厂", ["麻河口虾厂", "小龙虾加工厂", "龙虾厂"], "南县", "麻河口镇", "农产品加工企业", "water", "水"),
    ("桃江县桃花江水泥有限公司", ["桃花江水泥", "水泥厂"], "桃江县", "桃花江镇", "水泥企业", "dust", "大气"),
    ("安化县柘溪水电站", ["柘溪电站", "水电站"], "安化县", "柘溪镇", "水电站", "eco", "生态"),
    ("沅江市南大膳镇农机修造厂", ["南大膳农机厂", "农机厂"], "沅江市", "南大膳镇", "机械企业", "noise", "噪声"),
    ("大通湖区金盆屠宰场", ["金盆屠宰场", "屠宰场"], "大通湖区", "金盆镇", "屠宰场", "water", "水"),
    ("益阳高新区华盛涂装有限公司", ["华盛涂装", "喷漆厂"], "益阳高新区", "朝阳街道", "涂装企业", "gas", "大气"),
    ("资阳区茈湖口砂场", ["茈湖口砂场", "采砂场"], "资阳区", "茈湖口镇", "砂场", "sand", "生态"),
    ("赫山区衡龙桥畜禽养殖小区", ["衡龙桥养殖小区", "衡龙桥猪场"], "赫山区", "衡龙桥镇", "养殖场", "pig", "水"),
    ("南县三仙湖纺织印染有限公司", ["三仙湖印染", "印染厂"], "南县", "三仙湖镇", "印染企业", "water", "水"),
    ("桃江县修山镇石煤矿", ["修山煤矿", "石煤矿"], "桃江县", "修山镇", "矿山", "heavy", "土壤"),
    ("安化县东坪镇建筑工地（资江大桥项目）", ["资江大桥工地", "大桥工地"], "安化县", "东坪镇", "建筑工地", "noise", "噪声"),
    ("沅江市四季红镇芦苇制浆厂", ["四季红制浆厂", "芦苇浆厂", "浆厂"], "沅江市", "四季红镇", "造纸企业", "water", "水"),
    ("大通湖区河坝镇饲料厂", ["河坝饲料厂", "饲料厂"], "大通湖区", "河坝镇", "饲料企业", "smoke", "大气"),
    ("益阳高新区东部新区餐厨垃圾处理厂", ["餐厨垃圾厂", "东部新区垃圾厂"], "益阳高新区", "东部新区", "固废处理企业", "landfill", "大气"),
    ("资阳区迎风桥镇石料厂", ["迎风桥石料厂", "石料厂"], "资阳区", "迎风桥镇", "石材加工企业", "dust", "大气"),
    ("赫山区兰溪米业有限公司", ["兰溪米业", "兰溪米厂"], "赫山区", "兰溪镇", "粮食加工企业", "noise", "噪声"),
    ("南县南洲镇医疗废物暂存点", ["南洲医废暂存点", "医废暂存点"], "南县", "南洲镇", "医疗废物设施", "waste", "固废"),
    ("益阳市生态环境局赫山分局", ["赫山生态环境分局", "赫山分局"], "赫山区", "", "部门", "", ""),
    ("益阳市生态环境局资阳分局", ["资阳生态环境分局", "资阳分局"], "资阳区", "", "部门", "", ""),
    ("南县农业农村局", ["南县农业局"], "南县", "", "部门", "", ""),
    ("桃江县自然资源局", ["桃江自然资源局"], "桃江县", "", "部门", "", ""),
    ("沅江市水利局", ["沅江水利局"], "沅江市", "", "部门", "", ""),
    ("益阳市城市管理和综合执法局", ["市城管执法局", "城管局"], "益阳市", "", "部门", "", ""),
]
DEPARTMENT_OF = {"资阳区": "益阳市生态环境局资阳分局", "赫山区": "益阳市生态环境局赫山分局", "南县": "南县农业农村局",
                 "桃江县": "桃江县自然资源局", "沅江市": "沅江市水利局"}
TRADITIONAL = {  # aliases written in Traditional characters (used in the Big5 file)
    "益阳市金源造纸有限公司": ["金源紙廠", "益陽市金源造紙有限公司"], "南县洞庭砂石码头": ["洞庭碼頭", "南縣洞庭砂石碼頭"],
    "沅江市琼湖化工有限公司": ["瓊湖化工廠", "沅江市瓊湖化工有限公司"], "桃江县宏达石材有限公司": ["宏達石場", "桃江縣宏達石材有限公司"],
    "赫山区兴旺生猪养殖场": ["興旺豬場", "赫山區興旺生豬養殖場"],
}
OFFICIALS = ["市生态环境局局长周建华", "市生态环境局副局长李红梅", "市委常委、常务副市长陈立新", "副市长王志强",
             "市人大常委会副主任刘卫东", "市督察办主任张晓燕", "市水利局局长杨文华", "市农业农村局局长黄海波",
             "市自然资源和规划局局长赵国庆", "市城管执法局局长吴敏"]
INSPECTORS = ["省第二生态环境保护督察组", "省第四生态环境保护督察组", "中央第五生态环境保护督察组", "省生态环境厅执法局"]

THEMES = {
    "water": dict(
        verbs=["偷排", "直排", "乱排", "私设暗管排放"], things=["黑水", "污水", "废水", "生产废水"],
        places=["门口的沟渠", "附近的河道", "资江", "南洞庭湖", "下游鱼塘", "农田灌溉渠", "志溪河"],
        effects=["水发黑发臭", "鱼塘里的鱼死了一大片", "水面漂着白沫", "稻田都被污染了", "气味难闻，晚上睡不着"],
        measure=lambda: "COD %dmg/L、氨氮 %.1fmg/L，超过排放标准" % (R.choice([86, 112, 135, 168, 240]), R.choice([12.5, 18.3, 25.6, 9.8])),
        fixes=["封堵私设排污口 2 个", "新建污水处理设施并稳定运行", "完成雨污分流改造", "安装在线监测设备并与生态环境部门联网"]),
    "pig": dict(
        verbs=["直排", "乱排", "偷排"], things=["粪污", "养殖废水", "猪粪水"],
        places=["旁边的水塘", "村里的灌溉渠", "附近农田", "屋后的小溪"],
        effects=["臭味熏人", "异味很大，窗户都不敢开", "恶臭难闻", "气味难闻，苍蝇蚊子特别多", "井水都有一股怪味"],
        measure=lambda: "出水 COD %dmg/L，氨氮 %.1fmg/L" % (R.choice([320, 460, 580]), R.choice([45.2, 62.8, 38.5])),
        fixes=["完成干湿分离和雨污分流改造", "新建沼气池 300 立方米", "粪污资源化利用配套消纳农田 200 亩", "生猪存栏量由 3000 头压减至 1200 头"]),
    "dust": dict(
        verbs=["露天堆放物料", "装卸作业不采取抑尘措施", "车辆带泥上路"], things=["灰尘", "扬尘", "粉尘"],
        places=["周边居民区", "附近学校", "国道两侧", "村里的菜地"],
        effects=["家里桌上每天一层灰", "晾的衣服都是灰", "小孩咳嗽不止", "菜叶上全是白灰"],
        measure=lambda: "厂界 PM10 浓度 %d微克/立方米，PM2.5 浓度 %d微克/立方米" % (R.choice([180, 236, 310]), R.choice([75, 96, 128])),
        fixes=["物料全部入棚入仓", "安装喷淋抑尘设施", "硬化厂区道路 3000 平方米", "设置车辆冲洗平台"]),
    "noise": dict(
        verbs=["夜间生产", "深夜施工", "通宵作业"], things=["噪音", "噪声", "机器声"],
        places=["附近小区", "周边居民", "旁边的学校"],
        effects=["吵得晚上睡不着觉", "老人小孩都受不了", "太吵了", "震得窗户响"],
        measure=lambda: "夜间厂界噪声 %d分贝，超过 2 类区标准" % R.choice([58, 62, 65, 68]),
        fixes=["高噪声设备加装隔音罩", "调整生产时间，夜间 22 时至次日 6 时停止作业", "建设隔声屏障 120 米", "更换低噪声设备"]),
    "smoke": dict(
        verbs=["烧煤冒黑烟", "焚烧废料", "锅炉废气直排"], things=["黑烟", "废气", "烟尘"],
        places=["周边居民区", "附近茶园", "村里"],
        effects=["呛得人喘不过气", "衣服上都是烟味", "天天闻到焦糊味"],
        measure=lambda: "颗粒物 %dmg/m³，SO2 %dmg/m³，超过锅炉大气污染物排放标准" % (R.choice([48, 65, 92]), R.choice([260, 410, 550])),
        fixes=["燃煤锅炉改为生物质成型燃料锅炉", "安装布袋除尘和脱硫设施", "拆除 2 台 4 吨燃煤锅炉"]),
    "gas": dict(
        verbs=["偷排废气", "无组织排放", "晚上偷偷排气"], things=["刺鼻气味", "异味", "废气", "有机废气"],
        places=["附近小区", "周边村民", "旁边的学校"],
        effects=["头晕恶心", "一股油漆味", "晚上气味特别大", "刺激眼睛流泪"],
        measure=lambda: "厂界 VOCs 浓度 %.1fmg/m³，非甲烷总烃超标 %.1f 倍" % (R.choice([4.6, 6.2, 8.8]), R.choice([0.4, 1.2, 2.1])),
        fixes=["安装活性炭吸附加催化燃烧装置", "密闭生产车间", "更换低 VOCs 含量原辅材料"]),
    "waste": dict(
        verbs=["乱堆乱放", "随意倾倒", "露天焚烧"], things=["垃圾", "固体废物", "建筑垃圾", "废旧物资"],
        places=["路边", "河堤上", "农田里", "山塘旁边"],
        effects=["下雨天流出黑水", "臭气熏天", "堆得像小山一样"],
        measure=lambda: "现场堆存固体废物约 %d 吨，未采取防渗防雨措施" % R.choice([300, 800, 1500]),
        fixes=["清运固体废物并规范处置", "建设规范化贮存库房", "建立台账和转移联单制度"]),
    "landfill": dict(
        verbs=["渗滤液外溢", "渗滤液直排", "臭气无组织排放"], things=["渗滤液", "臭气", "垃圾臭味"],
        places=["周边村庄", "下游水塘", "附近小区"],
        effects=["臭得没法住人", "水塘的水变成酱油色", "夏天臭味特别重"],
        measure=lambda: "渗滤液 COD %dmg/L，氨氮 %dmg/L" % (R.choice([1800, 2600, 3400]), R.choice([260, 410, 520])),
        fixes=["新建渗滤液处理站，日处理能力 200 吨", "作业面及时覆盖", "安装除臭喷淋系统", "渗滤液调节池加盖密闭"]),
    "heavy": dict(
        verbs=["废渣露天堆放", "废水外排"], things=["冶炼废渣", "含重金属废水", "矿渣"],
        places=["附近农田", "山下的溪沟", "村民菜地"],
        effects=["田里的禾苗长不好", "溪水颜色发红", "担心重金属超标"],
        measure=lambda: "周边土壤锑含量 %dmg/kg，砷含量 %dmg/kg" % (R.choice([86, 145, 230]), R.choice([42, 58, 75])),
        fixes=["废渣全部转移至规范渣场", "建设截洪沟和渗滤液收集池", "对受污染农田开展土壤修复"]),
    "eco": dict(
        verbs=["下泄流量不足", "违规占用岸线"], things=["生态流量", "河道"],
        places=["下游河段", "资江干流"],
        effects=["河道断流，鱼都没了", "河床露出来了"],
        measure=lambda: "下泄生态流量 %.1f立方米/秒，低于核定值" % R.choice([2.5, 3.8, 4.6]),
        fixes=["安装生态流量在线监测设施", "制定生态调度方案"]),
    "sand": dict(
        verbs=["非法采砂", "夜间偷采河砂", "超范围采砂"], things=["河砂", "采砂船"],
        places=["资江", "南洞庭湖", "河堤旁"],
        effects=["河岸都塌了", "晚上机器轰鸣", "河水浑浊"],
        measure=lambda: "现场查获采砂船 %d 艘，非法采砂约 %d 立方米" % (R.choice([2, 3, 5]), R.choice([1200, 3000, 5600])),
        fixes=["拆除采砂机具", "对河道岸线进行生态修复", "建立河道巡查制度"]),
}

docs = []          # all documents, each a dict with id, type, title, date, region, unit, category, body (+extra)
used_ids = set()
seq_by_day = {}


def new_petition_id(region, day, prefix="D"):
    code = REGIONS[region][0]
    key = (prefix, code, day)
    seq_by_day[key] = seq_by_day.get(key, 0) + 1
    pid = "%s%s%s%04d" % (prefix, code, day.replace("-", ""), seq_by_day[key] + 10)
    assert pid not in used_ids
    used_ids.add(pid)
    return pid


def rand_day(year, month_lo=1, month_hi=12):
    m = R.randint(month_lo, month_hi)
    return "%04d-%02d-%02d" % (year, m, R.randint(1, 28))


def add_days(day, months):
    y, m, d = map(int, day.split("-"))
    m += months
    while m > 12:
        y += 1
        m -= 12
    return "%04d-%02d-%02d" % (y, m, min(d, 28))


def name_variant(unit, formal=False):
    full, aliases = unit[0], unit[1]
    if formal:
        return full if R.random() < 0.8 else aliases[0]
    return R.choice([full] + aliases + aliases)


def fullwidth(text):
    out = []
    for ch in text:
        if "0" <= ch <= "9" or "A" <= ch <= "Z" or ch == ".":
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def petition_text(unit, recurring=False, after_fix=False):
    t = THEMES[unit[5]]
    region, town = unit[2], unit[3]
    village = R.choice(VILLAGES)
    name = name_variant(unit)
    verb, thing, place, effect = R.choice(t["verbs"]), R.choice(t["things"]), R.choice(t["places"]), R.choice(t["effects"])
    openers = [
        "%s%s%s村民反映：" % (region, town, village),
        "群众来电反映，",
        "来信人称，",
        "%s居民多次反映，" % town,
        "网络留言：",
        "有群众举报，",
    ]
    bodies = [
        "%s长期%s%s，排到%s，%s。" % (name, verb, thing, place, effect),
        "位于%s%s的%s经常%s，%s%s严重，%s，要求彻底查处。" % (region, town, name, verb, place, thing, effect),
        ("%s的%s不经处理就%s，%s，希望政府管一管。" % (name, thing, verb, effect)) if unit[5] in ("water", "pig", "landfill", "heavy")
        else "%s%s，%s问题突出，%s，希望政府管一管。" % (name, verb, thing, effect),
        "%s一带%s很大，源头是%s，%s，反映多次没人管。" % (place, thing, name, effect),
    ]
    text = R.choice(openers) + R.choice(bodies)
    if after_fix:
        text += R.choice(["去年说已经整改到位了，最近又开始了。", "整改销号没几个月，问题又反弹了。",
                          "之前督察组来过，当时停了一阵，现在又恢复原样。", "上次回复说已完成整改，实际根本没有改好。"])
    elif recurring:
        text += R.choice(["此前已经反映过，一直没有解决。", "这个问题反映好几年了。", ""])
    return text


def investigation(unit, truth_value):
    t = THEMES[unit[5]]
    dept = DEPARTMENT_OF.get(unit[2], "益阳市城市管理和综合执法局")
    m = t["measure"]()
    if R.random() < 0.15:
        m = fullwidth(m)
    if truth_value == "不属实":
        check = "经%s会同%s人民政府现场核查，%s生产设施运行正常，未发现%s问题，现场监测结果达标。" % (dept, unit[3] or unit[2], unit[0], R.choice(t["verbs"]))
    else:
        check = "经%s会同%s人民政府现场核查，%s存在%s问题，%s污染明显。现场采样监测：%s。" % (dept, unit[3] or unit[2], unit[0], R.choice(t["verbs"]), R.choice(t["things"]), m)
    handling = "责令%s立即停止违法行为，限期整改：%s。" % (unit[1][0], "；".join(R.sample(t["fixes"], min(2, len(t["fixes"])))))
    if truth_value != "不属实":
        handling += R.choice(["依法立案查处，处罚款 %d 万元。" % R.choice([5, 8, 12, 20, 35]), "约谈企业负责人。", "对相关责任人进行诫勉谈话。", ""])
    return check, handling, dept


def make_petition(unit, day, recurring=False, after_fix=False, prefix="D", truth_value=None):
    if truth_value is None:
        truth_value = R.choice(["属实", "属实", "基本属实", "部分属实", "不属实"]) if not after_fix else R.choice(["属实", "部分属实"])
    text = petition_text(unit, recurring, after_fix)
    check, handling, dept = investigation(unit, truth_value)
    pid = new_petition_id(unit[2], day, prefix)
    title = text.split("，")[0][:30] if R.random() < 0.3 else "关于%s%s问题的信访件" % (R.choice([unit[0]] + unit[1]), R.choice(THEMES[unit[5]]["things"]))
    body = "%s\n\n【调查核实情况】\n%s\n\n【是否属实】\n%s\n\n【处理和整改情况】\n%s" % (text, check, truth_value, handling)
    d = dict(id=pid, type="petition", title=title, date=day, region=unit[2], unit=unit[0] if R.random() < 0.7 else unit[1][0],
             category=unit[6], body=body, town=unit[3], verified=truth_value, complaint=text,
             investigation=check, handling=handling, department=dept)
    docs.append(d)
    return d


def make_rectification(unit, day, cited, fixed=True, seq=[0]):
    seq[0] += 1
    rid = "ZG-%s-%s-%03d" % (day[:4], REGIONS[unit[2]][0], seq[0])
    used_ids.add(rid)
    t = THEMES[unit[5]]
    dept = DEPARTMENT_OF.get(unit[2], "益阳市城市管理和综合执法局")
    kind = R.choice(["整改情况报告", "整改情况报告", "整改销号申请"]) if fixed else "整改方案"
    problem = "%s存在%s问题，周边%s污染突出，群众反映强烈。" % (unit[0], R.choice(t["verbs"]), R.choice(t["things"]))
    measures = R.sample(t["fixes"], min(3, len(t["fixes"])))
    deadline = add_days(day, R.choice([1, 2, 3]))
    if fixed:
        progress = R.choice([
            "目前，%s。经%s组织现场验收，已完成整改，达到销号条件，申请销号。" % ("；".join(measures), dept),
            "各项整改措施已落实到位，%s。经第三方监测，各项指标稳定达标，已整改到位。" % measures[0],
            "整改任务已全部完成，经县级自验、市级抽查，同意销号。",
        ])
    else:
        progress = "整改工作正在推进中，已完成%s，其余措施按时限推进。" % measures[0]
    body = ("一、问题基本情况\n%s交办信访件（受理编号：%s）反映：%s\n\n二、整改目标\n%s%s，周边群众满意。\n\n"
            "三、整改措施\n%s\n\n四、责任单位\n%s（主体责任）；%s（监管责任）；%s人民政府（属地责任）。\n\n"
            "五、整改时限\n%s前完成。\n\n六、整改进展\n%s") % (
        R.choice(INSPECTORS), "、".join(cited), problem, unit[1][0], R.choice(["污染物稳定达标排放", "问题彻底整改", "环境风险全面消除"]),
        "\n".join("%d. %s。" % (i + 1, m) for i, m in enumerate(measures)), unit[0], dept, unit[3] or unit[2],
        deadline, progress)
    title = "关于%s%s问题的%s" % (unit[1][0], R.choice(t["things"]), kind)
    d = dict(id=rid, type="rectification", title=title, date=day, region=unit[2], unit=unit[0], category=unit[6], body=body,
             cases=cited, deadline=deadline, status="已销号" if fixed else "整改中")
    docs.append(d)
    return d


# ---------------------------------------------------------------- recurring complaint groups
polluters = [u for u in UNITS if u[5]]
groups = []
for gi, unit in enumerate(polluters):
    year = 2018 + gi % 5
    first = rand_day(year, 1, 6)
    n_before = R.choice([2, 3, 3, 4])
    days = [first] + [add_days(first, 2 * k + R.randint(0, 1)) for k in range(1, n_before)]
    before = [make_petition(unit, d, recurring=k > 0) for k, d in enumerate(days)]
    fix_day = add_days(days[-1], R.choice([2, 3]))
    recurs = gi % 3 != 2
    report = make_rectification(unit, fix_day, [p["id"] for p in before], fixed=True)
    after = []
    if recurs:
        for k in range(R.choice([1, 2, 3])):
            after.append(make_petition(unit, add_days(fix_day, 3 + 4 * k), after_fix=True, prefix="X"))
    groups.append(dict(unit=unit[0], region=unit[2], category=unit[6], petitions=[p["id"] for p in before + after],
                       rectification=report["id"], fixed_on=fix_day, petitions_after=[p["id"] for p in after]))

# ---------------------------------------------------------------- standalone petitions and reports
for k in range(185):
    unit = R.choice(polluters)
    make_petition(unit, rand_day(R.choice([2018, 2019, 2020, 2021, 2022, 2023])), prefix=R.choice("DX"))
SMALL = [("某烧烤店", "油烟", "大气", "晚上油烟和烟味飘进家里"), ("某KTV", "噪音", "噪声", "唱歌声音到凌晨两点"),
         ("某洗车店", "污水", "水", "洗车水直接流进下水道"), ("某装修工地", "噪声", "噪声", "早上六点就开始电钻")]
for k in range(20):
    region = R.choice(list(REGIONS))
    town = R.choice(REGIONS[region][1])
    who, thing, cat, effect = R.choice(SMALL)
    day = rand_day(R.choice([2019, 2020, 2021, 2022]))
    text = "%s%s居民反映，%s%s扰民，%s。" % (region, town, who, thing, effect)
    docs.append(dict(id=new_petition_id(region, day), type="petition", title="%s%s%s扰民" % (town, who, thing), date=day,
                     region=region, unit="", category=cat, town=town, verified="属实",
                     body=text + "\n\n【调查核实情况】\n经%s人民政府现场核查，反映问题属实。\n\n【是否属实】\n属实\n\n【处理和整改情况】\n已责令整改，问题已解决。" % town))
for k in range(25):
    unit = R.choice(polluters)
    cited = [d["id"] for d in docs if d["type"] == "petition" and d.get("unit") in (unit[0], unit[1][0])][:2]
    make_rectification(unit, rand_day(R.choice([2019, 2020, 2021, 2022])), cited or ["D%s20190101%04d" % (REGIONS[unit[2]][0], 9000 + k)],
                       fixed=R.random() < 0.5)

# ---------------------------------------------------------------- briefings
def briefing(day, number):
    y, m, d = map(int, day.split("-"))
    items = []
    nearby = [g for g in groups if g["fixed_on"][:4] == day[:4]] or groups
    for _ in range(R.randint(3, 5)):
        kind = R.randrange(5)
        g = R.choice(nearby)
        unit = next(u for u in UNITS if u[0] == g["unit"])
        official = R.choice(OFFICIALS)
        if kind == 0:
            inspector = R.choice(INSPECTORS)
            items.append(("%s进驻益阳开展督察" % inspector,
                          "%d月%d日，%s进驻我市开展生态环境保护督察，进驻时间为 15 天。督察期间设立专门值班电话和邮政信箱，受理群众来信来电举报。%s在对接会上表示，全市上下要全力配合督察，做到边督边改、立行立改。" % (m, d, inspector, official)))
        elif kind == 1:
            total = R.randint(80, 260)
            done = R.randint(total // 2, total)
            items.append(("信访件办理进展",
                          "截至%d月%d日，督察组累计向我市交办信访件 %d 件，已办结 %d 件，其中属实 %d 件、部分属实 %d 件。共责令整改 %d 家，立案查处 %d 家，罚款 %.1f 万元，约谈 %d 人，问责 %d 人。" % (
                              m, d, total, done, done // 2, done // 5, done // 3, done // 8, R.randint(50, 600) / 1.0, R.randint(3, 30), R.randint(0, 12))))
        elif kind == 2:
            items.append(("%s%s问题整改见成效" % (unit[2], name_variant(unit, formal=True)),
                          "针对群众反映的%s问题（受理编号 %s），%s%s坚持立行立改，%s。目前该问题%s。" % (
                              R.choice(THEMES[unit[5]]["things"]), R.choice(g["petitions"]), unit[2], unit[3],
                              "；".join(R.sample(THEMES[unit[5]]["fixes"], 2)), R.choice(["已完成整改", "已整改到位", "正在加快推进", "已申请销号"]))))
        elif kind == 3:
            items.append(("%s带队督导%s" % (official.split("、")[-1], unit[2]),
                          "%d月%d日，%s带队赴%s%s，实地督导%s整改工作。%s强调，要对照问题清单逐项销号，严防问题反弹，绝不能搞“一刀切”，也不能敷衍整改、虚假整改。" % (
                              m, d, official, unit[2], unit[3], unit[0], official[-3:])))
        else:
            items.append(("市生态环境保护委员会召开会议",
                          "%d月%d日，市生态环境保护委员会召开第 %d 次全体会议，%s主持会议。会议听取了南洞庭湖生态环境专项整治、%s污染防治等工作汇报，要求各区县（市）压实属地责任，确保督察交办问题按时办结、按期销号。" % (
                              m, d, R.randint(2, 12), official, R.choice(["畜禽养殖", "砂石码头", "工业园区", "城镇污水处理", "黑臭水体"]))))
    title = "益阳市生态环境保护督察工作简报（第 %d 期）" % number
    return title, items


briefing_docs = []
for k in range(70):
    year = 2018 + k % 6
    day = rand_day(year)
    title, items = briefing(day, k % 12 + 1)
    y, m, d = map(int, day.split("-"))
    lines = ["# " + title, "", "益阳市生态环境保护督察工作领导小组办公室", "", "%d 年 %d 月 %d 日" % (y, m, d), "", "---", "", "## 【导读】", ""]
    lines += ["- ★ " + t for t, _ in items] + [""]
    for t, text in items:
        lines += ["## " + t, "", text, ""]
    briefing_docs.append(dict(day=day, title=title, markdown="\n".join(lines)))

# ---------------------------------------------------------------- write files
for sub in ("petitions", "rectifications", "briefings", "cases", "legacy"):
    os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
for name in os.listdir(ROOT):
    path = os.path.join(ROOT, name)
    if os.path.isdir(path):
        for f in os.listdir(path):
            os.remove(os.path.join(path, f))

SCHEMA = ("id", "type", "title", "date", "region", "unit", "category", "body")


def jsonl_line(d):
    out = {k: d[k] for k in SCHEMA if k in d}
    for k, v in d.items():
        if k not in SCHEMA and k not in ("complaint", "investigation", "handling"):
            out[k] = v
    return json.dumps(out, ensure_ascii=False)


petitions = sorted([d for d in docs if d["type"] == "petition"], key=lambda d: (d["date"], d["id"]))
reports = sorted([d for d in docs if d["type"] == "rectification"], key=lambda d: (d["date"], d["id"]))
# 60 petitions of 2020 go to the CSV case table, 40 of 2019 to a GB18030 file, the rest to JSON Lines by year.
csv_rows = [p for p in petitions if p["date"].startswith("2020") and "complaint" in p][:60]
gb_rows = [p for p in petitions if p["date"].startswith("2019") and p not in csv_rows][:40]
rest = [p for p in petitions if p not in csv_rows and p not in gb_rows]
for year in range(2018, 2024):
    rows = [p for p in rest if p["date"].startswith(str(year))]
    with open(os.path.join(ROOT, "petitions", "petitions-%d.jsonl" % year), "w", encoding="utf-8") as f:
        f.writelines(jsonl_line(p) + "\n" for p in rows)
with open(os.path.join(ROOT, "legacy", "petitions-2019-gb18030.jsonl"), "wb") as f:
    f.write("".join(jsonl_line(p) + "\r\n" for p in gb_rows).encode("gb18030"))
with open(os.path.join(ROOT, "rectifications", "rectifications.jsonl"), "w", encoding="utf-8") as f:
    f.writelines(jsonl_line(r) + "\n" for r in reports)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(["受理编号", "交办日期", "交办问题基本情况", "行政区域", "被举报单位", "污染类型", "调查核实情况", "是否属实", "处理和整改情况"])
for p in csv_rows:
    w.writerow([p["id"], p["date"], p["complaint"], p["region"], p["unit"], p["category"], p["investigation"], p["verified"], p["handling"]])
with open(os.path.join(ROOT, "cases", "2020-交办信访件办理情况.csv"), "w", encoding="utf-8") as f:
    f.write(buf.getvalue())
for k, b in enumerate(briefing_docs):
    ext = "md" if k % 3 else "txt"
    text = b["markdown"] if ext == "md" else b["markdown"].replace("# ", "").replace("## ", "").replace("- ★ ", "★ ")
    if k % 7 == 0 and ext == "md":
        text = "---\ntitle: %s\ndate: %s\ntype: briefing\nissuer: 益阳市生态环境保护督察工作领导小组办公室\n---\n\n" % (b["title"], b["day"]) + text
    name = "%s-简报-%02d.%s" % (b["day"], k + 1, ext)
    with open(os.path.join(ROOT, "briefings", name), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    b["id"] = "briefings/" + name
# Traditional-Chinese documents in Big5 (a Hong Kong investor's letters and a transcribed notice).
trad = [
    ("T2019110501", "2019-11-05", "沅江市", "沅江市瓊湖化工有限公司", "大氣",
     "本人係香港投資者，於沅江市瓊湖街道設廠。鄰近的瓊湖化工廠晚上偷偷排氣，刺鼻氣味令員工頭暈噁心，懇請環保部門依法查處。"),
    ("T2020031202", "2020-03-12", "資陽區", "益陽市金源造紙有限公司", "水",
     "市民來信：金源紙廠的污水未經處理直排資江，河水發黑發臭，ＣＯＤ濃度據說超過８６ｍｇ／Ｌ，要求督察組徹查。"),
    ("T2020091803", "2020-09-18", "南縣", "南縣洞庭砂石碼頭", "大氣",
     "茅草街鎮居民反映：洞庭碼頭裝卸砂石揚塵嚴重，ＰＭ２．５濃度高，家中桌面每日一層灰，小孩咳嗽不止。"),
    ("T2021060704", "2021-06-07", "桃江縣", "桃江縣宏達石材有限公司", "噪聲",
     "灰山港鎮村民反映：宏達石場夜間開採放炮，噪聲超過６５分貝，老人小孩無法入睡，去年說已整改到位，如今又恢復原樣。"),
    ("T2022042005", "2022-04-20", "赫山區", "赫山區興旺生豬養殖場", "水",
     "岳家橋鎮村民反映：興旺豬場糞污直排水塘，惡臭難聞，井水也有怪味。此前已整改銷號，現在問題反彈。"),
    ("T2020101506", "2020-10-15", "益陽市", "", "",
     "通告：督察組進駐期間設立專門值班電話及郵政信箱，受理益陽市生態環境保護方面的來信來電舉報。舉報時間為每日上午八時至下午六時。"),
]
with open(os.path.join(ROOT, "legacy", "traditional-big5.jsonl"), "wb") as f:
    for tid, day, region, unit, cat, text in trad:
        d = dict(id=tid, type="petition" if unit else "briefing", title=text.split("：")[0][:20] if unit else "督察組進駐通告",
                 date=day, region=region, unit=unit, category=cat, body=text, script="traditional")
        docs.append(d)
        f.write((json.dumps(d, ensure_ascii=False) + "\n").encode("big5"))
# One briefing written in GB18030 plain text (a legacy office export).
legacy_brief = briefing_docs[5]["markdown"].replace("# ", "").replace("## ", "")
with open(os.path.join(ROOT, "legacy", "2019-督察简报-gb18030.txt"), "wb") as f:
    f.write(legacy_brief.encode("gb18030"))

# ---------------------------------------------------------------- units registry and ground truth
with open(os.path.join(ROOT, "units.txt"), "w", encoding="utf-8") as f:
    f.write("# Units (单位) named in the sample corpus: full name | short and colloquial names | region | kind\n")
    f.write("# Names are separated by 、. A search for any name should find documents using the others (see README.md).\n")
    for u in UNITS:
        names = u[1] + (TRADITIONAL[u[0]] if u[0] in TRADITIONAL else [])
        f.write("%s | %s | %s | %s\n" % (u[0], "、".join(names), u[2], u[4]))

all_docs = [(d["id"], d["title"] + "\n" + d.get("unit", "") + "\n" + d["body"]) for d in docs]
all_docs += [(b["id"], b["markdown"]) for b in briefing_docs]
all_docs.append(("legacy/2019-督察简报-gb18030.txt", legacy_brief))
mentions = {}
for u in UNITS:
    names = [u[0]] + u[1] + (TRADITIONAL[u[0]] if u[0] in TRADITIONAL else [])
    mentions[u[0]] = sorted({i for i, text in all_docs if any(n in text for n in names)})
ids = [i for i, _ in all_docs]
assert len(ids) == len(set(ids)), "duplicate ids"
os.makedirs("Tests/Fixtures", exist_ok=True)
with open("Tests/Fixtures/corpus-truth.json", "w", encoding="utf-8") as f:
    json.dump(dict(documents=len(ids), recurring_complaints=groups, unit_mentions=mentions), f, ensure_ascii=False, indent=1)
    f.write("\n")
print("documents:", len(ids), "groups:", len(groups))
