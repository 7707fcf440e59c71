import CZlib
import HandbookModel

/// The receipt a reader sends for an acknowledgement: a fixed, versioned plain-text block that survives
/// mail clients and forms, checked by a CRC-32 of the fields it signs (`Acknowledgement.signedText`).
///
///     -----BEGIN HANDBOOK ACKNOWLEDGEMENT v1-----
///     Policy: client-first
///     Title: Client first                (for people; not signed)
///     Language: uk
///     Version: 2026-11-23-71fe0bc
///     Name: Olena Koval                  (absent in the link a page carries without JavaScript)
///     Date: 2026-12-01                   (absent likewise: the mail's date stands in)
///     Checksum: 1a2b3c4d
///     -----END HANDBOOK ACKNOWLEDGEMENT-----
///
/// The checksum is no signature (the page's script that makes it is public): it catches a receipt
/// mistyped, cut or edited by hand, and a version the site never named.
public struct Receipt: Sendable, Equatable {
    public var policy: String
    public var title: String = ""
    public var language: String
    public var version: String
    public var name: String = ""
    public var date: String = ""
    public var checksum: String = ""
    /// The line of the source file the block starts at (1-based; 0 when not from a file).
    public var line: Int = 0

    public init(policy: String, title: String = "", language: String, version: String, name: String = "", date: String = "", checksum: String? = nil) {
        self.policy = policy; self.title = title; self.language = language; self.version = version; self.name = name; self.date = date
        self.checksum = checksum ?? Self.checksum(Acknowledgement.signedText(policy: policy, language: language, version: version, name: name, date: date))
    }

    public static let begin = "-----BEGIN HANDBOOK ACKNOWLEDGEMENT v1-----"
    public static let end = "-----END HANDBOOK ACKNOWLEDGEMENT-----"

    /// CRC-32 (zlib's) of the text's UTF-8, as 8 lower-case hex digits.
    public static func checksum(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let value = bytes.withUnsafeMutableBufferPointer { buffer in
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    public var signedText: String {
        Acknowledgement.signedText(policy: policy, language: language, version: version, name: name, date: date)
    }

    public var hasValidChecksum: Bool { checksum.lowercased() == Self.checksum(signedText) }

    /// The block, with the lines that have a value.
    public var block: String {
        var lines = [Self.begin, "Policy: \(policy)"]
        if !title.isEmpty { lines.append("Title: \(title)") }
        lines += ["Language: \(language)", "Version: \(version)"]
        if !name.isEmpty { lines.append("Name: \(name)") }
        if !date.isEmpty { lines.append("Date: \(date)") }
        lines += ["Checksum: \(checksum)", Self.end]
        return lines.joined(separator: "\n")
    }

    /// Every block in a text (a mail's decoded body, a pasted note), with the line each starts at. Lines
    /// may be quoted (`> `) or indented, end in CRLF, and keys may be in any case.
    public static func all(in text: String) -> [Receipt] {
        var receipts: [Receipt] = []
        var fields: [String: String]?
        var start = 0
        // "\r\n" is one Character: lines are split at either ending.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            while let first = line.first, first == ">" || first == " " || first == "\t" { line = line.dropFirst() }
            if line.hasPrefix("-----BEGIN HANDBOOK ACKNOWLEDGEMENT") { fields = [:]; start = index + 1; continue }
            guard var current = fields else { continue }
            if line.hasPrefix("-----END HANDBOOK ACKNOWLEDGEMENT") {
                if let policy = current["policy"], let language = current["language"], let version = current["version"] {
                    var receipt = Receipt(policy: policy, title: current["title"] ?? "", language: language, version: version,
                                          name: current["name"] ?? "", date: current["date"] ?? "", checksum: current["checksum"] ?? "")
                    receipt.line = start
                    receipts.append(receipt)
                }
                fields = nil
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            current[key] = String(value.unicodeScalars.filter { !SafeName.isForbidden($0) }.map(Character.init))
            fields = current
        }
        return receipts
    }
}

import Foundation
