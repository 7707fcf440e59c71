import Foundation

/// A headless Chromium driven through chromedriver's WebDriver HTTP API (Debian's `chromium` and `chromium-driver`).
public final class WebDriver: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    private let driver: Process
    private let endpoint: String
    private var session = ""

    public static var isAvailable: Bool { chromedriverPath != nil }

    static var chromedriverPath: String? {
        ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init() throws {
        guard let path = Self.chromedriverPath else { throw Failure(description: "chromedriver is missing: apt-get install chromium chromium-driver") }
        let port = try FreePort.find()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: path)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        endpoint = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<100 where !ready {
            if let status = try? request("GET", "/status"), status["value"] != nil { ready = true } else { usleep(100_000) }
        }
        guard ready else { driver.terminate(); throw Failure(description: "chromedriver did not start") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"]],
        ]]]
        let created = try request("POST", "/session", capabilities)
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            driver.terminate()
            throw Failure(description: "no WebDriver session: \(created)")
        }
        session = id
    }

    deinit { quit() }

    public func quit() {
        if !session.isEmpty { _ = try? request("DELETE", "/session/\(session)"); session = "" }
        Self.stop(driver)
    }

    /// Stops a child process: SIGTERM, then SIGKILL if it is still there after two seconds.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<40 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public func open(_ url: String) throws {
        _ = try command("POST", "url", ["url": url])
    }

    public var currentURL: String { (try? command("GET", "url")) as? String ?? "" }

    /// Runs JavaScript in the page (`arguments` holds `args`); returns its JSON-compatible result.
    @discardableResult
    public func run(_ script: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "execute/sync", ["script": script, "args": args])
    }

    /// Runs asynchronous JavaScript: the script calls `arguments[arguments.length - 1]` with its result.
    public func runAsync(_ script: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "execute/async", ["script": script, "args": args])
    }

    /// Types text into the element matched by a CSS selector (real key events).
    public func type(_ text: String, into selector: String) throws {
        let element = try find(selector)
        _ = try command("POST", "element/\(element)/value", ["text": text])
    }

    public func find(_ selector: String) throws -> String {
        let value = try command("POST", "element", ["using": "css selector", "value": selector])
        guard let element = (value as? [String: Any])?.values.first as? String else { throw Failure(description: "no element \(selector)") }
        return element
    }

    /// Waits until the script returns something other than null/false/empty, or throws after `timeout` seconds.
    @discardableResult
    public func wait(_ what: String, timeout: Double = 10, _ script: String, _ args: [Any] = []) throws -> Any {
        let deadline = Date().addingTimeInterval(timeout)
        var last: Any?
        while Date() < deadline {
            last = try run(script, args)
            if let value = last, !(value is NSNull), (value as? Bool) != false, (value as? [Any])?.isEmpty != true, (value as? String)?.isEmpty != true {
                return value
            }
            usleep(50_000)
        }
        throw Failure(description: "timed out waiting for \(what); last: \(String(describing: last))")
    }

    /// Sets the window's size (the viewport's width is what the page's media queries see).
    public func resize(width: Int, height: Int) throws {
        _ = try command("POST", "window/rect", ["width": width, "height": height])
    }

    /// Clicks the element a selector finds (as a user would: WebDriver, not the page's scripts).
    public func click(_ selector: String) throws {
        let element = try find(selector)
        _ = try command("POST", "element/\(element)/click", [:])
    }

    /// An attribute of the element a selector finds (nil when absent), read by WebDriver itself.
    public func attribute(_ name: String, of selector: String) throws -> String? {
        try command("GET", "element/\(try find(selector))/attribute/\(name)") as? String
    }

    /// Turns the pages' JavaScript off (or on) for the pages opened next, through the Chrome DevTools Protocol.
    public func scripts(enabled: Bool) throws {
        _ = try command("POST", "goog/cdp/execute", ["cmd": "Emulation.setScriptExecutionDisabled", "params": ["value": !enabled]])
    }

    /// Emulates `prefers-color-scheme` (`light` or `dark`) for the pages opened next, through the Chrome DevTools Protocol.
    public func colorScheme(_ scheme: String) throws {
        _ = try command("POST", "goog/cdp/execute", ["cmd": "Emulation.setEmulatedMedia",
                                                     "params": ["features": [["name": "prefers-color-scheme", "value": scheme]]]])
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let response = try request(method, "/session/\(session)/\(path)", body)
        if let value = response["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(path): \(error): \(value["message"] ?? "")")
        }
        return response["value"]
    }

    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> [String: Any] {
        // URLSession on Linux fails on chromedriver's responses ("Failed writing header"), so plain sockets.
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try LoopbackHTTP.request(method, endpoint + path, body: data.map { [UInt8]($0) })
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }
}

