import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `handbook serve` running as a process, as an author runs it; its terminal output is collected.
public final class ServeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = ""
    /// The port it serves on (read from its "serving the handbook at" line).
    public private(set) var port = 0
    public var root: String { "http://127.0.0.1:\(port)" }

    public init(content: String, theme: String? = nil, port: Int, arguments: [String] = []) throws {
        process.executableURL = HandbookBinary.url
        var all = ["serve", "--content", content, "--port", String(port), "--no-history"]
        if let theme { all += ["--theme", theme] }
        process.arguments = all + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HANDBOOK_TODAY"] = "2026-01-01"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.output += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        guard let line = waitForLine(containing: "serving the handbook at http://", timeout: 60),
              let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
              let found = URLComponents(string: String(address))?.port else {
            stop()
            throw WebDriver.Failure(description: "serve did not start:\n\(log)")
        }
        self.port = found
    }

    deinit { stop() }

    /// Everything it printed so far.
    public var log: String { lock.withLock { output } }

    /// Waits for a printed line holding the text; returns it.
    public func waitForLine(containing text: String, timeout: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = log.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            if !process.isRunning { return log.split(separator: "\n").first { $0.contains(text) }.map(String.init) }
            usleep(20_000)
        }
        return nil
    }

    /// Sends SIGINT (Ctrl-C) and waits for the process to end: its exit status, or nil if it did not end.
    public func interrupt(timeout: Double = 10) -> Int32? {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    public func stop() { WebDriver.stop(process) }
}

/// A Server-Sent Events client over a loopback socket: `next()` returns each event as it arrives.
public final class EventStream: @unchecked Sendable {
    public struct Event {
        public var name: String
        public var data: String
    }

    private let descriptor: Int32
    private var raw: [UInt8] = []
    private var decoded: [UInt8] = []
    private var headersDone = false
    private var chunked = false

    public init(_ url: String) throws {
        guard let parsed = URLComponents(string: url), let port = parsed.port else { throw WebDriver.Failure(description: "bad URL \(url)") }
        descriptor = try LoopbackHTTP.connectLoopback(port: port, url: url)
        let target = parsed.percentEncodedPath + (parsed.percentEncodedQuery.map { "?" + $0 } ?? "")
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    deinit { close(descriptor) }

    /// The next event, or nil when none arrives within the timeout (or the stream ended).
    public func next(timeout: Double = 10) -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let event = takeEvent() { return event }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return takeEvent() }
            raw += buffer[0..<count]
            decode()
        }
    }

    /// Waits for an event with this name, skipping others.
    public func next(named name: String, timeout: Double = 10) -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard let event = next(timeout: deadline.timeIntervalSinceNow) else { return nil }
            if event.name == name { return event }
        }
        return nil
    }

    private func decode() {
        if !headersDone {
            guard let end = raw.firstRange(of: [13, 10, 13, 10]) else { return }
            chunked = String(decoding: raw[..<end.lowerBound], as: UTF8.self).lowercased().contains("transfer-encoding: chunked")
            raw.removeSubrange(..<end.upperBound)
            headersDone = true
        }
        guard chunked else {
            decoded += raw
            raw = []
            return
        }
        while let line = raw.firstRange(of: [13, 10]) {
            let size = Int(String(decoding: raw[..<line.lowerBound], as: UTF8.self), radix: 16) ?? 0
            guard raw.count >= line.upperBound + size + 2 else { return }
            decoded += raw[line.upperBound..<(line.upperBound + size)]
            raw.removeSubrange(..<(line.upperBound + size + 2))
        }
    }

    private func takeEvent() -> Event? {
        guard let end = decoded.firstRange(of: [10, 10]) else { return nil }
        let text = String(decoding: decoded[..<end.lowerBound], as: UTF8.self)
        decoded.removeSubrange(..<end.upperBound)
        var name = "message", data: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
        }
        return Event(name: name, data: data.joined(separator: "\n"))
    }
}
