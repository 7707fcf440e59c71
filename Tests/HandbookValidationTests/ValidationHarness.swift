import HandbookContent
import HandbookModel
import HandbookTestSupport
import HandbookValidation

/// Writes a handbook into a temporary folder, loads it and validates it as of 2026-01-01.
func findings(_ files: [String: String]) throws -> [Diagnostic] {
    let folder = try TempFolder()
    defer { folder.remove() }
    try folder.write(files)
    let handbook = try HandbookLoader(root: folder.path).load()
    return Validator(today: Day(year: 2026, month: 1, day: 1)).validate(handbook)
}

/// What a test compares: rule, file, line and column of each finding.
struct Found: Equatable, CustomStringConvertible {
    var rule: Rule
    var file: String
    var line: Int
    var column: Int

    init(_ rule: Rule, _ file: String, _ line: Int, _ column: Int = 1) {
        self.rule = rule; self.file = file; self.line = line; self.column = column
    }

    init(_ diagnostic: Diagnostic) {
        self.init(diagnostic.rule, diagnostic.location.file, diagnostic.location.line, diagnostic.location.column)
    }

    var description: String { "\(rule.rawValue) \(file):\(line):\(column)" }
}

func found(_ files: [String: String]) throws -> [Found] {
    try findings(files).map(Found.init)
}
