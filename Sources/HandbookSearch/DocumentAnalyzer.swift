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

    static func analyze(_ documents: ArraySlice<SearchDocument>, stemmer: Stemmer) -> Run {
        var forms = TermTable(), stems = TermTable()
        var stemOfForm: [Int32] = []
        var counts: [SIMD4<Float>] = []
        var touched: [Int32] = []
        var analyzed: [Analyzed] = []
        analyzed.reserveCapacity(documents.count)
        for document in documents {
            var lengths = SIMD4<Float>(repeating: 0)
            func add(_ text: String, field: Int) {
                SearchTokenizer.scan(text) { form in
                    let formID = Int(forms.insert(form))
                    if formID == stemOfForm.count { stemOfForm.append(stems.insert(stemmer.stem(Array(form)))) }
                    let stemID = Int(stemOfForm[formID])
                    if stemID >= counts.count { counts.append(contentsOf: repeatElement(.zero, count: stemID - counts.count + 1)) }
                    if counts[stemID] == .zero { touched.append(Int32(stemID)) }
                    counts[stemID][field] += 1
                    lengths[field] += 1
                }
            }
            add(document.title, field: 0)
            for section in document.sections where !section.heading.isEmpty { add(section.heading, field: 1) }
            add(document.summary, field: 2)
            for section in document.sections { add(section.text, field: 3) }
            analyzed.append(Analyzed(terms: touched, counts: touched.map { counts[Int($0)] }, lengths: lengths))
            for id in touched { counts[Int(id)] = .zero }
            touched.removeAll(keepingCapacity: true)
        }
        return Run(stems: stems, documents: analyzed)
    }
}
