import ArgumentParser
import HandbookModel

/// Options every command that reads a handbook shares.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false
}

/// The day review dates are compared with: `HANDBOOK_TODAY` (YYYY-MM-DD) when set, for reproducible builds; else today (UTC).
enum Today {
    static func value() throws -> Day {
        if let text = Environment.value("HANDBOOK_TODAY") {
            guard let day = Day(text) else { throw ValidationError("HANDBOOK_TODAY must be YYYY-MM-DD, not '\(text)'") }
            return day
        }
        let seconds = Int(time(nil))
        return Day(ordinal: seconds / 86_400)
    }
}

#if canImport(Glibc)
import Glibc
#endif
