import Foundation

// The build-time tool of the EmbedTheme plugin: `ThemeEmbedder FOLDER OUTPUT.swift TYPE` writes every
// file of the folder (hidden ones left out) into a Swift source as `TYPE.files` (`DefaultTheme` for theme/,
// `StarterFiles` for starter/). Text files
// become raw string literals (readable in a debugger, quick to compile); files that are not UTF-8, or hold a
// carriage return (which a multi-line literal would not keep), become base64.

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder FOLDER OUTPUT.swift TYPE\n".utf8))
    exit(2)
}
let theme = URL(fileURLWithPath: arguments[1]).standardizedFileURL
var files: [(path: String, bytes: Data)] = []
let walker = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
while let file = walker?.nextObject() as? URL {
    guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
    let path = String(file.standardizedFileURL.path.dropFirst(theme.path.count + 1))
    guard let bytes = FileManager.default.contents(atPath: file.path) else {
        FileHandle.standardError.write(Data("ThemeEmbedder: cannot read \(file.path)\n".utf8))
        exit(1)
    }
    files.append((path, bytes))
}
files.sort { $0.path < $1.path }

/// A raw string literal that holds `text` as it is: one more `#` than the longest run after a quote or backslash.
func literal(_ text: String) -> String {
    var longest = 0, run = -1
    for character in text {
        if character == "\"" || character == "\\" { run = 0 } else if character == "#", run >= 0 { run += 1; longest = max(longest, run) } else { run = -1 }
    }
    let hashes = String(repeating: "#", count: longest + 1)
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var source = """
// Generated at build time by the EmbedTheme plugin from \(theme.lastPathComponent)/ (not committed). Edit that folder instead.
import Foundation

extension \(arguments[3]) {
    /// Every file of \(theme.lastPathComponent)/ by its path under it.
    public static let files: [String: [UInt8]] = [

"""
for file in files {
    let key = "\"" + file.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    if let text = String(data: file.bytes, encoding: .utf8), !text.contains("\r") {
        source += "        \(key): Array(\(literal(text)).utf8),\n"
    } else {
        source += "        \(key): Array(Data(base64Encoded: \"\(file.bytes.base64EncodedString())\") ?? Data()),\n"
    }
}
source += "    ]\n}\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("ThemeEmbedder: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}
