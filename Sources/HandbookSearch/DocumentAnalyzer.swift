/// Turns a run of documents into stem ids with their frequency per field (title, headings, summary, body),
/// with one form → stem cache for the run, so each distinct form is stemmed once per run.
struct DocumentAnalyzer {
    struct Analyzed: Sendable {
        var terms: [Int32]
        var counts: [SIMD4<Float>]
        var lengths: SIMD4<Float>
    }

    /// A run's stems (ids local to the run) and its documents.
    struct Run: Sendable {
        var stems: TermTable
        var documents: [Analyzed]
    }

    private let stemmer: Stemmer
    private var forms = TermTable()
    private var stems = TermTable()
    private var stemOfForm: [Int32] = []
    /// Per stem, its counts in the document being analyzed (zero again after each document).
    private var counts: [SIMD4<Float>] = []
    private var touched: [Int32] = []
    private var lengths = SIMD4<Float>(repeating: 0)

    private init(stemmer: Stemmer) {
        self.stemmer = stemmer
    }

    static func analyze(_ documents: ArraySlice<SearchDocument>, stemmer: Stemmer) -> Run {
        var analyzer = DocumentAnalyzer(stemmer: stemmer)
        var analyzed: [Analyzed] = []
        analyzed.reserveCapacity(documents.count)
        for document in documents { analyzed.append(analyzer.analyze(document)) }
        return Run(stems: analyzer.stems, documents: analyzed)
    }

    private mutating func analyze(_ document: SearchDocument) -> Analyzed {
        lengths = SIMD4<Float>(repeating: 0)
        add(document.title, field: 0)
        for section in document.sections where !section.heading.isEmpty { add(section.heading, field: 1) }
        for fact in document.facts {
            // A fact with its own place on the page (exceptions, escalation) is found by its heading too.
            if !fact.anchor.isEmpty { add(fact.heading, field: 1) }
            add(fact.text, field: 1)
            add(NumberGroups.joined(fact.text), field: 1)
        }
        add(document.summary, field: 2)
        for section in document.sections {
            add(section.text, field: 3)
            add(NumberGroups.joined(section.text), field: 3)
        }
        let result = Analyzed(terms: touched, counts: touched.map { counts[Int($0)] }, lengths: lengths)
        for id in touched { counts[Int(id)] = .zero }
        touched.removeAll(keepingCapacity: true)
        return result
    }

    private mutating func add(_ text: String, field: Int) {
        SearchTokenizer.scan(text) { form in count(form, field: field) }
    }

    @inline(__always)
    private mutating func count(_ form: UnsafeBufferPointer<UInt16>, field: Int) {
        let formID = Int(forms.insert(form))
        if formID == stemOfForm.count { stemOfForm.append(stems.insert(stemmer.stem(Array(form)))) }
        let stemID = Int(stemOfForm[formID])
        if stemID >= counts.count { counts.append(contentsOf: repeatElement(.zero, count: stemID - counts.count + 1)) }
        if counts[stemID] == .zero { touched.append(Int32(stemID)) }
        counts[stemID][field] += 1
        lengths[field] += 1
    }
}
