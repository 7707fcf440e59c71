import HandbookModel
import HandbookValidation
import HandbookOutput
import HandbookTheme

/// Why a build could not run or publish (findings about the content are not errors: they are in the
/// report). Each is a finding with a file and a rule, turned into text by the one `DiagnosticFormatter`.
public enum BuildError: Error, CustomStringConvertible {
    /// The content folder cannot be read, or an option cannot be used with it.
    case content(Diagnostic)
    /// A template or strings file of the theme does not compile.
    case theme(Theme.ThemeError)
    /// A file of the output cannot be written.
    case write(WriteError)
    /// The output folder cannot be made or replaced.
    case publish(AtomicPublisher.PublishError)

    public var diagnostic: Diagnostic {
        switch self {
        case .content(let finding): finding
        case .theme(let error): error.diagnostic
        case .write(let error): Diagnostic(.output, at: SourceLocation(file: error.path), error.reason, hint: "nothing was published")
        case .publish(let error): Diagnostic(.output, at: SourceLocation(file: error.path), error.description, hint: "the output was left as it was")
        }
    }

    /// The error as `handbook` prints it.
    public var description: String {
        DiagnosticFormatter(format: .text).line(diagnostic)
    }
}
