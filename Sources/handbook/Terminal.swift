import Foundation
import HandbookSite
#if canImport(Glibc)
import Glibc
#endif

/// Output to the terminal: results to stdout, progress and errors to stderr.
enum Terminal {
    static func error(_ message: String) {
        standardError("handbook: \(message)\n")
    }

    static func note(_ message: String) {
        standardError("\(message)\n")
    }

    /// Writes text as it is to stderr.
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Flushes stdout and ends the process now.
    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Glibc.exit(status)
    }

    /// Colours only on a terminal, and never when `NO_COLOR` is set.
    static var colorsWanted: Bool { stdoutIsTerminal && Environment.value("NO_COLOR") == nil }

    /// A path as seen from the current folder (for annotations): absolute paths below it become relative.
    static func relativeToWorkingFolder(_ path: String) -> String {
        guard path.hasPrefix("/"), let raw = getcwd(nil, 0) else { return path }
        let cwd = String(cString: raw)
        free(raw)
        if path == cwd { return "" }
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }
}

/// Prints `[i/n] step detail` per pipeline step to stderr.
struct StepPrinter: BuildProgress {
    /// With timings, each step says when it started, in seconds since the build began.
    var timings = false
    let started = Date()

    func step(_ index: Int, of total: Int, _ name: String, detail: String) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let time = timings ? String(format: "  (at %.3f s, cpu %.3f s)", Date().timeIntervalSince(started), cpu) : ""
        Terminal.note("[\(index)/\(total)] \(name) \(detail)\(time)")
    }
}
