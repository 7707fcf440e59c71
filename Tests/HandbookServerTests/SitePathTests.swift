import Testing
@testable import HandbookServer

/// Request paths map to files of the build in memory, and never outside it.
@Suite struct SitePathTests {
    let files: Set<String> = ["index.html", "principles/listen/index.html", "assets/style.css", "en/index.html", "img/map.svg"]

    func resolve(_ path: String, base: String = "/") -> SitePath.Target {
        SitePath(base: base).resolve(path, exists: { files.contains($0) })
    }

    @Test func pagesFilesAndFolders() {
        #expect(resolve("/") == .file("index.html"))
        #expect(resolve("/principles/listen/") == .file("principles/listen/index.html"))
        #expect(resolve("/principles/listen") == .redirect("/principles/listen/"))
        #expect(resolve("/assets/style.css") == .file("assets/style.css"))
        #expect(resolve("/principles//listen/") == .file("principles/listen/index.html"))
        #expect(resolve("/principles/missing/") == .notFound)
    }

    @Test func traversalIsRefusedHoweverItIsWritten() {
        for path in ["/../etc/passwd", "/principles/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/etc/passwd",
                     "/..%2f..%2fetc/passwd", "/./index.html", "/img/%00map.svg", "/..%5c..%5cetc%5cpasswd", "/%"] {
            #expect(resolve(path) == .refused, "\(path)")
        }
    }

    @Test func underABaseURL() {
        #expect(resolve("/", base: "/handbook/") == .redirect("/handbook/"))
        #expect(resolve("/handbook", base: "/handbook/") == .redirect("/handbook/"))
        #expect(resolve("/handbook/", base: "/handbook/") == .file("index.html"))
        #expect(resolve("/handbook/en/", base: "/handbook/") == .file("en/index.html"))
        #expect(resolve("/en/", base: "/handbook/") == .notFound)
    }

    @Test func editorsTemporaryFilesAreNotChanges() {
        for name in [".listen.md.swp", "listen.md~", "#listen.md#", ".#listen.md", "4913", "listen.md___jb_tmp___", "sedAb12Cd", "x.tmp"] {
            #expect(EditorFiles.isTemporary(name), "\(name)")
        }
        for name in ["listen.md", "style.css", "sedation.md", "sedentary", "4913.md"] {
            #expect(!EditorFiles.isTemporary(name), "\(name)")
        }
        #expect(EditorFiles.isTemporary(path: ".git/index"))
    }

    @Test func theScriptGoesBeforeTheLastBodyEnd() {
        let html = Array("<html><body><p>&lt;/body&gt;</p></body></html>".utf8)
        let out = String(decoding: LiveReloadScript.inject(into: html, base: "/a\"b/"), as: UTF8.self)
        #expect(out == "<html><body><p>&lt;/body&gt;</p><script src=\"/_handbook/live.js\" data-base=\"/a&quot;b/\" defer></script>\n</body></html>")
    }

    @Test func eventsSplitMultilineData() {
        #expect(LiveEvents.message("build", "{\n}") == "event: build\ndata: {\ndata: }\n\n")
    }
}
