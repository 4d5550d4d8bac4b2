import Testing
import IndexStore

@Test func moduleLoads() { #expect(Bool(true)) }
