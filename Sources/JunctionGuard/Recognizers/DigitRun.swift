/// A run of digits with single separators between groups (`4111 1111-1111 1111`, `+44 (0)20 7946 0958`),
/// the candidate every number recognizer starts from.
struct DigitRun: Sendable {
    /// Where the run is, from its first digit (or `+` / `(`) to its last digit or `)`.
    var span: Range<Int>
    /// The digits, separators removed.
    var digits: [UInt8]
    /// Lengths of the digit groups between separators.
    var groups: [Int]
    /// The distinct separator scalars used (space, `-`, `.`, `/`, parentheses).
    var separators: Set<UInt32>
    /// Whether the run starts with `+` (an international number).
    var international: Bool

    /// Every run in a text whose separators pass `allows`, with a word boundary on both sides.
    static func runs(in text: ScalarText, allowing allows: (UInt32) -> Bool, allowPlus: Bool) -> [DigitRun] {
        var runs: [DigitRun] = []
        var index = 0
        while index < text.count {
            let value = text[index]
            let startsRun =
                text.isDigit(index) || (allowPlus && value == 0x2B && text.isDigit(index + 1))
                || (allows(0x28) && value == 0x28 && text.isDigit(index + 1))
            guard startsRun, !text.isWordCharacter(index - 1), !(text[index - 1] == 0x2E && text.isDigit(index - 2)),
                !(text[index - 1] == 0x2D && text.isDigit(index - 2))
            else {
                index += 1
                continue
            }
            let run = read(from: index, in: text, allowing: allows)
            if !text.isWordCharacter(run.span.upperBound) {
                runs.append(run)
            }
            index = max(run.span.upperBound, index + 1)
        }
        return runs
    }

    private static func read(from start: Int, in text: ScalarText, allowing allows: (UInt32) -> Bool) -> DigitRun {
        var run = DigitRun(span: start..<start, digits: [], groups: [], separators: [], international: false)
        var index = start
        if text[index] == 0x2B {
            run.international = true
            index += 1
        }
        var open = false
        var groupLength = 0
        var end = index
        while index < text.count {
            let value = text[index]
            if text.isDigit(index) {
                run.digits.append(UInt8(value - 0x30))
                groupLength += 1
                index += 1
                end = index
                continue
            }
            // One or two separators (", (" or ") ") then a digit continue the run.
            var next = index
            var seen: [UInt32] = []
            while next < text.count && next - index < 2 && !text.isDigit(next) && allows(text[next]) {
                seen.append(text[next])
                next += 1
            }
            guard !seen.isEmpty, text.isDigit(next) || (open == false && seen.last == 0x28 && text.isDigit(next))
            else {
                if value == 0x29 && open {
                    end = index + 1
                }
                break
            }
            if seen.contains(0x28) { open = true }
            if seen.contains(0x29) { open = false }
            if groupLength > 0 {
                run.groups.append(groupLength)
            }
            groupLength = 0
            run.separators.formUnion(seen)
            index = next
        }
        if groupLength > 0 {
            run.groups.append(groupLength)
        }
        run.span = start..<end
        return run
    }

    /// Whether the digits pass the Luhn check.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// The number the first `count` digits make.
    func prefix(_ count: Int) -> Int {
        digits.prefix(count).reduce(0) { $0 * 10 + Int($1) }
    }
}
