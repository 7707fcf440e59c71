import Dispatch

/// Milliseconds since the last lap, on the monotonic clock: the preview server's steps (`serve --timings`).
struct StepClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e6
    }
}
