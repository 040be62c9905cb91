/// The first byte of every RESP2 and RESP3 value on the wire.
enum RESPTypeByte: UInt8 {
    case simpleString = 0x2B  // +
    case simpleError = 0x2D  // -
    case integer = 0x3A  // :
    case bulkString = 0x24  // $
    case array = 0x2A  // *
    case null = 0x5F  // _
    case boolean = 0x23  // #
    case double = 0x2C  // ,
    case bigNumber = 0x28  // (
    case bulkError = 0x21  // !
    case verbatimString = 0x3D  // =
    case map = 0x25  // %
    case set = 0x7E  // ~
    case attribute = 0x7C  // |
    case push = 0x3E  // >

    /// The type of `byte`, or nil if it is not a type byte (a switch the compiler turns into a jump table).
    @inline(__always)
    init?(byte: UInt8) {
        switch byte {
        case 0x2B: self = .simpleString
        case 0x2D: self = .simpleError
        case 0x3A: self = .integer
        case 0x24: self = .bulkString
        case 0x2A: self = .array
        case 0x5F: self = .null
        case 0x23: self = .boolean
        case 0x2C: self = .double
        case 0x28: self = .bigNumber
        case 0x21: self = .bulkError
        case 0x3D: self = .verbatimString
        case 0x25: self = .map
        case 0x7E: self = .set
        case 0x7C: self = .attribute
        case 0x3E: self = .push
        default: return nil
        }
    }

    /// The list of valid type bytes, for error messages.
    static let expectedDescription = "one of + - : $ * _ # , ( ! = % ~ | >"
}

extension UInt8 {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let questionMark: UInt8 = 0x3F

    /// Whether the byte is an ASCII decimal digit.
    @inline(__always)
    var isASCIIDigit: Bool { self &- .zero < 10 }

    /// A short human description of the byte for error messages: `'x'` when printable, `0xNN` otherwise.
    var respDescription: String {
        switch self {
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(self)))'"
        case .cr: return "CR"
        case .lf: return "LF"
        default:
            let hex = String(self, radix: 16, uppercase: true)
            return self < 0x10 ? "0x0\(hex)" : "0x\(hex)"
        }
    }
}
