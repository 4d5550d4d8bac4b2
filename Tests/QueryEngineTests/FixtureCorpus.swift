import Foundation
import IndexStore
import Ingest
import TextAnalysis

/// Twenty short inspection documents with known contents, indexed into a
/// temporary directory for end-to-end tests.
enum FixtureCorpus {
  static func day(_ text: String) -> Day? { Day(iso: text) }

  static let documents: [Document] = [
    Document(id: "P01", type: "petition", title: "赫山区兴旺养猪场臭味扰民", date: day("2020-06-03"), region: "赫山区",
             unit: "益阳市赫山区兴旺生猪养殖场", category: "大气",
             body: "群众反映赫山区龙光桥镇兴旺生猪养殖场臭味很大，晚上气味难闻，影响附近居民休息。"),
    Document(id: "P02", type: "petition", title: "龙光桥镇猪场异味", date: day("2020-08-19"), region: "赫山区",
             unit: "益阳市赫山区兴旺生猪养殖场", category: "大气",
             body: "来电反映龙光桥镇一养猪场异味严重，粪污直排水沟，周边鱼塘发黑。"),
    Document(id: "P03", type: "petition", title: "养殖场恶臭问题再次被举报", date: day("2021-04-11"), region: "赫山区",
             unit: "益阳市赫山区兴旺生猪养殖场", category: "大气",
             body: "举报人称兴旺养猪场整改后仍有恶臭，夏季尤为明显。"),
    Document(id: "R01", type: "rectification", title: "兴旺生猪养殖场臭气整改情况报告", date: day("2020-12-30"),
             region: "赫山区", unit: "益阳市赫山区兴旺生猪养殖场", category: "大气",
             body: "针对信访件反映的臭味问题，养殖场新建沼气池和异位发酵床，已完成整改，经现场核查予以销号。"),
    Document(id: "P04", type: "petition", title: "金源造纸厂夜间偷排", date: day("2020-09-15"), region: "资阳区",
             unit: "益阳金源造纸有限公司", category: "水",
             body: "举报益阳金源造纸有限公司夜间偷排废水，志溪河形成黑臭水体，化学需氧量严重超标。"),
    Document(id: "P05", type: "petition", title: "志溪河黑臭", date: day("2020-10-02"), region: "资阳区",
             unit: "", category: "水",
             body: "志溪河下游河水发黑发臭，怀疑上游纸厂直排污水，COD 超标。"),
    Document(id: "R02", type: "rectification", title: "金源造纸废水整改方案", date: day("2020-11-20"), region: "资阳区",
             unit: "益阳金源造纸有限公司", category: "水",
             body: "责任单位：益阳金源造纸有限公司。整改目标：废水稳定达标排放，ＣＯＤ低于５０ｍｇ／Ｌ。整改时限：2021年3月底。"),
    Document(id: "P06", type: "petition", title: "南县砂石码头扬尘", date: day("2021-05-06"), region: "南县",
             unit: "南县茅草街砂石码头", category: "大气",
             body: "茅草街镇砂石码头装卸扬尘大，PM2.5 浓度高，附近村民意见很大。"),
    Document(id: "P07", type: "petition", title: "砂石码头夜间噪音", date: day("2021-07-21"), region: "南县",
             unit: "南县茅草街砂石码头", category: "噪声",
             body: "砂石码头夜间装卸作业噪音扰民，影响睡眠。"),
    Document(id: "P08", type: "petition", title: "沅江市化工厂異味", date: day("2022-02-14"), region: "沅江市",
             unit: "沅江市恒达化工有限公司", category: "大气",
             body: "沅江市恒達化工有限公司排放刺鼻氣味，環境保護部門應當查處。"),
    Document(id: "B01", type: "briefing", title: "益阳市督察工作简报第1期", date: day("2020-09-15"), region: "益阳市",
             unit: "益阳市环境保护督察工作领导小组办公室", category: "综合",
             body: "省生态环境保护督察组进驻益阳市，召开动员会，部署信访件办理和交办问题整改工作。"),
    Document(id: "B02", type: "briefing", title: "督察工作简报第2期", date: day("2020-09-22"), region: "益阳市",
             unit: "益阳市环境保护督察工作领导小组办公室", category: "综合",
             body: "截至9月21日，共收到群众信访举报86件，已办结52件，其中涉及养殖污染21件、噪声扰民9件。"),
    Document(id: "P09", type: "petition", title: "桃江县石材厂粉尘", date: day("2021-09-01"), region: "桃江县",
             unit: "桃江县鑫磊石材厂", category: "大气",
             body: "桃江县灰山港镇鑫磊石材厂切割粉尘很大，废水乱排。"),
    Document(id: "P10", type: "petition", title: "安化县茶厂燃煤锅炉黑烟", date: day("2022-11-03"), region: "安化县",
             unit: "安化县梅城茶叶加工厂", category: "大气",
             body: "梅城镇茶叶加工厂燃煤锅炉冒黑烟，二氧化硫气味明显。"),
    Document(id: "P11", type: "petition", title: "大通湖区水产养殖尾水", date: day("2022-06-18"), region: "大通湖区",
             unit: "", category: "水",
             body: "大通湖周边水产养殖尾水直排，湖水总磷、氨氮超标。"),
    Document(id: "P12", type: "petition", title: "资阳区垃圾填埋场渗滤液", date: day("2023-03-09"), region: "资阳区",
             unit: "益阳市城市生活垃圾填埋场", category: "水",
             body: "垃圾填埋场渗滤液外溢，周边农田受污染，气味难闻。"),
    Document(id: "R03", type: "rectification", title: "垃圾填埋场渗滤液整改情况", date: day("2023-06-30"), region: "资阳区",
             unit: "益阳市城市生活垃圾填埋场", category: "水",
             body: "渗滤液处理站扩容完成，出水氨氮、化学需氧量达标，已整改到位。"),
    Document(id: "P13", type: "petition", title: "高新区电子厂VOCs", date: day("2023-04-12"), region: "益阳高新区",
             unit: "益阳高新区华瑞电子有限公司", category: "大气",
             body: "华瑞电子车间挥发性有机物无组织排放，VOCs 在线监测超标。"),
    Document(id: "P14", type: "petition", title: "赫山区餐馆油烟", date: day("2023-07-07"), region: "赫山区",
             unit: "", category: "大气",
             body: "赫山区桃花仑街道多家餐馆油烟直排，居民窗户都是油。"),
    Document(id: "P15", type: "petition", title: "沅江市采砂船噪声", date: day("2023-08-25"), region: "沅江市",
             unit: "", category: "噪声",
             body: "南洞庭湖沅江段采砂船夜间作业噪声大，偷采河砂。"),
  ]

  /// A new temporary directory.
  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("qe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// Indexes `documents` (in one commit per `batch` documents, so several
  /// segments exist) and opens a reader.
  static func index(_ documents: [Document] = documents, batch: Int = 7,
                    analyzer: Analyzer = Analyzer()) throws -> (IndexReader, String) {
    let path = try temporaryDirectory() + "/index"
    let writer = try IndexWriter(path: path, analyzer: analyzer)
    for (number, document) in documents.enumerated() {
      _ = try writer.add(document)
      if (number + 1) % batch == 0 { try writer.commit() }
    }
    try writer.commit()
    writer.close()
    return (try IndexReader.open(path: path), path)
  }
}
