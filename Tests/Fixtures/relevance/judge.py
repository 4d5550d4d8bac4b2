#!/usr/bin/env python3
"""How Tests/Fixtures/relevance/judgments.jsonl was judged, as a re-runnable record.

The grades come from the corpus files themselves (read with their own
encodings: GB18030, Big5, CSV), the generator's ground truth
(Tests/Fixtures/corpus-truth.json: unit_mentions) and the units registry
(corpus/units.txt), through the written rules below -- never from the
engine's output. docs/RELEVANCE.md explains the rules; the draft was then
read query by query and the concept word lists corrected by hand.

    python3 Tests/Fixtures/relevance/judge.py   # rewrites judgments.jsonl
"""
import csv, glob, io, json, os, re, unicodedata, collections
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ROOT = os.path.join(REPO, 'corpus')
def docs():
    out=[]
    for p in sorted(glob.glob(ROOT+'/**/*', recursive=True)):
        if os.path.isdir(p): continue
        rel=os.path.relpath(p, ROOT)
        if '/' not in rel: continue
        raw=open(p,'rb').read()
        enc='utf-8'
        if 'gb18030' in rel: enc='gb18030'
        if 'big5' in rel: enc='big5'
        text=raw.decode(enc, errors='replace')
        if rel.endswith('.jsonl'):
            for line in text.splitlines():
                if line.strip():
                    d=json.loads(line); d['file']=rel; out.append(d)
        elif rel.endswith('.csv'):
            for r in csv.DictReader(io.StringIO(text)):
                d={'id':r['受理编号'],'type':'petition','title':'','date':r['交办日期'],'region':r['行政区域'],'unit':r['被举报单位'],'category':r['污染类型'],
                   'body':'\n'.join([r['交办问题基本情况'],r['调查核实情况'],r['是否属实'],r['处理和整改情况']]),'file':rel}
                out.append(d)
        else:
            out.append({'id':rel,'type':'briefing','title':text.splitlines()[0] if text else '','unit':'','region':'','body':text,'file':rel})
    return out
def alltext(d):
    return ' '.join(str(d.get(k,'')) for k in ('title','unit','body'))

T=json.load(open(os.path.join(REPO, 'Tests', 'Fixtures', 'corpus-truth.json')))
U={}
for line in open(os.path.join(REPO, 'corpus', 'units.txt')):
    if line.startswith('#') or not line.strip(): continue
    parts=[p.strip() for p in line.split('|')]
    U[parts[0]]=[parts[0]]+[a for a in parts[1].split('、') if a]
def text(d): return ' '.join(str(d.get(k) or '') for k in ('title','unit','body'))

D = docs()
T2S = str.maketrans('瓊廠氣員頭暈噁懇環護門處陽紙來發濃據說徹鎮裝嚴與層每燈畫達縣開採砲聲過貝無時復樣區興豬養殖場橋糞難聞銷現問題彈進駐組專門值話郵箱電舉報時為應當查係於設廠鄰晚偷排員請環保門依法處碼頭揚塵濃度',
                    '琼厂气员头晕恶恳环护门处阳纸来发浓据说彻镇装严与层每灯画达县开采炮声过贝无时复样区兴猪养殖场桥粪难闻销现问题弹进驻组专门值话邮箱电举报时为应当查系于设厂邻晚偷排员请环保门依法处码头扬尘浓度')
def norm(s):
    return unicodedata.normalize('NFKC', s or '').translate(T2S)
for d in D:
    d['n_title'] = norm(d.get('title')); d['n_unit'] = norm(d.get('unit')); d['n_body'] = norm(d.get('body'))
    d['n_region'] = norm(d.get('region')); d['n_all'] = ' '.join([d['n_title'], d['n_unit'], d['n_body']])
    b = d['n_body']
    if d['type'] == 'petition':
        complaint = re.split(r'\n', b, 1)[0]
    elif d['type'] == 'rectification':
        m = re.search(r'一、问题基本情况\n(.*?)\n', b); complaint = m.group(1) if m else b[:200]
    else:
        complaint = ''
    d['n_complaint'] = d['n_title'] + ' ' + complaint
    # the unit a document is about (canonical full name)
    d['about'] = None
    for full, aliases in U.items():
        if d['n_unit'] and d['n_unit'] in [norm(a) for a in aliases]:
            d['about'] = full
