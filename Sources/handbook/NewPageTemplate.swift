import HandbookContent
import Yams
import Foundation

/// The starting text of a new page: every required key of its kind, each with a comment.
enum NewPageTemplate {
    static func folder(_ kind: String) -> String {
        ["policy": "policies", "principle": "principles", "example": "examples", "faq": "faq"][kind] ?? kind
    }

    static func languages(content: String) -> [String] {
        guard let text = try? String(contentsOfFile: "\(content)/handbook.yml", encoding: .utf8),
              let node = try? YAMLText.compose(text), let list = node["languages"]?.sequence else { return ["en"] }
        let codes = list.compactMap(\.string)
        return codes.isEmpty ? ["en"] : codes
    }

    static func text(kind: String, id: String, language: String) -> String {
        let title = id.split(separator: "-").joined(separator: " ").capitalized
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        switch kind {
        case "policy":
            return """
            ---
            title: \(title)                # required: the policy's name
            owner: OWNER-ID                # required: an id from people.yml, who answers for this policy
            summary: One sentence on what this policy is for.   # shown in lists and search
            status: draft                  # draft, active or retired
            effective: \(today)            # the day it takes effect (YYYY-MM-DD)
            review_by: \(today)            # the day its owner must review it by
            applies_to: [staff, partners, management]   # who it applies to: everyone, management included
            exceptions:                    # who may grant which exception, up to what limit
              - who: shift lead
                may: a goodwill discount
                limit: 10% of the order
            escalation: [shift lead, support manager, head of customer experience]   # in order
            ---

            Why this policy exists, and what it asks of everyone.

            ## What we do

            The rules, in plain words.

            """
        case "principle":
            return """
            ---
            title: \(title)                # required: the principle in a few words
            owner: OWNER-ID                # required: an id from people.yml
            policy: POLICY-ID              # the id of the policy this principle belongs to
            summary: One sentence that states the principle.   # shown in lists and search
            tags: []                       # a few words to group principles
            ---

            What the principle means in practice. Every principle needs at least one example under
            examples/ that lists it in `principles:`, ideally both a good and a bad one.

            """
        case "example":
            return """
            ---
            title: \(title)                # required: what happened, in a few words
            verdict: good                  # required: good (do this) or bad (never like this)
            principles: [PRINCIPLE-ID]     # required: ids of the principles this story illustrates
            source: where the story comes from   # e.g. a complaint, a call review, a briefing
            ---

            The story: the situation, what the employee did, and what came of it for the client.

            """
        default:
            return """
            ---
            title: \(title)                # required: the briefing's name
            date: \(today)                 # required: the day of the briefing (YYYY-MM-DD)
            facilitator: PERSON-ID         # an id from people.yml, who led the briefing
            ---

            ## The first question asked at the briefing?

            Its answer. Each `## ` heading is one question; link to the principle it concerns,
            e.g. [the principle](../principles/PRINCIPLE-ID.md).

            """
        }
    }
}
