import Foundation
import HandbookModel

/// Receipts as they come back: mail saved as `.eml` (one message) or `.mbox` (many), and the CSV export
/// of a form tool. Hand-written: no library in the package mirror reads MIME mail, and only the parts a
/// receipt travels in are needed (headers, multipart, quoted-printable and base64, UTF-8 text).
public enum ReceiptSources {
    /// A receipt found in a file, with what the message around it says of the sender.
    public struct Found: Sendable {
        public var receipt: Receipt
        /// Where it is: the file and the line of its message, or its CSV row.
        public var location: SourceLocation
        public var from: String?
        public var received: Day?
    }

    public enum Problem: Error, Equatable {
        case unreadable(String)
        case unknownFormat(String)
    }

    /// Every receipt in a file, by its extension (`.eml`, `.mbox`, `.csv`; `.txt` as a mail body).
    public static func read(path: String, bytes: [UInt8]) throws -> [Found] {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return try csv(path: path, text: text(bytes)) }
        if lower.hasSuffix(".mbox") || lower.hasSuffix(".mbx") { return mbox(bytes).flatMap { receipts(in: $0, path: path) } }
        if lower.hasSuffix(".eml") || lower.hasSuffix(".txt") || lower.hasSuffix(".msg") {
            return receipts(in: Message(bytes: bytes[...], line: 1), path: path)
        }
        throw Problem.unknownFormat(path)
    }

    static func text(_ bytes: [UInt8]) -> String {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return String(decoding: slice, as: UTF8.self)
    }

    // MARK: Mail

    struct Message {
        var headers: [(name: String, value: String)] = []
        var body: ArraySlice<UInt8> = []
        var line: Int

        init(bytes: ArraySlice<UInt8>, line: Int) {
            self.line = line
            // Headers end at the first empty line; a line starting with white space continues the one before.
            var index = bytes.startIndex
            var current: [UInt8] = []
            func flush() {
                guard !current.isEmpty else { return }
                let text = String(decoding: current, as: UTF8.self)
                if let colon = text.firstIndex(of: ":") {
                    headers.append((text[..<colon].trimmingCharacters(in: .whitespaces).lowercased(), String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
                }
                current = []
            }
            while index < bytes.endIndex {
                let end = bytes[index...].firstIndex(of: 10) ?? bytes.endIndex
                var lineBytes = bytes[index..<end]
                if lineBytes.last == 13 { lineBytes = lineBytes.dropLast() }
                index = end < bytes.endIndex ? end + 1 : end
                if lineBytes.isEmpty { flush(); body = bytes[index...]; return }
                if let first = lineBytes.first, first == 32 || first == 9 { current += [32] + lineBytes.drop { $0 == 32 || $0 == 9 } } else { flush(); current = Array(lineBytes) }
            }
            flush()
        }

        func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

        /// How deep multipart parts may nest (mail clients nest two or three levels; a hostile file, thousands).
        static let depthLimit = 8

        /// The text parts, decoded: a single-part message's body, or each `text/plain` part of a multipart one
        /// (`text/html` only when the part has no plain alternative).
        func texts(depth: Int = 0) -> [String] {
            let type = header("content-type") ?? "text/plain"
            let lower = type.lowercased()
            if lower.hasPrefix("multipart/"), let boundary = Self.parameter("boundary", in: type) {
                guard depth < Self.depthLimit else { return [] }
                let parts = Self.parts(body, boundary: boundary).map { Message(bytes: $0, line: line) }
                let plain = parts.filter { !($0.header("content-type") ?? "text/plain").lowercased().hasPrefix("text/html") }
                let chosen = lower.hasPrefix("multipart/alternative") && !plain.isEmpty ? plain : parts
                return chosen.flatMap { $0.texts(depth: depth + 1) }
            }
            guard lower.hasPrefix("text/") || lower.isEmpty else { return [] }
            let decoded = Self.decode(body, encoding: (header("content-transfer-encoding") ?? "").lowercased())
            let charset = (Self.parameter("charset", in: type) ?? "utf-8").lowercased()
            var text = charset == "iso-8859-1" || charset == "latin1" ? String(decoded.map { Character(Unicode.Scalar($0)) })
                : charset == "windows-1251" || charset == "cp1251" ? String(data: Data(decoded), encoding: .windowsCP1251) ?? ""
                : String(decoding: decoded, as: UTF8.self)
            if lower.hasPrefix("text/html") { text = Self.plain(html: text) }
            return [text]
        }

        static func parameter(_ name: String, in header: String) -> String? {
            for part in header.split(separator: ";").dropFirst() {
                let pieces = part.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
                return pieces[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return nil
        }

        static func parts(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
            let marker = Array("--\(boundary)".utf8)
            var parts: [ArraySlice<UInt8>] = [], start: Int?
            var index = body.startIndex
            while index < body.endIndex {
                let end = body[index...].firstIndex(of: 10) ?? body.endIndex
                let lineBytes = body[index..<end]
                if lineBytes.starts(with: marker) {
                    if let start { parts.append(body[start..<index]) }
                    let rest = lineBytes.dropFirst(marker.count)
                    if rest.starts(with: [45, 45]) { return parts }
                    start = end < body.endIndex ? end + 1 : end
                }
                index = end < body.endIndex ? end + 1 : end
            }
            if let start { parts.append(body[start...]) }
            return parts
        }

        static func decode(_ body: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
            switch encoding {
            case "base64":
                return Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
            case "quoted-printable":
                var out: [UInt8] = [], index = body.startIndex
                func hex(_ byte: UInt8) -> UInt8? {
                    switch byte {
                    case 48...57: byte - 48
                    case 65...70: byte - 55
                    case 97...102: byte - 87
                    default: nil
                    }
                }
                while index < body.endIndex {
                    let byte = body[index]
                    if byte == 61 {
                        let next = body.index(after: index)
                        if next < body.endIndex, body[next] == 10 { index = body.index(after: next); continue }
                        if next + 1 < body.endIndex, body[next] == 13, body[next + 1] == 10 { index = next + 2; continue }
                        if next + 1 < body.endIndex, let high = hex(body[next]), let low = hex(body[next + 1]) { out.append(high << 4 | low); index = next + 2; continue }
                    }
                    out.append(byte)
                    index += 1
                }
                return out
            default:
                return Array(body)
            }
        }

        /// HTML as text: tags out, line breaks at `<br>` and block ends, the five entities decoded.
        static func plain(html: String) -> String {
            var text = html.replacingOccurrences(of: "<br>", with: "\n", options: .caseInsensitive)
                .replacingOccurrences(of: "<br/>", with: "\n", options: .caseInsensitive).replacingOccurrences(of: "<br />", with: "\n", options: .caseInsensitive)
                .replacingOccurrences(of: "</p>", with: "\n", options: .caseInsensitive).replacingOccurrences(of: "</div>", with: "\n", options: .caseInsensitive)
            while let open = text.range(of: "<"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) { text.removeSubrange(open.lowerBound..<close.upperBound) }
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text
        }

        /// The sender's address: the part in `<…>`, or the whole value.
        var from: String? {
            guard let value = header("from") else { return nil }
            let address: String?
            if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
                address = String(value[value.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            } else {
                address = value.split(separator: " ").first { $0.contains("@") }.map(String.init)
            }
            // An address as people.yml would have it, or none: nothing else reaches the ledger or the terminal.
            return address.flatMap { WebAddress.emailProblem($0) == nil ? String($0.prefix(254)) : nil }
        }

        /// The day of the `Date:` header, in the sender's own time zone (`Tue, 1 Dec 2026 10:00:00 +0200`).
        var date: Day? {
            guard let value = header("date") else { return nil }
            let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            let words = value.replacingOccurrences(of: ",", with: " ").split(separator: " ").map { $0.lowercased() }
            for (index, word) in words.enumerated() where index >= 1 && index + 1 < words.count {
                guard let month = months.firstIndex(of: String(word.prefix(3))), let day = Int(words[index - 1]), let year = Int(words[index + 1]),
                      (1...31).contains(day), (1970...9999).contains(year) else { continue }
                // Through the text form, which checks the day exists (no 30 February).
                return Day(String(format: "%04d-%02d-%02d", year, month + 1, day))
            }
            return nil
        }
    }

    /// An mbox's messages: each starts at a line `From ` after an empty line (or at the start); `>From `
    /// lines in bodies are unquoted.
    static func mbox(_ bytes: [UInt8]) -> [Message] {
        var messages: [Message] = []
        var start: Int?, startLine = 1, line = 1, index = 0, previousEmpty = true
        let from = Array("From ".utf8)
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: 10) ?? bytes.count
            let lineBytes = bytes[index..<end]
            if previousEmpty, lineBytes.starts(with: from) {
                if let start { messages.append(Message(bytes: unquote(bytes[start..<index]), line: startLine)) }
                start = end < bytes.count ? end + 1 : end
                startLine = line + 1
            }
            previousEmpty = lineBytes.isEmpty || lineBytes == [13]
            index = end + 1
            line += 1
        }
        if let start, start < bytes.count { messages.append(Message(bytes: unquote(bytes[start...]), line: startLine)) }
        return messages
    }

    private static func unquote(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let quoted = Array(">From ".utf8)
        guard bytes.indices.contains(where: { bytes[$0...].starts(with: quoted) }) else { return bytes }
        var out: [UInt8] = [], atLineStart = true, index = bytes.startIndex
        while index < bytes.endIndex {
            if atLineStart, bytes[index...].starts(with: quoted) { index += 1 }
            out.append(bytes[index])
            atLineStart = bytes[index] == 10
            index += 1
        }
        return out[...]
    }

    static func receipts(in message: Message, path: String) -> [Found] {
        // A receipt quoted twice in one message (a reply, a plain and an HTML part) is one receipt.
        var seen = Set<String>()
        let receipts = message.texts().flatMap { Receipt.all(in: $0) }.filter { seen.insert($0.signedText + "\u{0}" + $0.checksum).inserted }
        return receipts.map { receipt in
            Found(receipt: receipt, location: SourceLocation(file: path, line: message.line, column: 1), from: message.from, received: message.date)
        }
    }

    // MARK: CSV

    /// A form tool's export: a header row naming the columns (any order, any case): `policy`, `language`,
    /// `version`, `name` (or `person`), `date`, `checksum`; optionally `email`/`from` and `timestamp`/`received`.
    static func csv(path: String, text: String) throws -> [Found] {
        let rows = CSVRows.parse(text)
        guard let header = rows.first else { return [] }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? { candidates.lazy.compactMap { names.firstIndex(of: $0) }.first }
        guard let policy = column(["policy"]), let language = column(["language", "lang"]), let version = column(["version"]) else {
            throw Problem.unreadable("\(path): the first row must name the columns policy, language, version, name, date and checksum")
        }
        let name = column(["name", "person"]), date = column(["date"]), checksum = column(["checksum"])
        let from = column(["email", "from", "email address"]), received = column(["received", "timestamp"])
        return rows.dropFirst().compactMap { row -> Found? in
            func value(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return String(row.fields[index].unicodeScalars.filter { !SafeName.isForbidden($0) }.map(Character.init)).trimmingCharacters(in: .whitespaces)
            }
            guard !value(policy).isEmpty else { return nil }
            var receipt = Receipt(policy: value(policy), language: value(language), version: value(version), name: value(name), date: value(date),
                                  checksum: value(checksum))
            receipt.line = row.line
            let stamp = value(received)
            return Found(receipt: receipt, location: SourceLocation(file: path, line: row.line, column: 1), from: value(from).isEmpty ? nil : value(from),
                         received: stamp.count >= 10 ? Day(String(stamp.prefix(10))) : nil)
        }
    }
}

/// RFC 4180 rows: fields separated by commas, quoted with `"` (a quote doubled inside), rows by CRLF or LF.
enum CSVRows {
    struct Row {
        var fields: [String]
        var line: Int
    }

    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = [], fields: [String] = [], field = "", quoted = false, line = 1, rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": fields.append(field); field = ""
            case "\r": continue
            case "\n":
                fields.append(field); field = ""
                if fields.contains(where: { !$0.isEmpty }) { rows.append(Row(fields: fields, line: rowLine)) }
                fields = []; line += 1; rowLine = line
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            if fields.contains(where: { !$0.isEmpty }) { rows.append(Row(fields: fields, line: rowLine)) }
        }
        return rows
    }
}
