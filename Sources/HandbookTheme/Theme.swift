import Foundation
import HandbookModel
import HandbookValidation
import Mustache

/// The templates, UI strings and assets of a build: the built-in default theme, with any file of the
/// handbook's own `theme/` folder taking the place of the default one. Templates are compiled once.
public struct Theme: Sendable {
    public enum ThemeError: Error, Equatable, CustomStringConvertible {
        /// A template that does not compile, where the template parser stopped.
        case template(file: String, line: Int, column: Int, message: String)
        case strings(file: String, message: String)

        /// The finding `build` stops with and `serve` shows in the page, the same in both.
        public var diagnostic: Diagnostic {
            switch self {
            case .template(let file, let line, let column, let message):
                Diagnostic(.theme, at: SourceLocation(file: file, line: line, column: column), Quoted.plain(message, limit: 400), hint: "fix the theme file")
            case .strings(let file, let message):
                Diagnostic(.theme, at: SourceLocation(file: file), Quoted.plain(message, limit: 400), hint: "fix the theme file")
            }
        }

        /// A template parser's error at its line and column (the escaper's prefix taken off line 1's columns).
        static func template(_ file: String, _ error: Error, prefix: Int) -> ThemeError {
            guard let parse = error as? MustacheTemplate.ParserError else {
                return .template(file: file, line: 1, column: 1, message: "\(error)")
            }
            let line = parse.context.lineNumber, column = parse.context.columnNumber - (line == 1 ? prefix : 0)
            return .template(file: file, line: line, column: max(1, column),
                             message: "the template does not compile (\(parse.error)) in: \(parse.context.line.trimmingCharacters(in: .whitespaces))")
        }

        public var description: String { DiagnosticFormatter(format: .text).line(diagnostic) }
    }

    public let library: MustacheLibrary
    /// The templates as plans, when every one of them could be planned.
    private let compiled: CompiledTemplates?
    /// Whether pages are rendered from compiled plans (tests).
    public var isCompiled: Bool { compiled != nil }
    /// Fingerprinted asset files: output path (`assets/style.1a2b3c4d5e.css`) → contents.
    public let assets: [(path: String, bytes: [UInt8])]
    /// Asset name (`style.css`) → fingerprinted output path.
    public let assetPaths: [String: String]
    private let strings: [String: [String: String]]

    /// - Parameters:
    ///   - overrides: the handbook's theme folder, if it exists.
    ///   - fingerprintAssets: name assets by their content (`style.1a2b3c4d5e.css`) so they can be cached for ever;
    ///     the preview server turns it off, so a changed stylesheet keeps its URL and is swapped in place.
    ///   - compiled: render from compiled plans (`CompiledTemplates`); false renders every page with
    ///     swift-mustache (the tests compare the two).
    public init(overrides: String?, fingerprintAssets: Bool = true, compiled: Bool = true) throws {
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in DefaultTheme.files { files[path] = bytes }
        if let overrides { for (path, bytes) in ThemeFolder.read(overrides) { files[path] = bytes } }

        MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
        var library = MustacheLibrary()
        var templateNames: [String] = []
        var strings: [String: [String: String]] = [:]
        var assets: [(String, [UInt8])] = []
        var assetPaths: [String: String] = [:]
        for path in files.keys.sorted() {
            let bytes = files[path]!
            if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                // Every template escapes with the tool's escaper (the same five characters, without per-character lookups).
                let prefix = "{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}"
                do {
                    try library.register(prefix + String(decoding: bytes, as: UTF8.self), named: name)
                    templateNames.append(name)
                } catch {
                    throw ThemeError.template("theme/\(path)", error, prefix: prefix.count)
                }
            } else if path.hasPrefix("strings/"), path.hasSuffix(".yml") {
                let language = String(path.dropFirst("strings/".count).dropLast(".yml".count))
                do {
                    strings[language] = try Localization.parse(String(decoding: bytes, as: UTF8.self))
                } catch {
                    throw ThemeError.strings(file: "theme/\(path)", message: "\(error)")
                }
            } else if path.hasPrefix("assets/") {
                let name = String(path.dropFirst("assets/".count))
                let bytes = name.hasSuffix(".js") ? ScriptCompactor.compact(bytes) : bytes
                let fingerprinted = fingerprintAssets ? Fingerprint.path(for: "assets/\(name)", bytes: bytes) : "assets/\(name)"
                assets.append((fingerprinted, bytes))
                assetPaths[name] = fingerprinted
            }
        }
        self.library = library
        var parsed: [String: MustacheTemplate] = [:]
        for name in templateNames { parsed[name] = library.getTemplate(named: name) }
        self.compiled = compiled ? CompiledTemplates(parsed) : nil
        self.strings = strings
        self.assets = assets
        self.assetPaths = assetPaths
    }

    public func localization(_ language: String) -> Localization {
        var merged = strings["en"] ?? [:]
        for (key, value) in strings[language] ?? [:] { merged[key] = value }
        return Localization(language: language, strings: merged)
    }

    /// - Parameter fragments: list entries' texts kept from earlier renderings (`TemplateFragments`: the preview server's).
    public func render(_ context: [String: Any], template: String, fragments: TemplateFragments? = nil) -> String {
        compiled?.render(context, template: template, fragments: fragments) ?? library.render(context, withTemplate: template) ?? ""
    }

    public func has(template: String) -> Bool { library.getTemplate(named: template) != nil }
}

/// HTML escaping for templates: `& < > " '`, as swift-mustache's own, but scanning bytes.
struct FastHTMLContentType: MustacheContentType {
    static let name = "HANDBOOKHTML"
    func escapeText(_ text: String) -> String { HTMLEscaping.attribute(text) }
}
