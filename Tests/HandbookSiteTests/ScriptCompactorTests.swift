@testable import HandbookSite
import Testing
@testable import HandbookTheme

/// Theme scripts lose whole-line comments, blank lines and indentation, and nothing else.
@Suite struct ScriptCompactorTests {
    func compact(_ source: String) -> String {
        String(decoding: ScriptCompactor.compact(Array(source.utf8)), as: UTF8.self)
    }

    @Test func commentsThatTakeWholeLinesAndIndentationGo() {
        let source = """
            (function () {
              // a line comment
              /** a block comment
                  on two lines */
              var a = 1; // a trailing comment stays

              /* closed */
              return a;
            })();
            """
        #expect(compact(source) == "(function () {\nvar a = 1; // a trailing comment stays\nreturn a;\n})();\n")
    }

    @Test func codeAfterACommentAndInsideStringsStays() {
        let source = "  /* note */ var b = '// not a comment';\n  /* open\n  close */ var c = /\\/\\*/;\n  var url = 'http://x';\n"
        #expect(compact(source) == "/* note */ var b = '// not a comment';\nvar c = /\\/\\*/;\nvar url = 'http://x';\n")
    }

    @Test func aScriptWithATemplateOrAContinuedStringIsLeftAsItIs() {
        let template = "  // a comment\n  var html = `<p>\n    text\n  </p>`;\n"
        #expect(compact(template) == template)
        let continued = "  // a comment\n  var s = 'one \\\n    two';\n"
        #expect(compact(continued) == continued)
        // Backticks in comments are no reason to keep a script whole.
        #expect(compact("  /** `compounds` */\n  var a = 1;\n") == "var a = 1;\n")
    }
}
