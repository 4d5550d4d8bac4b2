import Testing
import TextAnalysis

@Test func moduleLoads() { #expect(Bool(true)) }