BYID = {d['id']: d for d in D}

def unit_judgment(full):
    """2: the document is about the unit (its unit field is one of its names);
       1: the document mentions the unit (truth unit_mentions) but is about something else / a briefing."""
    rel = {}
    for i in T['unit_mentions'][full]:
        rel[i] = 2 if BYID[i]['about'] == full else 1
    return rel

def has(text, words): return any(w in text for w in words)
def topic_judgment(words, scope=lambda d: True, strong=lambda d: True, weak=()):
    """2: the complaint (title + first paragraph of a petition, problem paragraph of a rectification)
          uses one of the words of the concept and the document is in scope;
       1: the concept appears elsewhere in the document (investigation findings, measures, briefings)."""
    rel = {}
    for d in D:
        if not scope(d): continue
        if has(d['n_complaint'], words) and strong(d): rel[d['id']] = 2
        elif has(d['n_all'], list(words) + list(weak)): rel[d['id']] = 1
    return rel

def phrase_judgment(phrase):
    """2: the phrase occurs in the title or at least twice; 1: once in the body."""
    rel = {}
    for d in D:
        n = d['n_all'].count(phrase)
        if n == 0: continue
        rel[d['id']] = 2 if (phrase in d['n_title'] or n >= 2) else 1
    return rel

def case_judgment(case):
    """2: the document with that id; 1: documents citing it (rectifications, briefings, follow-ups)."""
    rel = {case: 2} if case in BYID else {}
    for d in D:
        if d['id'] != case and case in d['n_all']: rel[d['id']] = 1
    return rel

NOISE = ['噪音','噪声','吵','机器声','轰鸣','分贝','放炮']  # not 睡不着: odour keeps people awake too
ODOR = ['臭味','异味','恶臭','气味','臭气','刺鼻','焦糊味','油漆味','发臭','难闻']
ODOR_WEAK = ['怪味']  # well water that tastes odd: related, not a stench
DISCHARGE = ['偷排','直排','乱排','私排','偷偷排','私设排污口','暗管','直接流进']
DUST = ['灰尘','扬尘','粉尘','一层灰','都是灰','白灰','尘土']
DUST_WEAK = ['烟尘']  # smoke from kilns and boilers: related, not dust
WATER = ['污水','废水','黑水','粪水','脏水','渗滤液']
PIG_UNITS = {'赫山区兴旺生猪养殖场','南县华阁生猪养殖合作社','赫山区衡龙桥畜禽养殖小区'}
PIG = ['猪场','养猪','生猪','猪粪']
COD = ['COD','化学需氧量']
EXCEED = ['超标','超过']

def merge(*rels):
    out = {}
    for r in rels:
        for k, v in r.items(): out[k] = max(v, out.get(k, 0))
    return out

def unit_and_topic(full, words):
    """2: about the unit and its complaint uses the concept; 1: any other document about or mentioning the unit."""
    rel = {i: 1 for i in T['unit_mentions'][full]}
    for d in D:
        if d['about'] == full and has(d['n_complaint'], words): rel[d['id']] = 2
    return rel

def located(region, kind, words):
    """2: in the region, about that kind of unit, and the complaint uses the concept;
       1: in the region and about that kind of unit (another problem), or the concept named elsewhere in such a document."""
    rel = {}
    for d in D:
        if d['n_region'] != region: continue
        if not kind(d): continue
        rel[d['id']] = 2 if has(d['n_complaint'], words) else 1
    return rel

def about(*units): return lambda d: d['about'] in units or any(norm(a) in d['n_complaint'] for u in units for a in U[u][1:] if len(a) >= 4)

Q = []
def add(query, kind, rel, note=''):
    Q.append({'query': query, 'kind': kind, 'relevant': dict(sorted(rel.items())), 'note': note})

