#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's processors, for the modules that size their thread pools
/// by them (the index writer's analysis and compression, a search's threads).
package enum Processors {
  /// Processors online when the process asked first (at least 1).
  package static let online = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
