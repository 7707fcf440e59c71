import HandbookModel

/// Loads a whole handbook: scans the folder, then reads, decodes and renders every page in parallel.
public struct HandbookLoader: Sendable {
    public let root: String

    /// - Parameter root: the content folder.
    public init(root: String) {
        self.root = root
    }

    public enum LoadError: Error, Equatable {
        case notAFolder(String)
    }

    /// - Parameter urls: builds the resolver that rewrites links, from the settings and every page's path.
    public func load(urls: @Sendable (Settings, [String: PagePath]) -> LinkResolver = { _, _ in .identity }) throws -> Handbook {
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw LoadError.notAFolder(root) }
        let listing = ContentScanner(root: root).scan()
        let (settings, settingsDiagnostics) = SettingsLoader.load(root: root)
        let (people, peopleDiagnostics) = PeopleLoader.load(root: root)
        let paths = Dictionary(uniqueKeysWithValues: listing.markdown.map { ($0, PagePath($0, languages: settings.languages)) })
        let renderer = MarkdownRenderer(resolver: urls(settings, paths))
        let root = self.root
        let loaded = listing.markdown.parallelMap { path in
            PageLoader(root: root, renderer: renderer).load(path: path, as: paths[path]!)
        }
        var diagnostics = listing.diagnostics + settingsDiagnostics + peopleDiagnostics
        var pages: [Page] = []
        pages.reserveCapacity(loaded.count)
        for result in loaded {
            diagnostics += result.diagnostics
            if let page = result.page { pages.append(page) }
        }
        return Handbook(settings: settings, people: people, pages: pages, assets: listing.assets, loadDiagnostics: diagnostics)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
