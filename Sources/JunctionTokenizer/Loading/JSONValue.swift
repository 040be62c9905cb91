/// A parsed JSON document, with object members kept in file order.
///
/// Tokenizer files are read with ``JSONParser`` rather than Foundation so that
/// object keys stay exact byte strings: a Swift `Dictionary<String, _>`
/// would merge canonically equivalent vocabulary entries (`é` and `e\u{301}`).
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The member of an object with the given key (the last one if repeated).
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else {
            return nil
        }
        return members.last { $0.key == key }?.value
    }

    /// The members of an object, or `nil`.
    var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or `nil`.
    var arrayElements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The value of a string, or `nil`.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value of a boolean, or `nil`.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value of an integral number, or `nil`.
    var intValue: Int? {
        switch self {
        case .integer(let value):
            return value
        case .number(let value) where value.rounded() == value && abs(value) < 9e15:
            return Int(value)
        default:
            return nil
        }
    }

    /// Whether the value is JSON `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
