/// Writes one generated document as a JSON Lines record, straight into a byte buffer.
///
/// Document i depends only on (seed, i). Petitions (60%) carry a complaint,
/// investigation and handling; rectification reports (25%) cite case
/// numbers; briefings (15%) gather several items. Bodies grow to about 2 KB.
struct DocumentComposer {
  let seed: UInt64
  typealias V = GeneratorVocabulary

  func append(index: Int, to out: inout [UInt8]) {
    var rng = SplitMix64(seed: seed, index: UInt64(index))
    let region = rng.pick(V.regions)
    let town = rng.pick(region.towns)
    let kind = rng.pick(V.unitKinds)
    let stem = rng.pick(V.unitStems)
    let year = 2016 + rng.below(8)
    let month = 1 + rng.below(12)
    let day = 1 + rng.below(28)
    let date = "\(year)-\(pad(month))-\(pad(day))"
    let roll = rng.below(100)
    let type = roll < 60 ? "petition" : roll < 85 ? "rectification" : "briefing"
    let unit = region.name + stem + kind.suffix
    let shortUnit = stem + Array(kind.suffix.prefix(6))
    var body: [UInt8] = []
    body.reserveCapacity(2600)
    var title: [UInt8] = []
    let target = 1200 + rng.below(1600)
    switch type {
    case "petition":
      title = Array("关于".utf8) + shortUnit + Array("问题的信访件".utf8)
      while body.count < target {
        body += town + rng.pick(V.villages) + rng.pick(V.openers) + (rng.below(2) == 0 ? unit : shortUnit)
        body += rng.pick(V.complaint[kind.theme]) + Array("。\\n\\n【调查核实情况】\\n经现场核查，监测结果：".utf8)
        body += rng.pick(V.measure[kind.theme]) + Array("。\\n【是否属实】".utf8) + rng.pick(V.verdicts)
        body += Array("\\n【处理和整改情况】\\n责令".utf8) + shortUnit + Array("限期整改：".utf8) + rng.pick(V.fixes[kind.theme])
        body += Array("。\\n\\n".utf8)
      }
    case "rectification":
      title = Array("关于".utf8) + unit + Array("问题的整改情况报告".utf8)
      var n = 0
      while body.count < target {
        n += 1
        body += Array("受理编号 D\(region.code)\(year)\(pad(month))\(pad(day))\(pad4(rng.below(10000)))，".utf8)
        body += Array("反映".utf8) + shortUnit + rng.pick(V.complaint[kind.theme]) + Array("。整改措施\(n)：".utf8)
        body += rng.pick(V.fixes[kind.theme]) + Array("；责任单位：".utf8) + unit + Array("。整改进展：".utf8)
        body += rng.pick(V.progress) + Array("\\n".utf8)
      }
    default:
      title = Array("益阳市生态环境保护督察工作简报（第 \(1 + rng.below(30)) 期）".utf8)
      while body.count < target {
        body += Array("\(month)月\(1 + rng.below(28))日，".utf8) + rng.pick(V.officials) + rng.pick(V.surnames) + rng.pick(V.givenNames)
        body += Array("带队赴".utf8) + region.name + town + Array("督导".utf8) + unit + Array("整改工作。".utf8)
        body += rng.pick(V.briefingItems) + Array("\\n\\n".utf8)
      }
    }
    let id: String
    switch type {
    case "petition": id = "G\(region.code)\(year)\(pad(month))\(pad(day))\(pad8(index))"
    case "rectification": id = "GZG-\(year)-\(pad8(index))"
    default: id = "GJB-\(year)-\(pad8(index))"
    }
    out += Array("{\"id\":\"\(id)\",\"type\":\"\(type)\",\"title\":\"".utf8) + title
    out += Array("\",\"date\":\"\(date)\",\"region\":\"".utf8) + region.name + Array("\",\"unit\":\"".utf8)
    out += type == "briefing" ? [] : unit
    out += Array("\",\"category\":\"".utf8) + kind.category + Array("\",\"body\":\"".utf8) + body
    out += Array("\",\"town\":\"".utf8) + town + Array("\"}\n".utf8)
  }

  private func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
  private func pad4(_ v: Int) -> String { String(String(v + 10000).suffix(4)) }
  private func pad8(_ v: Int) -> String { String(String(v + 100_000_000).suffix(8)) }
}
