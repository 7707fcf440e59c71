import Glibc
import Foundation
import HandbookModel

/// The contexts of a policy's briefing pack (a handout a team lead briefs from, made for paper) and of
/// its self-check ("Right or wrong?": its examples without their verdicts).
struct BriefingContexts {
    let site: SiteContext
    let history: SiteHistory

    /// One case of a self-check: an example of one of the policy's principles.
    struct Item {
        var example: Page
        var principles: [Page]
    }

    /// The examples of a policy's principles, in the order of its principles (good ones, then bad ones, as
    /// the principle lists them), each once, with every principle of the policy it illustrates.
    static func items(of policy: Page, site: SiteContext) -> [Item] {
        var items: [Item] = [], seen: [String: Int] = [:]
        let language = policy.language, relations = site.relations
        for principleID in relations.principlesByPolicy[policy.id] ?? [] {
            guard let principle = relations.page(PageKey(kind: .principle, id: principleID), language: language) else { continue }
            for id in (relations.goodExamples[principleID] ?? []) + (relations.badExamples[principleID] ?? []) {
                if let index = seen[id] {
                    items[index].principles.append(principle)
                    continue
                }
                guard let example = relations.page(PageKey(kind: .example, id: id), language: language), example.situation != nil else { continue }
                seen[id] = items.count
                items.append(Item(example: example, principles: [principle]))
            }
        }
        return items
    }

    /// The version of a policy: its last substantive commit (date and short hash), the same on the pack's
    /// cover and in the self-check's storage key.
    func version(_ policy: Page) -> [String: Any]? {
        guard let revision = history.history.lastSubstantive(policy.path) else { return nil }
        return ["date": site.dateContext(revision.date, language: policy.language), "short": revision.shortCommit,
                "id": "\(revision.date)-\(revision.shortCommit)"]
    }

    func packURL(_ policy: Page) -> String { site.urls.url(site.urls.languagePrefix(policy.language) + "briefing/\(policy.id)/") }

    func selfCheckURL(_ policy: Page) -> String { site.urls.url(site.urls.languagePrefix(policy.language) + "self-check/\(policy.id)/") }

    func itemContexts(_ policy: Page, _ items: [Item]) -> [[String: Any]] {
        let language = policy.language, t = site.t(language)
        return items.enumerated().map { index, item -> [String: Any] in
            let verdict: Verdict = if case .example(let fields) = item.example.frontMatter.fields, fields.verdict == .bad { .bad } else { .good }
            var better: Any = false
            if case .example(let fields) = item.example.frontMatter.fields, verdict == .bad, let text = fields.better?.value, !text.isEmpty { better = text }
            return ["number": index + 1, "id": "case-\(item.example.id)", "title": item.example.title, "url": site.urls.page(item.example),
                    "situation": item.example.situation ?? "", "verdict": site.verdictContext(verdict, language: language),
                    "answer": verdict.rawValue, "better": better,
                    "lang": item.example.language == language ? false : item.example.language,
                    "principles": item.principles.map { ["title": $0.title, "url": site.urls.page($0), "id": $0.id] as [String: Any] },
                    "goodText": t["self_check_good"], "badText": t["self_check_bad"]]
        }
    }

    func pack(_ policy: Page, policyContext: [String: Any]) -> [String: Any] {
        let language = policy.language, t = site.t(language), relations = site.relations
        var context = policyContext
        context["title"] = policy.title
        context["html"] = absolute(HistoryPages.prefixingIDs(policy.body.html, with: "policy-"))
        context["packTitle"] = t["briefing_pack_of"].replacingOccurrences(of: "{title}", with: policy.title)
        context["policyURL"] = site.urls.page(policy)
        context["selfCheckURL"] = selfCheckURL(policy)
        context["version"] = version(policy) ?? false
        context["built"] = site.dateContext(site.today, language: language)
        if let address = site.settings.absoluteURL(site.urls.page(policy)) {
            context["qr"] = QRCode.svg(address, label: "\(t["pack_scan"]): \(address)") ?? false
            context["address"] = address
        }
        var questions: [[String: Any]] = [], asked: Set<String> = []
        let principles = (relations.principlesByPolicy[policy.id] ?? []).compactMap { id -> [String: Any]? in
            guard let principle = relations.page(PageKey(kind: .principle, id: id), language: language) else { return nil }
            var item: [String: Any] = ["title": principle.title, "url": site.urls.page(principle), "id": id,
                                       "html": absolute(HistoryPages.prefixingIDs(principle.body.html, with: "p-\(id)-")),
                                       "lang": principle.language == language ? false : principle.language]
            if let owner = principle.frontMatter.fields.owner { item["owner"] = site.personContext(owner.value, language: language) }
            item["good"] = examples(relations.goodExamples[id] ?? [], language: language)
            item["bad"] = examples(relations.badExamples[id] ?? [], language: language)
            for ref in relations.questionsByPrinciple[id] ?? [] where asked.insert("\(ref.faq.id)#\(ref.anchor)").inserted {
                // The question, its anchor and its answer come from the briefing the relation was read from.
                guard let faq = relations.translations[ref.faq].flatMap({ Relations.primary($0, defaultLanguage: site.settings.defaultLanguage) }) else { continue }
                let answer = Self.section(of: faq.body.html, anchor: ref.anchor).map { HistoryPages.prefixingIDs($0, with: "q\(questions.count + 1)-") }
                questions.append(["question": ref.question, "url": site.urls.page(faq) + "#" + ref.anchor, "briefing": faq.title,
                                  "answer": answer.map { absolute($0) } ?? false, "lang": faq.language == language ? false : faq.language])
            }
            return item
        }
        context["packPrinciples"] = principles
        if !questions.isEmpty { context["packQuestions"] = questions }
        context["items"] = itemContexts(policy, Self.items(of: policy, site: site))
        context["footer"] = CSSText.string([policy.title, (version(policy)?["id"] as? String).map { "\(t["pack_version"]) \($0)" } ?? t["pack_not_committed"]]
            .joined(separator: " · "))
        context["pageWord"] = CSSText.string(t["pack_page"])
        context["ofWord"] = CSSText.string(t["pack_of"])
        return context
    }

