import Foundation

/// JSON written the way Python's `json.dumps` writes it (default arguments).
public enum PythonJSON {
    /// A JSON value with ordered object keys and Python's int/float distinction.
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case float(Double)
        case string(String)
        case array([Value])
        case object([(String, Value)])
    }

    /// A string value.
    public static func string(_ text: String) -> Value { .string(text) }

    /// `json.dumps(value)`.
    public static func dumps(_ value: Value) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// A metadata value: whole numbers as integers, object keys sorted.
    public static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return .integer(Int(number)) }
            return .float(number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(value))
        case .object(let members): return .object(members.sorted { $0.key < $1.key }.map { ($0.key, value($0.value)) })
        }
    }

    /// Appends `value` as `json.dumps` writes it.
    public static func write(_ value: Value, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .float(let number): out += float(number)
        case .string(let text): quote(text, to: &out)
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += ", " }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { out += ", " }
                quote(member.0, to: &out)
                out += ": "
                write(member.1, to: &out)
            }
            out += "}"
        }
    }

    /// Python's `repr(float)`: shortest round-trip digits, `1.0` for whole
    /// numbers, exponent from 1e16 and below 1e-4 (`1e-05`, `1e+16`); the
    /// non-finite values as `json.dumps` writes them.
    public static func float(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        // Swift's description already follows the same rules for these ranges.
        return "\(number)"
    }

    /// A JSON string with `ensure_ascii`: quotes, backslashes and control
    /// characters escaped, everything outside printable ASCII as `\uXXXX`.
    public static func quote(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += "\\u" + String(format: "%04x", unit)
            }
        }
        out += "\""
    }
}
