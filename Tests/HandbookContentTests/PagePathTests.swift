import HandbookModel
import Testing
@testable import HandbookContent

@Suite struct PagePathTests {
    let languages = ["uk", "ru", "en"]

    @Test func kindIdAndLanguageComeFromThePath() {
        let english = PagePath("principles/help-first.en.md", languages: languages)
        #expect(english.kind == .principle && english.id == "help-first" && english.language == "en")
        let explicitDefault = PagePath("principles/help-first.uk.md", languages: languages)
        #expect(explicitDefault.id == "help-first" && explicitDefault.language == "uk")
        let plain = PagePath("guides/v1.2.md", languages: languages)
        #expect(plain.kind == .page && plain.id == "guides/v1.2" && plain.language == "uk")
        let nested = PagePath("examples/fuel/hose.md", languages: languages)
        #expect(nested.kind == .example && nested.id == "fuel/hose")
        let faq = PagePath("faq/2025-03.md", languages: languages)
        #expect(faq.kind == .faq && faq.id == "2025-03")
    }
}
