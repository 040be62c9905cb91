import Foundation
@testable import JunctionTokenizer
import Testing

/// Every Unicode scalar through each BERT step, against what `tokenizers` does
/// (`Fixtures/unicode_sweep.json`). This catches Swift or Foundation Unicode
/// data drifting from Hugging Face's.
@Suite("Per-scalar behaviour matches tokenizers")
struct UnicodeSweepTests {
    /// The fixture: inclusive ranges and changed-scalar maps.
    struct Sweep: Decodable {
        var removed: [[UInt32]]
        var whitespaceMapped: [[UInt32]]
        var chinese: [[UInt32]]
        var punctuation: [[UInt32]]
        var splitWhitespace: [[UInt32]]
        var stripAccents: [Mapping]
        var lowercase: [Mapping]

        enum CodingKeys: String, CodingKey {
            case removed, chinese, punctuation, lowercase
            case whitespaceMapped = "whitespace_mapped"
            case splitWhitespace = "split_whitespace"
            case stripAccents = "strip_accents"
        }
    }

    /// One scalar and what a step turns it into.
    struct Mapping: Decodable {
        var scalar: UInt32
        var output: [UInt32]

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            scalar = try container.decode(UInt32.self)
            output = try container.decode([UInt32].self)
        }
    }

    private static func load() throws -> Sweep {
        let url = TestResources.fixturesDirectory.appendingPathComponent("unicode_sweep.json")
        return try TestResources.decode(Sweep.self, from: url)
    }

    private static let allScalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }

    private func set(_ ranges: [[UInt32]]) -> Set<UInt32> {
        Set(ranges.flatMap { $0[0]...$0[1] })
    }

    private func run(_ configuration: TokenizerConfiguration, _ scalar: Unicode.Scalar) -> [UInt32] {
        let normalizer = BERTNormalizer(configuration: configuration)
        let bytes = normalizer.normalized(Array(String(scalar).utf8))
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
    }

    @Test("character classes")
    func characterClasses() throws {
        let sweep = try Self.load()
        let punctuation = set(sweep.punctuation)
        let whitespace = set(sweep.splitWhitespace)
        let chinese = set(sweep.chinese)
        var mismatches: [String] = []
        for scalar in Self.allScalars {
            let value = scalar.value
            if BERTCharacterClass.isPunctuation(value) != punctuation.contains(value)
                || BERTCharacterClass.isWhitespace(value) != whitespace.contains(value)
                || BERTCharacterClass.isChineseCharacter(value) != chinese.contains(value)
            {
                mismatches.append(String(value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "scalars classified differently: \(mismatches.prefix(20))")
    }

    @Test("clean_text")
    func cleanText() throws {
        let sweep = try Self.load()
        let removed = set(sweep.removed)
        let spaces = set(sweep.whitespaceMapped)
        let configuration = TokenizerConfiguration(
            lowercase: false, stripAccents: false, tokenizeChineseChars: false, cleanText: true)
        var mismatches: [String] = []
        for scalar in Self.allScalars {
            let value = scalar.value
            let expected: [UInt32] = removed.contains(value) ? [] : spaces.contains(value) ? [0x20] : [value]
            if run(configuration, scalar) != expected {
                mismatches.append(String(scalar.value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "clean_text differs for: \(mismatches.prefix(20))")
    }

    @Test("strip_accents and lowercase")
    func stripAccentsAndLowercase() throws {
        let sweep = try Self.load()
        let stripped = Dictionary(sweep.stripAccents.map { ($0.scalar, $0.output) }, uniquingKeysWith: { $1 })
        let lowered = Dictionary(sweep.lowercase.map { ($0.scalar, $0.output) }, uniquingKeysWith: { $1 })
        let strip = TokenizerConfiguration(
            lowercase: false, stripAccents: true, tokenizeChineseChars: false, cleanText: false)
        let lower = TokenizerConfiguration(
            lowercase: true, stripAccents: false, tokenizeChineseChars: false, cleanText: false)
        var mismatches: [String] = []
        for scalar in Self.allScalars {
            let value = scalar.value
            if !(0xAC00...0xD7A3).contains(value) && run(strip, scalar) != (stripped[value] ?? [value]) {
                mismatches.append("strip \(String(value, radix: 16))")
            }
            if run(lower, scalar) != (lowered[value] ?? [value]) {
                mismatches.append("lower \(String(value, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "normalisation differs for: \(mismatches.prefix(20))")
    }
}
