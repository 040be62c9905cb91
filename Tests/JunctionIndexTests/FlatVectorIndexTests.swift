@testable import JunctionIndex
import Testing

@Suite struct FlatVectorIndexTests {
    /// Four 2-d vectors whose cosine distances to `east` are exact: 0, 1, 2 and 1.
    static let east: [Float] = [1, 0]

    static func compass() throws -> FlatVectorIndex {
        var index = FlatVectorIndex(dimension: 2)
        try index.upsert("east", vector: [3, 0], tag: 0)
        try index.upsert("north", vector: [0, 0.5], tag: 1)
        try index.upsert("west", vector: [-2, 0], tag: 2)
        try index.upsert("south", vector: [0, -7], tag: 3)
        return index
    }

    @Test func upsertAddsVectorsInStorageOrder() throws {
        let index = try Self.compass()
        #expect(index.count == 4)
        #expect(index.allIDs == ["east", "north", "west", "south"])
        #expect(index.tags == [0, 1, 2, 3])
        #expect(index.contains("west"))
        #expect(!index.contains("up"))
    }

    @Test func upsertStoresUnitVectors() throws {
        let index = try Self.compass()
        #expect(index.vector(for: "east") == [1, 0])
        #expect(index.vector(for: "south") == [0, -1])
        #expect(index.vector(for: "missing") == nil)
    }

    @Test func upsertOfAnExistingIDReplacesVectorAndTag() throws {
        var index = try Self.compass()
        try index.upsert("north", vector: [-5, 0], tag: 9)
        #expect(index.count == 4)
        #expect(index.allIDs == ["east", "north", "west", "south"])
        #expect(index.tags == [0, 9, 2, 3])
        #expect(index.vector(for: "north") == [-1, 0])
        #expect(try index.distances(to: Self.east) == [0, 2, 2, 1])
    }

    @Test func removeMovesTheLastRowIntoTheGapKeepingIDsTagsAndVectorsTogether() throws {
        var index = try Self.compass()
        let removed = index.remove("north")
        #expect(removed)
        #expect(index.count == 3)
        #expect(index.allIDs == ["east", "south", "west"])
        #expect(index.tags == [0, 3, 2])
        #expect(!index.contains("north"))
        #expect(index.vector(for: "south") == [0, -1])
        #expect(index.vector(for: "west") == [-1, 0])
        #expect(try index.distances(to: Self.east) == [0, 1, 2])
        #expect(try index.nearest([0, -1], k: 1) == [IndexHit(id: "south", distance: 0)])
        // The moved id can itself be removed and replaced afterwards.
        let removedMoved = index.remove("south")
        #expect(removedMoved)
        try index.upsert("south", vector: [0, -1], tag: 7)
        #expect(index.allIDs == ["east", "west", "south"])
        #expect(index.tags == [0, 2, 7])
    }

    @Test func removeOfTheLastRowAndOfAnUnknownID() throws {
        var index = try Self.compass()
        let first = index.remove("south")
        #expect(first)
        #expect(index.allIDs == ["east", "north", "west"])
        let again = index.remove("south")
        let unknown = index.remove("nowhere")
        #expect(!again)
        #expect(!unknown)
        #expect(index.count == 3)
    }

    @Test func removeAllEmptiesTheIndex() throws {
        var index = try Self.compass()
        index.removeAll()
        #expect(index.count == 0)
        #expect(index.tags.isEmpty)
        #expect(try index.distances(to: Self.east).isEmpty)
        #expect(try index.search(Self.east, within: 2).isEmpty)
        #expect(try index.nearest(Self.east, k: 3).isEmpty)
    }

    @Test func copiesAreIndependentValues() throws {
        let original = try Self.compass()
        var copy = original
        copy.remove("east")
        try copy.upsert("west", vector: [1, 1], tag: 5)
        #expect(original.allIDs == ["east", "north", "west", "south"])
        #expect(original.vector(for: "west") == [-1, 0])
        #expect(copy.count == 3)
    }