/// HTTP/1.1 over a loopback socket, one request per connection: enough for chromedriver and the test servers.
public enum LoopbackHTTP {
    public struct Response {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public static func request(_ method: String, _ url: String, body: [UInt8]? = nil, headers: [String: String] = [:],
                               timeout: Int = 60) throws -> Response {
        guard let parsed = URLComponents(string: url), let port = parsed.port else { throw WebDriver.Failure(description: "bad URL \(url)") }
        let target = (parsed.percentEncodedPath.isEmpty ? "/" : parsed.percentEncodedPath) + (parsed.percentEncodedQuery.map { "?" + $0 } ?? "")
        let fd = try connectLoopback(port: port, url: url)
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var head = "\(method) \(target) HTTP/1.1\r\n" + (headers["Host"] == nil ? "Host: 127.0.0.1:\(port)\r\n" : "") + "Connection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + (body ?? [])
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw WebDriver.Failure(description: "cannot send to \(url)") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var split: Range<Int>?
        var fields: [String: String] = [:]
        var status = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
            if split == nil, let found = received.firstRange(of: [13, 10, 13, 10]) {
                split = found
                let lines = String(decoding: received[..<found.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            }
            // Servers that keep the connection open despite "Connection: close" say how long the body is.
            if let split, let length = fields["content-length"].flatMap({ Int($0) }), received.count - split.upperBound >= length { break }
        }
        guard let split else { throw WebDriver.Failure(description: "no response from \(url)") }
        var payload = Array(received[split.upperBound...])
        if fields["transfer-encoding"]?.lowercased() == "chunked" { payload = dechunk(payload) }
        return Response(status: status, headers: fields, body: payload)
    }

    /// A TCP socket connected to 127.0.0.1:port (the caller closes it).
    public static func connectLoopback(port: Int, url: String) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            close(fd)
            throw WebDriver.Failure(description: "cannot connect to \(url)")
        }
        return fd
    }

    static func dechunk(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [], index = 0
        while index < data.count, let lineEnd = data[index...].firstRange(of: [13, 10]) {
            let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? "", radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            output += data[start..<min(start + size, data.count)]
            index = start + size + 2
        }
        return output
    }
}

/// Blocking HTTP GET for tests.
public enum HTTP {
    /// GET a loopback URL: status code (0 when nothing answers) and body.
    public static func get(_ url: String) -> (status: Int, body: Data) {
        guard let response = try? LoopbackHTTP.request("GET", url, timeout: 10) else { return (0, Data()) }
        return (response.status, Data(response.body))
    }
}

/// A free TCP port on the loopback interface.
public enum FreePort {
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WebDriver.Failure(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw WebDriver.Failure(description: "cannot bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A static file server for a built site over loopback (Python's `http.server`), stopped by `stop()`.
public final class StaticServer: @unchecked Sendable {
    private let process = Process()
    public let port: Int
    public var root: String { "http://127.0.0.1:\(port)/" }

    /// Serves `folder`; with `mount` (e.g. `handbook/`) the site is served under that path, as `--base-url` expects.
    public init(folder: String, mount: String = "") throws {
        port = try FreePort.find()
        var served = folder
        if !mount.isEmpty {
            served = folder + ".mount"
            let target = served + "/" + mount.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: folder)
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", served]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if HTTP.get(root).status != 0 { return }
            usleep(50_000)
        }
        throw WebDriver.Failure(description: "the static server did not start")
    }

    deinit { stop() }

    public func stop() { WebDriver.stop(process) }
}
