import Testing
import TextAnalysis

@Test func icuVersionIsKnown() {
  #expect(!icuVersion.isEmpty)
}
