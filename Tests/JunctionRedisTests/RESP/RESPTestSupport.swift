import NIOCore
import Testing

@testable import JunctionRedis

/// A small, fast, seedable random number generator (SplitMix64), so fuzz runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What decoding a byte string produced: the complete values, then either an error or the bytes left over.
struct DecodeOutcome: Equatable, CustomStringConvertible {
    var values: [RESPValue] = []
    var error: RESPProtocolError?
    /// Bytes consumed by the decoder at the end (complete values plus parts of an unfinished aggregate).
    var consumed = 0

    var description: String {
        "values: \(values), error: \(error.map(String.init(describing:)) ?? "none"), consumed: \(consumed)"
    }
}

/// Wire bytes and the value they decode to; shown escaped (`"+OK\r\n"`) in test output.
struct WireExample: Sendable, CustomTestStringConvertible {
    let wire: String
    let value: RESPValue

    init(_ wire: String, _ value: RESPValue) {
        self.wire = wire
        self.value = value
    }

    var testDescription: String { wire.debugDescription }
}

/// Malformed wire bytes with the error code and stream offset they must produce.
struct MalformedExample: Sendable, CustomTestStringConvertible {
    let wire: String
    let code: RESPProtocolError.Code
    let offset: Int

    init(_ wire: String, _ code: RESPProtocolError.Code, _ offset: Int) {
        self.wire = wire
        self.code = code
        self.offset = offset
    }

    var testDescription: String { wire.debugDescription }
}

enum RESPTestSupport {
    /// Encodes a value with the encoder under test.
    static func encode(_ value: RESPValue) -> ByteBuffer {
        var buffer = ByteBuffer()
        RESPEncoder().encode(value, into: &buffer)
        return buffer
    }

    /// Decodes `bytes` fed in chunks of `chunkSize` (nil: all at once), collecting every value until the
    /// bytes run out or the decoder throws. Any error other than `RESPProtocolError` is recorded as a failure.
    static func decode(_ bytes: [UInt8], chunkSize: Int? = nil, limits: RESPDecoder.Limits = .init()) -> DecodeOutcome {
        var decoder = RESPDecoder(limits: limits)
        var outcome = DecodeOutcome()
        var buffer = ByteBuffer()
        var fed = 0
        let step = max(1, chunkSize ?? bytes.count)
        repeat {
            let end = min(bytes.count, fed + step)
            buffer.writeBytes(bytes[fed..<end])
            fed = end
            do {
                while let value = try decoder.next(&buffer) {
                    outcome.values.append(value)
                }
            } catch let error as RESPProtocolError {
                outcome.error = error
                break
            } catch {
                Issue.record("unexpected error type \(type(of: error)): \(error)")
                break
            }
        } while fed < bytes.count
        outcome.consumed = fed - buffer.readableBytes
        return outcome
    }

    /// Decodes exactly one value from `wire`, expecting no bytes left over.
    static func decodeOne(_ wire: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RESPValue? {
        var decoder = RESPDecoder()
        var buffer = ByteBuffer(string: wire)
        let value = try decoder.next(&buffer)
        #expect(buffer.readableBytes == 0, "bytes left over", sourceLocation: sourceLocation)
        return value
    }
}

/// Generates random RESP values of every type, for round-trip and fuzz tests.
struct RandomRESPValues {
    var rng: SplitMix64

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func bytes(maxCount: Int, alphabet: [UInt8]? = nil) -> ByteBuffer {
        let count = int(0...maxCount)
        var buffer = ByteBuffer()
        for _ in 0..<count {
            if let alphabet {
                buffer.writeInteger(alphabet.randomElement(using: &rng)!)
            } else {
                buffer.writeInteger(UInt8.random(in: .min ... .max, using: &rng))
            }
        }
        return buffer
    }

    /// Printable ASCII without CR or LF: what simple strings and errors may hold.
    static let lineAlphabet = Array(UInt8(0x20)...UInt8(0x7E))

    mutating func value(depth: Int = 0, allowAttribute: Bool = true) -> RESPValue {
        let maxKind = depth >= 4 ? 11 : 16
        switch int(0...maxKind) {
        case 0: return .simpleString(bytes(maxCount: 20, alphabet: Self.lineAlphabet))
        case 1: return .simpleError(bytes(maxCount: 30, alphabet: Self.lineAlphabet))
        case 2: return .integer(Int64.random(in: .min ... .max, using: &rng) >> int(0...63))
        case 3: return .bulkString(bytes(maxCount: 40))
        case 4: return .bulkString(nil)
        case 5: return .array(nil)
        case 6: return .null
        case 7: return .boolean(Bool.random(using: &rng))
        case 8: return .double(double())
        case 9: return .bigNumber((Bool.random(using: &rng) ? "-" : "") + String(repeating: "9", count: int(1...40)))
        case 10: return .bulkError(bytes(maxCount: 30))
        case 11:
            return .verbatimString(format: ["txt", "mkd", "raw"][int(0...2)], text: bytes(maxCount: 30))
        case 12: return .array(elements(depth: depth))
        case 13: return .set(elements(depth: depth))
        case 14: return .push(elements(depth: depth))
        case 15: return .map(pairs(depth: depth))
        default:
            guard allowAttribute else { return .null }
            // Consecutive attributes are merged by the decoder, so an attribute never wraps another directly.
            return .attribute(pairs(depth: depth), value(depth: depth + 1, allowAttribute: false))
        }
    }

    mutating func double() -> Double {
        switch int(0...9) {
        case 0: return .infinity
        case 1: return -.infinity
        case 2: return .nan
        case 3: return Double(int(-1000...1000))
        case 4: return -0.0
        default: return Double.random(in: -1e12...1e12, using: &rng) * pow10(int(-20...20))
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    mutating func elements(depth: Int) -> [RESPValue] {
        (0..<int(0...5)).map { _ in value(depth: depth + 1) }
    }

    mutating func pairs(depth: Int) -> [RESPValue.Pair] {
        (0..<int(0...3)).map { _ in (key: value(depth: depth + 1), value: value(depth: depth + 1)) }
    }
}

/// A typical RediSearch FT.SEARCH reply (RESP2 shape): total, then 10 hits of key and 4 fields each,
/// with a 384-float vector field in every hit when `withVectors` is set.
func ftSearchReply(hits: Int = 10, withVectors: Bool = false) -> RESPValue {
    var elements: [RESPValue] = [.integer(Int64(hits))]
    for hit in 0..<hits {
        elements.append(.bulkString("router:route-\(hit % 3):\(String(repeating: "a", count: 64))"))
        var fields: [RESPValue] = [
            "vector_distance", .bulkString("0.0\(hit)2345678"),
            "route_name", .bulkString("route-\(hit % 3)"),
            "reference", .bulkString("What is the capital city of country number \(hit), and why is it the capital?"),
            "reference_id", .bulkString(String(repeating: "f", count: 64)),
        ]
        if withVectors {
            var vector = ByteBuffer()
            for index in 0..<384 { vector.writeInteger(Float(index).bitPattern, endianness: .little) }
            fields += ["vector", .bulkString(vector)]
        }
        elements.append(.array(fields))
    }
    return .array(elements)
}
