import Testing
import QueryEngine

@Test func moduleLoads() { #expect(Bool(true)) }
