import HandbookModel
import HandbookTheme
import Mustache

/// The templates, UI strings and assets of a build: the built-in default theme, with any file of the
/// handbook's own `theme/` folder taking the place of the default one. Templates are compiled once.
public struct Theme: Sendable {
    public enum ThemeError: Error, Equatable, CustomStringConvertible {
        case template(file: String, message: String)
        case strings(file: String, message: String)

        /// The same finding `serve` shows in the page.
        public var diagnostic: Diagnostic {
            switch self {
            case .template(let file, let message), .strings(let file, let message):
                Diagnostic(.theme, at: SourceLocation(file: file), Quoted.plain(message, limit: 400), hint: "fix the theme file")
            }
        }

        public var description: String {
            let finding = diagnostic
            return "\(finding.location): error: \(finding.message) (\(finding.hint ?? "")) [\(finding.rule.rawValue)]"
        }
    }

    public let library: MustacheLibrary
    /// Fingerprinted asset files: output path (`assets/style.1a2b3c4d5e.css`) → contents.
    public let assets: [(path: String, bytes: [UInt8])]
    /// Asset name (`style.css`) → fingerprinted output path.
    public let assetPaths: [String: String]
    private let strings: [String: [String: String]]

    /// - Parameters:
    ///   - overrides: the handbook's theme folder, if it exists.
    ///   - fingerprintAssets: name assets by their content (`style.1a2b3c4d5e.css`) so they can be cached for ever;
    ///     the preview server turns it off, so a changed stylesheet keeps its URL and is swapped in place.
    public init(overrides: String?, fingerprintAssets: Bool = true) throws {
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in DefaultTheme.files { files[path] = bytes }
        if let overrides { for (path, bytes) in ThemeFolder.read(overrides) { files[path] = bytes } }

        MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
        var library = MustacheLibrary()
        var strings: [String: [String: String]] = [:]
        var assets: [(String, [UInt8])] = []
        var assetPaths: [String: String] = [:]
        for path in files.keys.sorted() {
            let bytes = files[path]!
            if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
                let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
                do {
                    // Every template escapes with the tool's escaper (the same five characters, without per-character lookups).
                    try library.register("{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}" + String(decoding: bytes, as: UTF8.self), named: name)
                } catch {
                    throw ThemeError.template(file: "theme/\(path)", message: "\(error)")
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
        self.strings = strings
        self.assets = assets
        self.assetPaths = assetPaths
    }

    public func localization(_ language: String) -> Localization {
        var merged = strings["en"] ?? [:]
        for (key, value) in strings[language] ?? [:] { merged[key] = value }
        return Localization(language: language, strings: merged)
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    public func has(template: String) -> Bool { library.getTemplate(named: template) != nil }
}

/// HTML escaping for templates: `& < > " '`, as swift-mustache's own, but scanning bytes.
struct FastHTMLContentType: MustacheContentType {
    static let name = "HANDBOOKHTML"
    func escapeText(_ text: String) -> String { HTMLEscaping.attribute(text) }
}