# full unit names
for u in ['益阳市金源造纸有限公司','赫山区兴旺生猪养殖场','沅江市琼湖化工有限公司','桃江县马迹塘竹木加工厂',
          '安化县东坪镇建筑工地（资江大桥项目）','益阳高新区东部新区餐厨垃圾处理厂','南县南洲镇医疗废物暂存点',
          '大通湖区金盆屠宰场','资阳区长春沥青搅拌站']:
    add(u, 'full_name', unit_judgment(u), 'documents about the unit 2, mentioning it 1')
add('南县农业农村局', 'full_name', {i: 1 for i in T['unit_mentions']['南县农业农村局']}, 'the department investigates: every mention 1')
# short and colloquial names
for q, u in [('金源纸厂','益阳市金源造纸有限公司'), ('金源造纸','益阳市金源造纸有限公司'), ('兴旺猪场','赫山区兴旺生猪养殖场'),
             ('老刘家猪场','赫山区兴旺生猪养殖场'), ('河边那个砂场码头','南县洞庭砂石码头'), ('宏达石场','桃江县宏达石材有限公司'),
             ('恒泰电子','益阳高新区恒泰电子科技有限公司'), ('龙虾厂','南县麻河口小龙虾加工厂'), ('茈湖口砂场','资阳区茈湖口砂场'),
             ('华阁猪场','南县华阁生猪养殖合作社'), ('柘溪电站','安化县柘溪水电站'), ('餐厨垃圾厂','益阳高新区东部新区餐厨垃圾处理厂'),
             ('竹子厂','桃江县马迹塘竹木加工厂')]:
    add(q, 'short_name', unit_judgment(u), 'means ' + u)
# synonyms / paraphrases
add('噪音扰民', 'synonym', topic_judgment(NOISE), 'noise concept')
add('噪声', 'synonym', topic_judgment(NOISE), 'noise concept')
add('恶臭', 'synonym', topic_judgment(ODOR, weak=ODOR_WEAK), 'odour concept')
add('异味', 'synonym', topic_judgment(ODOR, weak=ODOR_WEAK), 'odour concept')
add('气味难闻', 'synonym', topic_judgment(ODOR, weak=ODOR_WEAK), 'odour concept')
add('偷排', 'synonym', topic_judgment(DISCHARGE), 'illegal discharge concept')
add('直排 污水', 'synonym', topic_judgment(DISCHARGE, strong=lambda d: has(d['n_all'], WATER)), 'discharge of waste water')
add('养猪场', 'synonym', merge(topic_judgment(PIG), {d['id']: 2 for d in D if d['about'] in PIG_UNITS}), 'pig farms: documents about the three pig farms 2, other mentions of pigs 1')
add('生猪养殖场', 'synonym', merge(topic_judgment(PIG), {d['id']: 2 for d in D if d['about'] in PIG_UNITS}), 'pig farms')
add('灰尘', 'synonym', topic_judgment(DUST, weak=DUST_WEAK), 'dust concept')
add('化学需氧量 超标', 'synonym', {d['id']: (2 if has(d['n_all'], EXCEED) else 1) for d in D if has(d['n_all'], COD)}, 'COD named by its Chinese name; 2 when exceeding')
add('臭味 扰民', 'synonym', topic_judgment(ODOR, weak=ODOR_WEAK), 'odour concept')
# location + problem
add('赫山区 养猪场 臭味', 'location_problem', located('赫山区', about('赫山区兴旺生猪养殖场','赫山区衡龙桥畜禽养殖小区'), ODOR))
add('资阳区 造纸厂 废水', 'location_problem', located('资阳区', about('益阳市金源造纸有限公司'), WATER + DISCHARGE))
add('南县 码头 扬尘', 'location_problem', located('南县', about('南县洞庭砂石码头'), DUST))
add('桃江县 石材 粉尘', 'location_problem', located('桃江县', about('桃江县宏达石材有限公司'), DUST))
add('沅江市 化工厂 异味', 'location_problem', located('沅江市', about('沅江市琼湖化工有限公司'), ODOR))
add('安化县 工地 噪声', 'location_problem', located('安化县', about('安化县东坪镇建筑工地（资江大桥项目）'), NOISE))
add('大通湖区 屠宰场 污水', 'location_problem', located('大通湖区', about('大通湖区金盆屠宰场'), WATER))
add('资阳区 采砂船', 'location_problem', located('资阳区', about('资阳区茈湖口砂场'), ['采砂船','河砂','采砂']))
add('益阳高新区 噪音', 'location_problem', {d['id']: (2 if has(d['n_complaint'], NOISE) else 1) for d in D if d['n_region'] == '益阳高新区' and has(d['n_all'], NOISE)}, 'any noise in the district')
add('岳家桥镇 猪粪水', 'location_problem', {d['id']: (2 if has(d['n_complaint'], ['粪水','粪污']) else 1) for d in D if '岳家桥' in d['n_all'] and has(d['n_all'], ['粪','猪'])}, 'town + problem')
# exact phrases
for p, q in [('雨污分流','"雨污分流"'), ('黑臭水体','"黑臭水体"'), ('生态流量','"生态流量"'), ('私设排污口','"私设排污口"'),
             ('干湿分离','“干湿分离”'), ('边督边改','“边督边改”'), ('渗滤液调节池','"渗滤液调节池"'), ('车辆冲洗平台','"车辆冲洗平台"'),
             ('物料全部入棚入仓','“物料全部入棚入仓”')]:
    add(q, 'phrase', phrase_judgment(p), 'documents containing the phrase')
