/// Inspection-style text for benchmarks when no corpus file is available.
enum GeneratedText {
  private static let sentences = [
    "群众反映赫山区龙光桥街道某养猪场粪污直排水塘，夏季异味严重，影响周边居民生活。",
    "经调查核实，该问题基本属实，责任单位已责令其限期整改并处罚款２万元。",
    "资阳区长春镇砂石码头扬尘污染，运输车辆未密闭，噪声扰民，夜间施工至２３时。",
    "南洞庭湖自然保护区内存在违规投肥养殖，水质总磷、氨氮超标，COD浓度为45mg/L。",
    "受理编号D430900202009150012，沅江市琼湖街道餐饮油烟扰民，已安装油烟净化设施。",
    "桃江县某化工厂废气偷排，VOCs和SO2排放浓度超过《大气污染物综合排放标准》限值。",
    "督察组交办的信访件已全部办结，整改到位的予以销号，未完成的实行挂牌督办。",
    "安化县东坪镇资江沿岸生活污水未经处理直排，污水处理厂提质改造工程正在推进。",
  ]

  /// `paragraphs` paragraphs of 3–8 sentences, deterministic.
  static func make(paragraphs: Int) -> String {
    var state: UInt64 = 42
    var output = ""
    for _ in 0..<paragraphs {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      let count = 3 + Int((state >> 33) % 6)
      for index in 0..<count { output += sentences[Int((state >> (index * 3 % 30)) % UInt64(sentences.count))] }
      output += "\n"
    }
    return output
  }
}
