import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
@testable import HandbookTheme
import Testing

/// The compiled templates (`CompiledTemplates`) give what swift-mustache gives, byte for byte: for the
/// whole sample handbook with its history, and for a theme of templates that use every corner of
/// Mustache's whitespace rules and swift-mustache's lookups and transforms.
@Suite struct CompiledTemplatesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func theSampleHandbookIsSwiftMustachesByteForByte() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/content", toPath: repo.path + "/content")
        try repo.commit("Initial handbook", author: "Olena Koval", date: "2026-10-01T09:00:00+03:00")
        let policy = repo.path + "/content/policies/client-first.md"
        let text = try String(contentsOfFile: policy, encoding: .utf8)
        try repo.commit("Raise the limit", author: "Taras Hnatiuk", date: "2026-11-20T10:00:00+02:00",
                        files: ["content/policies/client-first.md": text.replacing("200 грн", with: "300 грн") + "\nOne more \"line\" & <more>.\n"])
        #expect(try Theme(overrides: nil).isCompiled)
        func build(_ output: String, compiled: Bool) throws -> [String: [UInt8]] {
            var options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/\(output)", today: Day(year: 2026, month: 12, day: 1))
            options.compiledTemplates = compiled
            // The engine's own output, with no page cut by shape either.
            options.cutTemplates = compiled
            #expect(try SiteBuilder(options: options).build().published)
            var result: [String: [UInt8]] = [:]
            for path in repo.folder.files(under: output) {
                result[path] = Array(FileManager.default.contents(atPath: "\(repo.path)/\(output)/\(path)") ?? Data())
            }
            return result
        }
        let compiled = try build("compiled", compiled: true), engine = try build("engine", compiled: false)
        #expect(compiled.count == engine.count && compiled.count > 100)
        for (path, bytes) in engine where compiled[path] != bytes {
            Issue.record("\(path) differs")
        }
    }

    /// Templates written to trip a re-implementation: indented and nested partials, standalone tags, CRLF
    /// lines, changed delimiters, comments, dotted and top-only names, climbing the stack, transforms of
    /// arrays, strings, numbers and the sequence position, inverted sections of every kind of value,
    /// unescaped variables, another content type, a missing partial, values of other types.
    @Test func trickyTemplatesRenderAsSwiftMustacheRendersThem() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let templates: [String: String] = [
            "main": """
                <h1>{{title}}</h1>
                  {{> item-list}}
                {{! a comment }}
                {{#owner}}{{name}} ({{owner.name}}, {{.name}}, {{title}}){{/owner}}
                {{#owner}}
                  {{#first(items)}}first: {{title}}{{/first(items)}}
                {{/owner}}
                \t{{#items}}
                  <li class="{{#first()}}first{{/first()}}{{#last()}} last{{/last()}}">{{index()}} {{#even()}}even{{/even()}}{{^odd()}}!{{/odd()}}{{title}} {{& title}} {{{title}}}{{#meta}}{{#first()}}meta first{{/first()}}{{/meta}}</li>
                \t{{/items}}
                count={{count(items)}} empty={{empty(items)}} none={{empty(nothing)}} {{uppercased(title)}} {{lowercased(title)}} {{reversed(title)}}
                {{#reversed(items)}}{{title}};{{/reversed(items)}} {{#last(items)}}{{title}}{{/last(items)}} {{plusone(number)}} {{#equalzero(zero)}}zero{{/equalzero(zero)}}
                {{^items}}no items{{/items}}{{^empty}}no empty{{/empty}}{{^missing}}no missing{{/missing}}{{^flag}}no flag{{/flag}}{{^yes}}no yes{{/yes}}
                {{#yes}}yes {{title}}{{/yes}}{{#flag}}flag{{/flag}}{{#zero}}zero is {{.}}{{/zero}}{{#words}}<{{.}}>{{/words}}{{#text}}[{{.}}]{{/text}}
                {{#empty}}never{{/empty}}{{missing}}{{deep.a.b.c}} {{deep.a.missing.c}} {{#deep.a}}{{b.c}}{{/deep.a}}
                {{=<% %>=}}
                <% title %> {{title}} <%& raw %>
                <%={{ }}=%>
                {{raw}} {{{raw}}} {{double}} {{optional}} {{nothing}} {{point.x}},{{point.y}} {{t.home}} {{#t}}{{home}}{{/t}}
                {{#opt}}[{{.}}]{{/opt}}{{none}}{{^empty}}{{.}}{{/empty}}{{#items}}{{#yes}}{{index()}}{{/yes}}{{/items}}{{#sorted(t)}}{{key}}={{value}};{{/sorted(t)}}
                {{#items}}{{> position}}{{/items}}
                {{> missing-partial}}
                {{> text-partial}}
                {{#items}}
                    {{> nested}}
                {{/items}}
                end\r
                crlf {{title}}\r
                  {{#yes}}\r
                inside\r
                  {{/yes}}\r
                last line
                """,
            "item-list": """
                <ul>
                {{#items}}
                  <li>{{title}}</li>
                    {{> nested}}
                {{/items}}
                </ul>
                """,
            "nested": "<span>\n{{title}}\n</span>\n{{#first()}}\n  first\n{{/first()}}\n",
            "text-partial": "{{% CONTENT_TYPE: TEXT}}{{raw}}\n",
            // A partial clears the sequence position; CRLF lines inside an indented partial; a blank first line.
            "position": "\n{{#first()}}never{{/first()}}{{title}}\r\n  {{#yes}}\r\n  yes\r\n  {{/yes}}\r\n",
            "first-indented": "  {{> nested}}\n{{#items}}\n{{title}}\n{{/items}}\n",
            "tree": "<li>{{name}}{{#children}}<ul>{{> tree}}</ul>{{/children}}</li>",
        ]
        try folder.write(Dictionary(uniqueKeysWithValues: templates.map { ("templates/\($0.key).mustache", $0.value) }))
        struct Point { var x = 3; var y: Int? = 4 }
        let contexts: [[String: Any]] = [
            [
                "title": "Client & \"first\" <b>", "raw": "<i>raw & ok</i>", "number": 41, "zero": 0, "double": 2.5,
                "optional": Optional("wrapped") as Any, "yes": true, "flag": false, "empty": [[String: Any]](), "words": ["a&b", "c"],
                "text": "plain", "point": Point(), "t": ["home": "Головна"],
                "owner": ["name": "Olena 'O' Koval", "items": [["title": "Owner's item"]]] as [String: Any],
                "items": [["title": "One <1>", "meta": ["x": 1]], ["title": "Two"], ["title": "Three & 3"]] as [[String: Any]],
                "deep": ["a": ["b": ["c": "deep c"]]],
                "opt": Optional<String>.none as Any, "none": Optional<Int>.none as Any,
            ],
            ["title": "Bare", "items": [["title": "Only"]] as [[String: Any]], "yes": false, "flag": true],
            [:],
        ]
        let compiled = try Theme(overrides: folder.path), engine = try Theme(overrides: folder.path, compiled: false)
        #expect(compiled.isCompiled && !engine.isCompiled)
        for (index, context) in contexts.enumerated() {
            for template in ["main", "item-list", "nested", "text-partial", "position", "first-indented"] {
                let mine = compiled.render(context, template: template), theirs = engine.render(context, template: template)
                #expect(mine == theirs, "context \(index), template \(template):\n\(mine)\n---\n\(theirs)")
            }
        }
        // A recursive partial as deep as its data: past the depth limit the page is swift-mustache's, the same.
        func tree(_ depth: Int) -> [String: Any] { ["name": "level \(depth)", "children": depth == 0 ? [] : [tree(depth - 1)]] }
        for depth in [3, 40, 300] {
            #expect(compiled.render(tree(depth), template: "tree") == engine.render(tree(depth), template: "tree"), "tree of \(depth)")
        }
        let rendered = compiled.render(contexts[0], template: "main")
        #expect(rendered.contains("Client &amp; &quot;first&quot; &lt;b&gt;") && rendered.contains("<i>raw & ok</i>") && rendered.contains("deep c"))
    }

    /// A list entry's text kept from an earlier rendering (`TemplateFragments`, the preview server's) is the
    /// text a fresh rendering gives: kept only for entries whose rendering read nothing but their element, found again
    /// only for the same element, whatever the order and the contexts around it.
    @Test func keptEntriesAreWhatAFreshRenderingGives() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let templates = [
            "own": "<ul>{{#items}}<li>{{title}}{{#lang}} ({{lang}}){{/lang}}</li>\n{{/items}}</ul>",
            "nested": "{{#items}}{{title}}{{#meta}} {{x}}{{/meta}};{{/items}}",
            "missing": "{{#items}}{{title}}{{nowhere}};{{/items}}",
            "outer": "{{#items}}<li>{{title}} {{suffix}}</li>{{/items}}",
            "position": "{{#items}}{{#first()}}first: {{/first()}}{{title}};{{/items}}",
            "partial": "{{#items}}{{> entry}}{{/items}}",
            "entry": "<{{title}}>",
            "indented": "<ul>\n  {{> rows}}\n</ul>",
            "rows": "{{#items}}\n<li>{{title}}</li>\n{{/items}}",
        ]
        try folder.write(Dictionary(uniqueKeysWithValues: templates.map { ("templates/\($0.key).mustache", $0.value) }))
        let compiled = try Theme(overrides: folder.path), engine = try Theme(overrides: folder.path, compiled: false)
        let fragments = TemplateFragments()
        var items: [[String: Any]] = [["title": "A & B", "lang": "en", "meta": ["x": 1]], ["title": "Б", "lang": false, "meta": false],
                                      ["title": "В", "lang": false, "meta": ["y": 2]]]
        func expectSame(_ suffix: String, _ note: String) {
            for template in ["own", "nested", "missing", "outer", "position", "partial", "indented"] {
                // A name found nowhere at first (`nowhere`) may be found around the list later.
                var context: [String: Any] = ["items": items, "suffix": suffix, "x": "outer x", "y": "outer y"]
                if suffix != "one" { context["nowhere"] = " around \(suffix)" }
                let mine = compiled.render(context, template: template, fragments: fragments), theirs = engine.render(context, template: template)
                #expect(mine == theirs, "\(note), \(template):\n\(mine)\n---\n\(theirs)")
            }
        }
        expectSame("one", "first rendering")
        // Kept: every entry of `own` and `partial` (its partial reads the element), the first two of `nested` (the
        // third one's `meta` has no `x`: it is read from around the list), every entry of `missing` (with the
        // name it found nowhere, used again only while nothing around the list has it); none of those that
        // read `suffix` or the position, or are indented.
        #expect(fragments.count == 3 + 3 + 2 + 3)
        expectSame("one", "the same again: the kept texts")
        #expect(fragments.count == 3 + 3 + 2 + 3)
        expectSame("two", "the same elements, other contexts around them (`nowhere` is found around the list)")
        items.reverse()
        items[0]["title"] = "В, renamed"
        expectSame("three", "reordered, one changed")
        // The changed element is new to `own` and `partial`.
        #expect(fragments.count == 3 + 3 + 2 + 3 + 2)
    }

    /// The kept texts stay under their limit (all dropped when it is reached, each list then rendered
    /// whole), a list of lists is not kept, and what is rendered is the same throughout.
    @Test func keptTextsStayUnderTheirLimit() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["templates/own.mustache": "{{#items}}<li>{{title}}</li>{{/items}}",
                          "templates/groups.mustache": "{{#groups}}<h2>{{letter}}</h2>{{#items}}<li>{{title}}</li>{{/items}}{{/groups}}"])
        let compiled = try Theme(overrides: folder.path), engine = try Theme(overrides: folder.path, compiled: false)
        let fragments = TemplateFragments(limit: 400)
        let held: [[String: Any]] = (0..<5).map { ["title": "held \($0)"] }
        for round in 0..<100 {
            let fresh: [[String: Any]] = (0..<5).map { ["title": "fresh \(round) \($0)"] }
            let context: [String: Any] = ["items": held + fresh]
            #expect(compiled.render(context, template: "own", fragments: fragments) == engine.render(context, template: "own"))
            #expect(fragments.count <= 400 / 15, "\(fragments.count) texts kept")
        }
        let long = (0..<2_000).map { ["title": "entry \($0)"] as [String: Any] }
        let groups: [String: Any] = ["groups": [["letter": "E", "items": long]] as [[String: Any]]]
        let big = TemplateFragments()
        #expect(compiled.render(groups, template: "groups", fragments: big) == engine.render(groups, template: "groups"))
        #expect(big.count == 2_000, "the entries are kept, their group (\(2_000 * 22) bytes) is not")
    }

    /// A theme that uses template inheritance (which the plans do not render) is rendered by swift-mustache.
    @Test func aThemeWithInheritanceIsRenderedBySwiftMustache() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["templates/base.mustache": "<main>{{$body}}default{{/body}}</main>\n",
                          "templates/child.mustache": "{{<base}}{{$body}}{{title}} &{{/body}}{{/base}}\n"])
        let theme = try Theme(overrides: folder.path)
        #expect(!theme.isCompiled)
        #expect(theme.render(["title": "A < B"], template: "child").contains("<main>A &lt; B &</main>"))
    }
}