# case numbers
for c in ['D430903201805270011','X430981201910240011','D430902201801190011','T2020031202','ZG-2018-430903-011',
          'ZG-2022-430923-005','X430903202006260011','D430971201901060011']:
    add(c, 'case_number', case_judgment(c), 'the document 2, documents citing it 1')
# Traditional Chinese
add('金源紙廠', 'traditional', unit_judgment('益阳市金源造纸有限公司'))
add('興旺豬場', 'traditional', unit_judgment('赫山区兴旺生猪养殖场'))
add('瓊湖化工廠 異味', 'traditional', unit_and_topic('沅江市琼湖化工有限公司', ODOR))
add('噪聲擾民', 'traditional', topic_judgment(NOISE), 'noise concept')
add('偷排廢水', 'traditional', topic_judgment(DISCHARGE, strong=lambda d: has(d['n_all'], WATER)), 'discharge of waste water')
add('洞庭碼頭 揚塵', 'traditional', unit_and_topic('南县洞庭砂石码头', DUST))
add('宏達石場', 'traditional', unit_judgment('桃江县宏达石材有限公司'))
add('醫療廢物暫存點', 'traditional', unit_judgment('南县南洲镇医疗废物暂存点'))
# full-width and Latin/number mixtures
add('ＣＯＤ超标', 'mixed', {d['id']: (2 if has(d['n_all'], EXCEED) else 1) for d in D if has(d['n_all'], COD)}, 'COD; 2 when exceeding')
add('PM2.5 扬尘', 'mixed', merge({d['id']: 1 for d in D if has(d['n_complaint'], DUST)}, {d['id']: 2 for d in D if 'PM2.5' in d['n_all'] and has(d['n_all'], DUST)}))
add('NH3-N', 'mixed', topic_judgment(['氨氮','NH3-N']), 'ammonia nitrogen under its formula')
add('VOCs', 'mixed', topic_judgment(['VOCs','挥发性有机物','有机废气']))
add('SO2', 'mixed', topic_judgment(['SO2','二氧化硫']))
add('ＰＭ１０', 'mixed', topic_judgment(['PM10']))
add('COD 135mg/L', 'mixed', merge({d['id']: 1 for d in D if 'COD' in d['n_all']}, {d['id']: 2 for d in D if 'COD 135mg/L' in d['n_all']}), 'that measured value 2, other COD figures 1')
add('噪声 ６５分贝', 'mixed', merge({d['id']: 1 for d in D if has(d['n_complaint'], NOISE)}, {d['id']: 2 for d in D if '65分贝' in d['n_all']}), '65 dB 2, other noise complaints 1')


print(len(Q), collections.Counter(q['kind'] for q in Q))
for q in Q:
    r = q['relevant']; print(q['kind'], q['query'], len(r), sum(1 for v in r.values() if v == 2))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'judgments.jsonl'), 'w') as f:
    for q in Q:
        f.write(json.dumps({'query': q['query'], 'kind': q['kind'], 'relevant': q['relevant']}, ensure_ascii=False) + '\n')
