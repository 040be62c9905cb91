import NIOCore
import Testing

@testable import JunctionRedis

/// Seeded fuzzing: mutated, truncated and random bytes never crash the decoder; each input either decodes
/// or throws `RESPProtocolError`, and the result does not depend on how the bytes are split.
@Suite struct RESPFuzzTests {
    static let iterations = 20_000

    /// Bytes that matter to the grammar, to make mutations hit interesting paths.
    static let interestingBytes: [UInt8] = Array("\r\n+-:$*_#,(!=%~|>?;.0123456789tfinae".utf8)

    @Test func mutatedAndRandomInputNeverCrashes() {
        var rng = SplitMix64(seed: 0x5EED_0F_4E5B)
        var generator = RandomRESPValues(rng: SplitMix64(seed: 0xC0FFEE))
        var corpus: [[UInt8]] = RESPWireFormatTests.examples.map { Array($0.wire.utf8) }
        corpus.append(Array(RESPTestSupport.encode(ftSearchReply()).readableBytesView))
        for _ in 0..<200 {
            corpus.append(Array(RESPTestSupport.encode(generator.value()).readableBytesView))
        }
        let limits = RESPDecoder.Limits(maximumDepth: 32, maximumBulkLength: 1 << 20, maximumLineLength: 4096)

        var decodedCount = 0
        var errorCount = 0
        var incompleteCount = 0
        var errorCodes: [String: Int] = [:]
        for iteration in 0..<Self.iterations {
            let input = Self.fuzzInput(corpus: corpus, rng: &rng)
            let whole = RESPTestSupport.decode(input, limits: limits)
            if let error = whole.error {
                errorCount += 1
                errorCodes[error.code.rawValue, default: 0] += 1
                #expect(error.offset >= 0 && error.offset <= input.count, "offset out of range for \(input)")
                #expect(!error.message.isEmpty)
            } else if whole.consumed == input.count && !whole.values.isEmpty {
                decodedCount += 1
            } else {
                incompleteCount += 1
            }
            // Every tenth input is also drip-fed and split at random: the outcome must be identical.
            if iteration % 10 == 0 {
                let dripped = RESPTestSupport.decode(input, chunkSize: 1, limits: limits)
                #expect(dripped == whole, "byte-at-a-time differs for \(input)")
                let chunk = Int.random(in: 2...max(2, input.count), using: &rng)
                #expect(RESPTestSupport.decode(input, chunkSize: chunk, limits: limits) == whole)
            }
        }
        print("RESP fuzz: \(Self.iterations) inputs: \(decodedCount) decoded fully, \(errorCount) RESPProtocolError, \(incompleteCount) incomplete; codes: \(errorCodes.sorted { $0.key < $1.key })")
        #expect(decodedCount + errorCount + incompleteCount == Self.iterations)
        #expect(errorCount > Self.iterations / 10, "mutations should mostly hit errors")
    }

    /// One fuzz input: a mutated corpus entry, a splice of two, or pure random bytes.
    static func fuzzInput(corpus: [[UInt8]], rng: inout SplitMix64) -> [UInt8] {
        if Int.random(in: 0..<10, using: &rng) == 0 {
            return (0..<Int.random(in: 0...64, using: &rng)).map { _ in
                Bool.random(using: &rng) ? interestingBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
        }
        var bytes = corpus.randomElement(using: &rng)!
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            mutate(&bytes, corpus: corpus, rng: &rng)
        }
        return bytes
    }

    static func mutate(_ bytes: inout [UInt8], corpus: [[UInt8]], rng: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0 where !bytes.isEmpty:  // flip a bit
            bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !bytes.isEmpty:  // replace with a grammar byte
            bytes[position] = interestingBytes.randomElement(using: &rng)!
        case 2:  // insert bytes
            let inserted = (0..<Int.random(in: 1...4, using: &rng)).map { _ in interestingBytes.randomElement(using: &rng)! }
            bytes.insert(contentsOf: inserted, at: position)
        case 3 where !bytes.isEmpty:  // delete a range
            let end = min(bytes.count, position + Int.random(in: 1...8, using: &rng))
            bytes.removeSubrange(position..<end)
        case 4:  // truncate
            bytes.removeSubrange(position..<bytes.count)
        case 5 where !bytes.isEmpty:  // duplicate a range
            let end = min(bytes.count, position + Int.random(in: 1...16, using: &rng))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        case 6:  // splice in another encoding
            let other = corpus.randomElement(using: &rng)!
            let cut = Int.random(in: 0...other.count, using: &rng)
            bytes = Array(bytes[..<position]) + other[cut...]
        default:  // a large or odd number where digits stood
            let numbers = ["99999999999", "-1", "-2", "0", "2147483648", "18446744073709551616", "?", "1e400"]
            bytes.insert(contentsOf: Array(numbers.randomElement(using: &rng)!.utf8), at: position)
        }
    }
}
