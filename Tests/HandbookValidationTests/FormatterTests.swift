import HandbookModel
import HandbookValidation
import Testing

@Suite struct FormatterTests {
    let findings = [
        Diagnostic(.principleOwner, at: SourceLocation(file: "principles/a b.md", line: 3, column: 8), "owner 'ghost' is not in people.yml", hint: "did you mean 'olena'?"),
        Diagnostic(.unknownKey, at: SourceLocation(file: "examples/x.md", line: 5), "unknown front matter key 'sumary'"),
    ]

    @Test func textIsCompilerStyleWithACount() {
        let text = DiagnosticFormatter(format: .text).format(findings, root: "content")
        #expect(text == """
            content/principles/a b.md:3:8: error: owner 'ghost' is not in people.yml (did you mean 'olena'?) [principle-owner]
            content/examples/x.md:5:1: warning: unknown front matter key 'sumary' [unknown-key]
            1 error, 1 warning

            """)
    }

    @Test func githubAnnotationsEscapeProperties() {
        let text = DiagnosticFormatter(format: .github).format(findings, root: "content")
        #expect(text.hasPrefix("::error file=content/principles/a b.md,line=3,col=8,title=principle-owner::owner 'ghost' is not in people.yml. did you mean 'olena'?\n"))
        #expect(text.contains("::warning file=content/examples/x.md,line=5,col=1,title=unknown-key::"))
    }

    @Test func jsonHasTheContractFields() throws {
        let text = DiagnosticFormatter(format: .json).format(findings, root: "")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 1)
        #expect(object?["warnings"] as? Int == 1)
        let first = (object?["findings"] as? [[String: Any]])?.first
        #expect(first?["file"] as? String == "principles/a b.md")
        #expect(first?["line"] as? Int == 3 && first?["column"] as? Int == 8)
        #expect(first?["severity"] as? String == "error" && first?["rule"] as? String == "principle-owner")
        #expect(first?["hint"] as? String == "did you mean 'olena'?")
    }
}

import Foundation
