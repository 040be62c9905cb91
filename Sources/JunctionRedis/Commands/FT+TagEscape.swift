extension FT {
    /// A tag value escaped as RedisVL's `Tag ==` escapes it (`TokenEscaper.TAG_ESCAPED_CHARS`): a backslash
    /// before each of `,.<>{}[]\"':;!@#$%^&*()-+=~|/?` and the space.
    public static func escapeTag(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            if tagSpecials.contains(scalar) { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return escaped
    }

    private static let tagSpecials = Set(",.<>{}[]\\\"':;!@#$%^&*()-+=~|/ ?".unicodeScalars)
}
