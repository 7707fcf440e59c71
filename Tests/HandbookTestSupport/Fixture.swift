/// A small, valid handbook (uk default, en translations) that tests change one thing at a time.
public enum Fixture {
    public static let handbook: [String: String] = [
        "handbook.yml": """
            title: Test handbook
            languages: [uk, en]
            base_url: /
            site_url: https://cx.example.com
            """,
        "people.yml": """
            - id: olena
              name: Олена Коваль
              role: Head of CX
              email: olena@example.org
            - id: leads
              name: Shift leads
              team: true
            """,
        "index.md": """
            ---
            title: Довідник
            ---

            Вступ до довідника.
            """,
        "policies/service.md": """
            ---
            title: Політика обслуговування
            owner: olena
            summary: Клієнт має піти задоволеним.
            effective: 2025-01-01
            review_by: 2027-01-01
            applies_to: [staff, management]
            exceptions:
              - who: Оператор
                may: Компенсація
                limit: 200 грн
              - who: Старший зміни
                may: Таксі для клієнта
                limit: 1500 грн
            escalation: [Старший зміни, Керівник центру, Директорка]
            ---

            Вступ.

            ## Межі безпеки

            Текст про межі.
            """,
        "policies/service.en.md": """
            ---
            title: Service policy
            owner: olena
            summary: The client must leave satisfied.
            effective: 2025-01-01
            review_by: 2027-01-01
            escalation: [Shift lead, Head of centre, Director]
            ---

            Intro.
            """,
        "principles/help-first.md": """
            ---
            title: Спершу допомогти
            owner: olena
            policy: service
            summary: Допомагаємо одразу.
            ---

            Див. [межі](../policies/service.md#межі-безпеки).
            """,
        "principles/help-first.en.md": """
            ---
            title: Help first
            owner: olena
            policy: service
            ---

            See the [policy](../policies/service.en.md).
            """,
        "principles/listen.md": """
            ---
            title: Вислухати
            owner: leads
            policy: service
            ---

            Текст.
            """,
        "principles/listen.en.md": """
            ---
            title: Listen
            owner: leads
            policy: service
            ---

            Text.
            """,
        "examples/taxi.md": """
            ---
            title: Таксі вночі
            verdict: good
            principles: [help-first]
            source: дзвінок
            ---

            Оператор замовив таксі.
            """,
        "examples/callback.md": """
            ---
            title: Передзвоніть завтра
            verdict: bad
            principles: [help-first, listen]
            ---

            Клієнта відправили.
            """,
        "examples/heard.md": """
            ---
            title: Вислухала
            verdict: good
            principles: [listen]
            ---

            Вислухала до кінця.
            """,
        "examples/tea.md": """
            ---
            title: Пів години на лінії
            verdict: bad
            principles: [help-first]
            ---

            Абонента з терміновим питанням тримали на лінії пів години без відповіді.
            """,
        "faq/briefing.md": """
            ---
            title: Брифінг
            date: 2025-03-12
            facilitator: olena
            ---

            ## Чи покарають мене?

            Ні, див. [принцип](../principles/help-first.md).

            ## Що робити з ескалацією?

            Див. [політику](../policies/service.md).
            """,
    ]

    /// The fixture with some files replaced, added (non-nil) or removed (nil).
    public static func with(_ changes: [String: String?]) -> [String: String] {
        var files = handbook
        for (path, text) in changes { files[path] = text }
        return files
    }

    /// The handbook with its policy asking for acknowledgement, a mailbox and a form for receipts, and
    /// people in audiences of the policy (Olena: management, Taras: staff; Iryna in none).
    public static var acknowledging: [String: String] {
        var files = handbook
        files["policies/service.md"] = files["policies/service.md"]!.replacing("applies_to: [staff, management]", with: "applies_to: [staff, management]\nacknowledge: required")
        files["handbook.yml"]! += "\nacknowledgements:\n  mailbox: acks@example.org\n  form_url: https://forms.example.org/ack?p={policy}&v={version}&who={name}\n"
        files["people.yml"] = """
            - id: olena
              name: Олена Коваль
              role: Head of CX
              email: olena@example.org
              audiences: [management]
            - id: taras
              name: Тарас Гнатюк
              email: taras@example.org
              audiences: [staff]
            - id: iryna
              name: Ірина Бондар
              email: iryna@example.org
            - id: leads
              name: Shift leads
              team: true
            """
        return files
    }
}