    @Test func distancesAreOneMinusCosineForVectorsOfAnyLength() throws {
        var index = FlatVectorIndex(dimension: 2)
        try index.upsert("a", vector: [3, 4])        // cos 0.6 with the x axis
        try index.upsert("b", vector: [0, -2])       // cos 0
        try index.upsert("c", vector: [-0.1, -0.1])  // cos -1/sqrt(2)
        try index.upsert("d", vector: [1e-3, 0])     // cos 1
        let distances = try index.distances(to: [10, 0])
        let expected: [Float] = [0.4, 1, Float(1 + 0.5.squareRoot()), 0]
        for (got, want) in zip(distances, expected) {
            #expect(abs(got - want) < 1e-6, "\(got) != \(want)")
        }
    }

    @Test func searchWithinRadiusIsInclusiveAndNearestFirstWithTiesByID() throws {
        var index = FlatVectorIndex(dimension: 2)
        try index.upsert("z-north", vector: [0, 1])
        try index.upsert("west", vector: [-1, 0])
        try index.upsert("east", vector: [1, 0])
        try index.upsert("m-south", vector: [0, -1])
        let hits = try index.search(Self.east, within: 1)
        #expect(hits == [
            IndexHit(id: "east", distance: 0),
            IndexHit(id: "m-south", distance: 1),
            IndexHit(id: "z-north", distance: 1),
        ])
        #expect(try index.search(Self.east, within: 0.999).map(\.id) == ["east"])
        #expect(try index.search(Self.east, within: 2).map(\.id) == ["east", "m-south", "z-north", "west"])
    }

    @Test func nearestReturnsTheKClosestNearestFirst() throws {
        let index = try Self.compass()
        #expect(try index.nearest(Self.east, k: 2) == [IndexHit(id: "east", distance: 0), IndexHit(id: "north", distance: 1)])
        #expect(try index.nearest(Self.east, k: 10).map(\.id) == ["east", "north", "south", "west"])
        #expect(try index.nearest(Self.east, k: 0).isEmpty)
        #expect(try index.nearest(Self.east, k: -3).isEmpty)
    }

    @Test func indexHitsOrderByDistanceThenID() {
        #expect(IndexHit(id: "b", distance: 0.1) < IndexHit(id: "a", distance: 0.2))
        #expect(IndexHit(id: "a", distance: 0.2) < IndexHit(id: "b", distance: 0.2))
        #expect(!(IndexHit(id: "b", distance: 0.2) < IndexHit(id: "a", distance: 0.2)))
    }

    @Test func wrongDimensionThrowsDimensionMismatch() throws {
        var index = try Self.compass()
        let onUpsert = try #require(throws: IndexError.self) { try index.upsert("x", vector: [1, 2, 3]) }
        #expect(onUpsert.code == "dimension_mismatch")
        #expect(onUpsert.message.contains("3"))
        let onDistances = try #require(throws: IndexError.self) { try index.distances(to: [1]) }
        #expect(onDistances.code == "dimension_mismatch")
        #expect(try #require(throws: IndexError.self) { try index.search([1, 0, 0], within: 1) }.code == "dimension_mismatch")
        #expect(try #require(throws: IndexError.self) { try index.nearest([], k: 1) }.code == "dimension_mismatch")
        #expect(index.count == 4)
    }

    @Test func emptyIndexStillChecksTheQuery() {
        let index = FlatVectorIndex(dimension: 3)
        #expect(throws: IndexError(code: "dimension_mismatch", message: "vector has 2 dimensions, the index 3")) {
            try index.distances(to: [1, 0])
        }
        #expect(throws: IndexError.self) { try index.distances(to: [0, 0, 0]) }
    }

    @Test(arguments: [[Float(0), 0], [.nan, 1], [.infinity, 0], [Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude]])
    func zeroOrNonFiniteVectorThrowsInvalidVector(vector: [Float]) throws {
        var index = try Self.compass()
        let onUpsert = try #require(throws: IndexError.self) { try index.upsert("bad", vector: vector) }
        #expect(onUpsert.code == "invalid_vector")
        let onQuery = try #require(throws: IndexError.self) { try index.distances(to: vector) }
        #expect(onQuery.code == "invalid_vector")
        #expect(!index.contains("bad"))
    }

    @Test func retagReplacesEveryTag() throws {
        var index = try Self.compass()
        index.retag { id, tag in id == "west" ? 100 : tag * 10 }
        #expect(index.tags == [0, 10, 100, 30])
        index.remove("east")
        #expect(index.allIDs == ["south", "north", "west"])
        #expect(index.tags == [30, 10, 100])
    }
}
