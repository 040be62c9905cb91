/// JSON written by hand where building a Foundation object tree would cost more than the text itself (the
/// gateway's hot path, the CLI's line output): string literals, numbers and arrays in a fixed form.
public enum JSONText {
    /// `text` as a JSON string literal, quotes included (UTF-8 kept as it is; `"`, `\` and control characters
    /// escaped).
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON string, or `null` for nil.
    public static func optionalString(_ text: String?) -> String {
        text.map(quote) ?? "null"
    }

    /// A JSON number in its shortest exact form, `null` for nil or non-finite values.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    /// `values` as a JSON array of numbers, each in its shortest exact form (`null` for non-finite ones).
    public static func array(_ values: [Float]) -> String {
        "[" + values.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ", ") + "]"
    }
}
