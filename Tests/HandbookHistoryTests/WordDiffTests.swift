import Testing
@testable import HandbookHistory

@Suite struct WordDiffTests {
    @Test func marksInsertedAndDeletedWords() {
        let diff = WordDiff(old: "Оператор може надати 200 грн компенсації.", new: "Оператор може надати 500 грн компенсації одразу.")
        #expect(diff.parts == [
            .same("Оператор може надати "), .deleted("200"), .inserted("500"), .same(" грн "),
            .deleted("компенсації."), .inserted("компенсації одразу."),
        ])
        #expect(diff.insertedWords == 3 && diff.deletedWords == 2)
    }

    @Test func identicalTextsHaveNoChanges() {
        let diff = WordDiff(old: "a b c", new: "a b c")
        #expect(diff.parts == [.same("a b c")])
        #expect(diff.insertedWords == 0 && diff.deletedWords == 0)
    }

    @Test func appendedParagraphIsOneInsertion() {
        let diff = WordDiff(old: "First.\n", new: "First.\n\nSecond one.\n")
        #expect(diff.parts == [.same("First."), .inserted("\n\nSecond one."), .same("\n")])
        #expect(diff.insertedWords == 2)
    }

    @Test func htmlIsEscapedAndAnnouncedForScreenReaders() {
        let html = WordDiff(old: "a <b>", new: "a <i>").html(inserted: "added", deleted: "removed")
        #expect(html == "a <del><span class=\"visually-hidden\">[removed: </span>&lt;b&gt;<span class=\"visually-hidden\">]</span></del><ins><span class=\"visually-hidden\">[added: </span>&lt;i&gt;<span class=\"visually-hidden\">]</span></ins>")
    }

    @Test func hugeRewritesStayBounded() {
        let old = (0..<5000).map { "old\($0)" }.joined(separator: " ")
        let new = (0..<5000).map { "new\($0)" }.joined(separator: " ")
        let diff = WordDiff(old: old, new: new)
        #expect(diff.deletedWords == 5000 && diff.insertedWords == 5000)
    }

    @Test func unchangedTextIsCutToTheLinesAroundTheChange() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacing("line 10", with: "line ten")
        let html = WordDiff(old: old, new: new).html(inserted: "+", deleted: "-")
        #expect(html.hasPrefix("⋯\nline 8\nline 9\nline <del>"))
        #expect(html.hasSuffix("</ins>\nline 11\nline 12\n⋯"))
        #expect(!html.contains("line 7\n") && !html.contains("line 13"))
    }
}
