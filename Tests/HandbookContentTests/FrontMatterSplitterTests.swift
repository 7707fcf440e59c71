import Testing
@testable import HandbookContent

@Suite struct FrontMatterSplitterTests {
    @Test func splitsYAMLAndBody() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: A\nowner: b\n---\n\n# Body\n").get()
        #expect(split.yaml == "title: A\nowner: b\n")
        #expect(split.body == "\n# Body\n")
        #expect(split.bodyLineOffset == 4)
    }

    @Test func noFrontMatterMeansAllBody() throws {
        let split = try FrontMatterSplitter.split("# Title\n\ntext\n").get()
        #expect(split.yaml == nil)
        #expect(split.bodyLineOffset == 0)
    }

    @Test func unclosedFrontMatterIsReported() {
        #expect(throws: FrontMatterSplitter.Problem.unclosed) { try FrontMatterSplitter.split("---\ntitle: A\n\nbody").get() }
        #expect(throws: FrontMatterSplitter.Problem.unclosed) { try FrontMatterSplitter.split("---").get() }
    }

    @Test func byteOrderMarkAndCRLFAreFine() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nbody\r\n".utf8)
        let text = try SourceText.decode(bytes).get()
        #expect(text == "---\ntitle: A\n---\nbody\n")
    }

    @Test func invalidUTF8AndNULAreReportedWithLine() {
        let invalid: [UInt8] = Array("ok\nstill ok\n".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(throws: SourceText.Problem.notUTF8(line: 3)) { try SourceText.decode(invalid).get() }
        let nul: [UInt8] = Array("a\nb".utf8) + [0] + Array("c".utf8)
        #expect(throws: SourceText.Problem.nulByte(line: 2)) { try SourceText.decode(nul).get() }
    }
}
