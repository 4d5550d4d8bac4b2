import Testing
import Ingest

@Test func moduleLoads() { #expect(Bool(true)) }
