// What a word expands to: equivalence, one-way groups, unions across groups,
// normalization and the checksum.
import Testing
import QueryEngine

/// NFKC-like folding written for the tests: full-width ASCII to half width,
/// the ideographic space to a space, subscript digits to digits, then lowercase.
let testNormalize: @Sendable (String) -> String = { text in
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
    case 0x3000: scalars.append(" ")
    case 0x2080...0x2089: scalars.append(Unicode.Scalar(scalar.value - 0x2080 + 0x30) ?? scalar)
    default: scalars.append(scalar)
    }
  }
  return String(scalars).lowercased()
}

struct SynonymExpansionTests {
  @Test func equivalenceGroupExpandsEveryMemberToTheOthersInFileOrder() throws {
    let map = try SynonymMap(text: "噪音, 噪声, 吵闹, 吵", source: "t")
    #expect(map.expansions(of: "噪音") == ["噪声", "吵闹", "吵"])
    #expect(map.expansions(of: "噪声") == ["噪音", "吵闹", "吵"])
    #expect(map.expansions(of: "吵") == ["噪音", "噪声", "吵闹"])
    #expect(map.expansions(of: "扬尘") == [])
    #expect(map.groupCount == 1)
  }

  @Test func oneWayGroupExpandsTheBroaderWordOnly() throws {
    let map = try SynonymMap(text: "养殖场 => 猪场, 养猪场, 鸡场, 牛场", source: "t")
    #expect(map.expansions(of: "养殖场") == ["猪场", "养猪场", "鸡场", "牛场"])
    #expect(map.expansions(of: "猪场") == [])
    #expect(map.expansions(of: "牛场") == [])
  }

  @Test func leftSideMembersDoNotExpandToEachOther() throws {
    let map = try SynonymMap(text: "养殖场, 养殖户 => 猪场, 鸡场", source: "t")
    #expect(map.expansions(of: "养殖场") == ["猪场", "鸡场"])
    #expect(map.expansions(of: "养殖户") == ["猪场", "鸡场"])
    #expect(map.expansions(of: "猪场") == [])
  }

  @Test func memberOfSeveralGroupsGetsTheirUnionOnceInFileOrder() throws {
    let text = """
      噪音, 噪声, 吵
      噪声扰民, 噪音扰民
      噪音, 吵闹, 噪声
      养猪场, 猪场
      养殖场 => 猪场, 养猪场, 鸡场
      养殖场 => 鸡场, 牛场
      """
    let map = try SynonymMap(text: text, source: "t")
    #expect(map.expansions(of: "噪音") == ["噪声", "吵", "吵闹"])
    #expect(map.expansions(of: "吵闹") == ["噪音", "噪声"])
    #expect(map.expansions(of: "养殖场") == ["猪场", "养猪场", "鸡场", "牛场"])
    #expect(map.expansions(of: "猪场") == ["养猪场"])
    #expect(map.groupCount == 6)
  }

  @Test func expansionIsNotTransitive() throws {
    let map = try SynonymMap(text: "臭味, 异味\n异味, 化工味", source: "t")
    #expect(map.expansions(of: "臭味") == ["异味"])
    #expect(map.expansions(of: "异味") == ["臭味", "化工味"])
  }

  @Test func phrasesAreMembersLikeWords() throws {
    let map = try SynonymMap(text: "臭味, 异味, 恶臭, 气味难闻", source: "t")
    #expect(map.expansions(of: "气味难闻") == ["臭味", "异味", "恶臭"])
    #expect(map.expansions(of: "恶臭").contains("气味难闻"))
  }

  // MARK: - Normalization

  @Test func membersAreLookedUpInNormalizedForm() throws {
    let map = try SynonymMap(text: "COD, 化学需氧量\nＮＨ３－Ｎ, 氨氮\nSO₂, 二氧化硫", source: "t",
                             normalize: testNormalize)
    for form in ["COD", "ＣＯＤ", "cod", "Cod"] {
      #expect(map.expansions(of: testNormalize(form)) == ["化学需氧量"], "\(form)")
    }
    // Expansions are members as written, for the caller to analyze.
    #expect(map.expansions(of: "化学需氧量") == ["COD"])
    #expect(map.expansions(of: testNormalize("NH3-N")) == ["氨氮"])
    #expect(map.expansions(of: "氨氮") == ["ＮＨ３－Ｎ"])
    #expect(map.expansions(of: "so2") == ["二氧化硫"])
    #expect(map.expansions(of: "二氧化硫") == ["SO₂"])
    // The groups keep the members as written.
    #expect(map.groups[1].members == ["ＮＨ３－Ｎ", "氨氮"])
  }

  @Test func defaultNormalizationLowercases() throws {
    let map = try SynonymMap(text: "VOCs, 挥发性有机物", source: "t")
    #expect(map.expansions(of: "vocs") == ["挥发性有机物"])
    #expect(map.expansions(of: "挥发性有机物") == ["VOCs"])
    #expect(map.expansions(of: "VOCs") == [])  // the caller passes lookup form
  }

  @Test func formWithPunctuationIsAlsoFoundByItsLettersAndDigits() throws {
    let map = try SynonymMap(text: "NH3-N, 氨氮\nmg/L, 毫克/升\nPM2.5, 细颗粒物", source: "t")
    #expect(map.expansions(of: "nh3-n") == ["氨氮"])
    #expect(map.expansions(of: "nh3n") == ["氨氮"])
    #expect(map.expansions(of: "mgl") == ["毫克/升"])
    #expect(map.expansions(of: "毫克升") == ["mg/L"])
    #expect(map.expansions(of: "pm25") == ["细颗粒物"])
    #expect(map.expansions(of: "细颗粒物") == ["PM2.5"])
  }

  @Test func spellingsOfOneLookupFormCountOnceUnderTheFirstSpelling() throws {
    let map = try SynonymMap(text: "ＣＯＤ, COD, 化学需氧量, cod\nCOD, CODcr", source: "t",
                             normalize: testNormalize)
    #expect(map.expansions(of: "cod") == ["化学需氧量", "CODcr"])
    #expect(map.expansions(of: "化学需氧量") == ["ＣＯＤ"])
    #expect(map.expansions(of: "codcr") == ["ＣＯＤ"])
  }

  // MARK: - Identity

  @Test func checksumDependsOnTheTextOnly() throws {
    let a = try SynonymMap(text: "噪音, 噪声\n", source: "a.txt")
    let b = try SynonymMap(text: "噪音, 噪声\n", source: "b.txt", normalize: testNormalize)
    let c = try SynonymMap(text: "噪音, 噪声, 吵\n", source: "a.txt")
    #expect(a.checksum == b.checksum)
    #expect(a.checksum != c.checksum)
    #expect(a.checksum.count == 16)
    #expect(a.checksum.allSatisfy { $0.isHexDigit })
    #expect(a == b)
    #expect(a != c)
  }

  @Test func emptyMapExpandsNothing() throws {
    #expect(SynonymMap.empty.groupCount == 0)
    #expect(SynonymMap.empty.isEmpty)
    #expect(SynonymMap.empty.expansions(of: "噪音") == [])
    let blank = try SynonymMap(text: "# only comments\n\n", source: "t")
    #expect(blank.isEmpty)
    #expect(blank.expansions(of: "噪音") == [])
  }
}