    func selfCheck(_ policy: Page) -> [String: Any] {
        let t = site.t(policy.language), items = Self.items(of: policy, site: site)
        return ["title": t["self_check_of"].replacingOccurrences(of: "{title}", with: policy.title), "policyTitle": policy.title,
                "policyURL": site.urls.page(policy), "packURL": packURL(policy), "items": itemContexts(policy, items),
                "storageKey": "handbook-self-check:\(policy.id):\(policy.language):\(contentVersion(policy, items))",
                "scoreText": t["self_check_score"], "scriptURL": site.asset("self-check.js")]
    }

    private func examples(_ ids: [String], language: String) -> [[String: Any]] {
        ids.compactMap { id -> [String: Any]? in
            guard let example = site.relations.page(PageKey(kind: .example, id: id), language: language) else { return nil }
            var better: Any = false
            if case .example(let fields) = example.frontMatter.fields, fields.verdict == .bad, let text = fields.better?.value, !text.isEmpty { better = text }
            return ["title": example.title, "url": site.urls.page(example), "html": absolute(HistoryPages.prefixingIDs(example.body.html, with: "e-\(id)-")),
                    "better": better, "lang": example.language == language ? false : example.language]
        }
    }

    /// Links into the handbook made absolute with `site_url`, so a printed pack names addresses a reader can type.
    private func absolute(_ html: String) -> String {
        guard let base = site.settings.absoluteURL(site.urls.baseURL) else { return html }
        return html.replacingOccurrences(of: "href=\"\(site.urls.baseURL)", with: "href=\"\(base)")
    }

    /// The newest substantive commit of a policy, its principles and their examples: what a self-check's
    /// answers are kept under (a verdict changed in an example starts it afresh too).
    func contentVersion(_ policy: Page, _ items: [Item]) -> String {
        var paths = [policy.path]
        for item in items { paths.append(item.example.path); paths += item.principles.map(\.path) }
        let newest = paths.compactMap { history.history.lastSubstantive($0) }.max { ($0.timestamp, $0.commit) < ($1.timestamp, $1.commit) }
        return newest.map { "\($0.date)-\($0.shortCommit)" } ?? "uncommitted"
    }

    /// The HTML under a level-2 heading: from the end of `<h2 id="ANCHOR">…</h2>` to the next `<h2`.
    /// Searched as UTF-8 bytes (the anchors are the slugger's, byte for byte): every briefing
    /// pack looks up each of its questions' answers in a briefing's whole page.
    static func section(of html: String, anchor: String) -> String? {
        var html = html
        let opening = Array("<h2 id=\"\(HTMLEscaping.attribute(anchor))\">".utf8), closing = Array("</h2>".utf8), next = Array("<h2".utf8)
        let range: Range<Int>? = html.withUTF8 { bytes in
            guard let start = find(opening, in: bytes, from: 0), let close = find(closing, in: bytes, from: start + opening.count) else { return nil }
            let from = close + closing.count
            return from..<(find(next, in: bytes, from: from) ?? bytes.count)
        }
        guard let range else { return nil }
        let utf8 = html.utf8
        let text = html[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, from <= bytes.count else { return nil }
        // memchr for the first byte, memcmp for the rest (Glibc's module has no memmem).
        var at = from
        while at + pattern.count <= bytes.count {
            guard let hit = memchr(base + at, Int32(pattern[0]), bytes.count - at) else { return nil }
            let index = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            guard index + pattern.count <= bytes.count else { return nil }
            if pattern.withUnsafeBytes({ memcmp(base + index, $0.baseAddress!, pattern.count) }) == 0 { return index }
            at = index + 1
        }
        return nil
    }
}
