import JunctionIndex
import Testing

/// The half-precision scan and the exact re-scoring the router builds on.
@Suite struct ApproximateDistanceTests {
    static func randomIndex(dimension: Int, rows: Int, seed: UInt64) throws -> (FlatVectorIndex, [Float]) {
        var generator = SeededGenerator(seed: seed)
        var index = FlatVectorIndex(dimension: dimension)
        for i in 0..<rows {
            var vector = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
            // Some tiny components, which half precision stores as subnormals or zero.
            if dimension > 4 { vector[i % dimension] = 1e-6 }
            if vector.allSatisfy({ $0 == 0 }) { vector[0] = 1 }
            try index.upsert("row\(i)", vector: vector, tag: i)
        }
        var query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
        if query.allSatisfy({ $0 == 0 }) { query[0] = 1 }
        return (index, query)
    }

    @Test func unitQueryScalesToUnitLengthAndValidates() throws {
        let index = FlatVectorIndex(dimension: 2)
        #expect(try index.unitQuery([3, 4]) == [0.6, 0.8])
        #expect(try #require(throws: IndexError.self) { try index.unitQuery([1, 2, 3]) }.code == "dimension_mismatch")
        #expect(try #require(throws: IndexError.self) { try index.unitQuery([0, 0]) }.code == "invalid_vector")
    }

    @Test(arguments: [1, 7, 15, 16, 17, 31, 33, 384])
    func approximateDistancesAreWithinTheBound(dimension: Int) throws {
        let (index, query) = try Self.randomIndex(dimension: dimension, rows: 40, seed: 11 + UInt64(dimension))
        let exact = try index.distances(to: query)
        let approximate = index.approximateDistances(toUnit: try index.unitQuery(query))
        #expect(approximate.count == exact.count)
        let worst = zip(exact, approximate).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= FlatVectorIndex.approximationBound, "dimension \(dimension): worst error \(worst)")
    }

    @Test(arguments: [1, 17, 384])
    func exactDistancesAtPositionsEqualTheFullScanBitForBit(dimension: Int) throws {
        let (index, query) = try Self.randomIndex(dimension: dimension, rows: 25, seed: 3 * UInt64(dimension))
        let all = try index.distances(to: query)
        let positions = [24, 0, 7, 7, 13]
        let some = index.exactDistances(at: positions, toUnit: try index.unitQuery(query))
        #expect(some == positions.map { all[$0] })
        #expect(index.exactDistances(at: [], toUnit: try index.unitQuery(query)).isEmpty)
    }

    @Test func halfPrecisionCopyFollowsReplaceAndRemove() throws {
        var (index, query) = try Self.randomIndex(dimension: 33, rows: 10, seed: 5)
        try index.upsert("row3", vector: query, tag: 3)
        index.remove("row0")
        index.remove("row7")
        try index.upsert("new", vector: query.map { -$0 }, tag: 99)
        let unit = try index.unitQuery(query)
        let exact = try index.distances(to: query)
        let approximate = index.approximateDistances(toUnit: unit)
        #expect(approximate.count == index.count)
        for (id, (e, a)) in zip(index.allIDs, zip(exact, approximate)) {
            #expect(abs(e - a) <= FlatVectorIndex.approximationBound, "\(id): \(e) vs \(a)")
        }
        let position = try #require(index.allIDs.firstIndex(of: "row3"))
        #expect(abs(approximate[position]) <= FlatVectorIndex.approximationBound)
        #expect(abs(approximate[index.allIDs.firstIndex(of: "new")!] - 2) <= FlatVectorIndex.approximationBound)
        index.removeAll()
        #expect(index.approximateDistances(toUnit: unit).isEmpty)
    }

    @Test func exactlyRepresentableVectorsHaveExactApproximateDistances() throws {
        var index = FlatVectorIndex(dimension: 2)
        try index.upsert("east", vector: [1, 0])
        try index.upsert("north", vector: [0, 1])
        try index.upsert("west", vector: [-1, 0])
        #expect(index.approximateDistances(toUnit: [1, 0]) == [0, 1, 2])
    }
}
