import Foundation

/// The open pages listening for builds (Server-Sent Events): each subscriber gets every message sent
/// after it subscribed; `close()` ends every stream (the server is stopping). A subscriber may say which
/// file of the build it shows (`openPages`): an update renders those first.
final class LiveEvents: Sendable {
    private let state = Locked(State())

    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        /// The file each subscriber that said so shows.
        var pages: [Int: String] = [:]
        var closed = false
    }

    /// The files of the build the open pages show.
    var openPages: Set<String> { state.withLock { Set($0.pages.values) } }

    /// - Parameter page: the file of the build the subscriber shows, if it is one.
    func subscribe(page: String? = nil) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.next += 1
            state.subscribers[state.next] = continuation
            if let page { state.pages[state.next] = page }
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.subscribers.removeValue(forKey: id)
                state.pages.removeValue(forKey: id)
            }
        }
        return stream
    }

    var count: Int { state.withLock { $0.subscribers.count } }

    func send(_ message: String) {
        for continuation in state.withLock({ Array($0.subscribers.values) }) { continuation.yield(message) }
    }

    func close() {
        let all = state.withLock { state -> [AsyncStream<String>.Continuation] in
            state.closed = true
            defer { state.subscribers = [:]; state.pages = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in all { continuation.finish() }
    }

    /// One SSE message: `event:` and one `data:` line per line of the data.
    static func message(_ event: String, _ data: String) -> String {
        "event: \(event)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
