import Testing
@testable import HandbookContent

@Suite struct SluggerTests {
    @Test(arguments: [
        ("Межі безпеки", "межі-безпеки"),
        ("Hello, World!", "hello-world"),
        ("Чи покарають мене?", "чи-покарають-мене"),
        ("Зв'язок і  пауза", "звязок-і--пауза"),
        ("Step 1: the `code` part", "step-1-the-code-part"),
        ("Ёлка — ёж", "ёлка--ёж"),
        ("snake_case stays", "snake_case-stays"),
    ])
    func slugFollowsGitHubRule(heading: String, anchor: String) {
        #expect(Slugger.slug(heading) == anchor)
    }

    @Test func repeatedAnchorsGetNumbers() {
        var slugger = Slugger()
        #expect(slugger.anchor(for: "Приклад") == "приклад")
        #expect(slugger.anchor(for: "Приклад") == "приклад-1")
        #expect(slugger.anchor(for: "Приклад") == "приклад-2")
        #expect(slugger.anchor(for: "Приклад 1") == "приклад-1-1")
    }
}
