import Dispatch

/// Milliseconds since it was made, for the `took_ms` of the output.
struct Stopwatch {
  private let started = DispatchTime.now()

  var milliseconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6 }
}
