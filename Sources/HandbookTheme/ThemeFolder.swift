import Foundation
import HandbookContent

/// Reads every file of a theme folder as `relative path → bytes`.
enum ThemeFolder {
    static func read(_ root: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(root)/\(relative)", isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if let bytes = FileReader.bytes(atPath: "\(root)/\(relative)") { result[relative] = bytes }
        }
        return result
    }
}
