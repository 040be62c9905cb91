import NIOCore
import Testing

@testable import JunctionRedis

/// Limits on nesting, lengths and counts throw before memory or the stack are exhausted.
@Suite struct RESPLimitTests {
    @Test func nestingBeyondTheLimitThrowsInsteadOfOverflowingTheStack() {
        // 100,000 nested arrays: a recursive decoder would overflow the stack long before the end.
        let wire = Array(String(repeating: "*1\r\n", count: 100_000).utf8) + Array(":1\r\n".utf8)
        let outcome = RESPTestSupport.decode(wire)
        #expect(outcome.error?.code == .nestingTooDeep)
        #expect(outcome.error?.offset == 512 * 4)
        #expect(outcome.values.isEmpty)
    }

    @Test func nestingUpToTheLimitDecodes() {
        let depth = 512
        let wire = Array((String(repeating: "*1\r\n", count: depth) + ":1\r\n").utf8)
        let outcome = RESPTestSupport.decode(wire)
        #expect(outcome.error == nil)
        var value = outcome.values.first
        var levels = 0
        while let inner = value?.array?.first {
            value = inner
            levels += 1
        }
        #expect(levels == depth)
        #expect(value == 1)
    }

    @Test func deepNestingOfEveryAggregateKindIsLimited() {
        for header in ["*1\r\n", "~1\r\n", ">1\r\n", "%1\r\n", "|1\r\n"] {
            let wire = Array(String(repeating: header, count: 2_000).utf8)
            let outcome = RESPTestSupport.decode(wire, limits: .init(maximumDepth: 64))
            #expect(outcome.error?.code == .nestingTooDeep, "\(header.debugDescription)")
            #expect(outcome.error?.offset == 64 * 4)
        }
    }

    @Test func consecutiveAttributesDoNotNest() {
        // Merged, not nested: a long run of attributes cannot build a deep value.
        let wire = Array((String(repeating: "|0\r\n", count: 10_000) + "+OK\r\n").utf8)
        let outcome = RESPTestSupport.decode(wire)
        #expect(outcome.values == [.attribute([], .simpleString("OK"))])
    }

    @Test func bulkLengthOverTheLimitThrowsOnTheHeaderAlone() {
        // Only the header has arrived: the decoder must refuse before buffering or allocating the payload.
        let outcome = RESPTestSupport.decode(Array("$536870913\r\n".utf8))
        #expect(outcome.error?.code == .bulkTooLong)
        #expect(outcome.error?.offset == 1)
        #expect(outcome.error?.message == "expected a length of at most 536870912 bytes, found 536870913")

        let atLimit = RESPTestSupport.decode(Array("$536870912\r\n".utf8))
        #expect(atLimit.error == nil && atLimit.values.isEmpty)

        for wire in ["!11\r\n", "=11\r\n", "$999999999999999999\r\n"] {
            let error = RESPTestSupport.decode(Array(wire.utf8), limits: .init(maximumBulkLength: 10)).error
            #expect(error?.code == .bulkTooLong, "\(wire.debugDescription)")
        }
        let tooManyDigits = RESPTestSupport.decode(Array("$1234567890123456789\r\n".utf8)).error
        #expect(tooManyDigits?.code == .invalidLength)
    }

    @Test func hugeAggregateCountsThrowOrWaitWithoutAllocating() {
        let over = RESPTestSupport.decode(Array("*2147483648\r\n".utf8))
        #expect(over.error?.code == .aggregateTooLong)
        let mapOver = RESPTestSupport.decode(Array("%11\r\n".utf8), limits: .init(maximumAggregateCount: 10))
        #expect(mapOver.error?.code == .aggregateTooLong)
        // At the limit the decoder simply waits for elements; it reserves only a bounded amount up front.
        let atLimit = RESPTestSupport.decode(Array("*2147483647\r\n:1\r\n".utf8))
        #expect(atLimit.error == nil && atLimit.values.isEmpty && atLimit.consumed == 17)
    }

    @Test func lineLongerThanTheLimitThrows() {
        let limits = RESPDecoder.Limits(maximumLineLength: 16)
        let fits = RESPTestSupport.decode(Array(("+" + String(repeating: "a", count: 16) + "\r\n").utf8), limits: limits)
        #expect(fits.values == [.simpleString(String(repeating: "a", count: 16))])
        let tooLong = RESPTestSupport.decode(Array(("+" + String(repeating: "a", count: 17)).utf8), limits: limits)
        #expect(tooLong.error?.code == .lineTooLong)
        #expect(tooLong.error?.offset == 1)
        let tooLongByteWise = RESPTestSupport.decode(Array(("+" + String(repeating: "a", count: 17)).utf8), chunkSize: 1, limits: limits)
        #expect(tooLongByteWise.error == tooLong.error)
    }
}
