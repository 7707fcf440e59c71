import HandbookModel

/// `review-overdue`: a policy whose review date has passed.
enum ReviewRules {
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        guard case .policy(let fields) = page.frontMatter.fields, fields.status != .retired,
              let due = ReviewSchedule.reviewBy(fields, settings: context.handbook.settings), due.value < context.today
        else { return }
        findings.append(Diagnostic(.reviewOverdue, at: due.location, "the policy '\(page.id)' was due for review on \(due.value)",
                                   hint: "review it with its owner and move 'review_by' forward"))
    }
}

/// When a policy must be reviewed: its `review_by`, else `effective` plus `review_interval_days`.
public enum ReviewSchedule {
    public static func reviewBy(_ fields: PolicyFields, settings: Settings) -> Located<Day>? {
        if let reviewBy = fields.reviewBy { return reviewBy }
        if let effective = fields.effective, let days = settings.reviewIntervalDays {
            return Located(effective.value.adding(days: days), at: effective.location)
        }
        return nil
    }
}
