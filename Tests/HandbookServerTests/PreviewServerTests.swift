import Testing
@testable import HandbookServer
