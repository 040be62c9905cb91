import CKernels

/// Exact cosine search over unit vectors held in one contiguous buffer.
///
/// Vectors are normalised on insertion, so the cosine distance to a query is
/// `1 - dot`, computed for all rows at once by a SIMD kernel (AVX-512, AVX2 or
/// portable C). Distances are Redis's: `1 - cos` in [0, 2]. A value type:
/// copies are cheap until written (copy-on-write storage).
public struct FlatVectorIndex: Sendable {
    /// Width of every vector.
    public let dimension: Int
    private var rows: [Float] = []
    /// The same vectors in half precision: half the bytes to scan, so a few
    /// thousand 384-d references stay in a core's L2 cache.
    private var halfRows: [UInt16] = []
    private var ids: [String] = []
    /// A caller-chosen integer per vector (the router stores the route's position).
    public private(set) var tags: [Int] = []
    private var positions: [String: Int] = [:]

    /// Creates an empty index for vectors of `dimension` floats.
    public init(dimension: Int) {
        precondition(dimension > 0, "dimension must be positive")
        self.dimension = dimension
    }

    /// Number of vectors.
    public var count: Int { ids.count }

    /// The ids, in storage order.
    public var allIDs: [String] { ids }

    /// Whether `id` is present.
    public func contains(_ id: String) -> Bool { positions[id] != nil }

    /// Inserts or replaces the vector for `id` (normalised to unit length),
    /// with an optional integer `tag`. Throws when the width is wrong or the
    /// vector is all zeros or not finite.
    public mutating func upsert(_ id: String, vector: [Float], tag: Int = 0) throws(IndexError) {
        let unit = try Self.normalized(vector, dimension: dimension)
        let half = Self.half(unit)
        if let position = positions[id] {
            rows.replaceSubrange((position * dimension)..<((position + 1) * dimension), with: unit)
            halfRows.replaceSubrange((position * dimension)..<((position + 1) * dimension), with: half)
            tags[position] = tag
        } else {
            positions[id] = ids.count
            ids.append(id)
            tags.append(tag)
            rows.append(contentsOf: unit)
            halfRows.append(contentsOf: half)
        }
    }

    /// Replaces every tag: `transform(id, old tag)` gives the new one.
    public mutating func retag(_ transform: (String, Int) -> Int) {
        for position in ids.indices { tags[position] = transform(ids[position], tags[position]) }
    }

    /// Removes `id`; returns whether it was present. The last row moves into its place.
    @discardableResult
    public mutating func remove(_ id: String) -> Bool {
        guard let position = positions.removeValue(forKey: id) else { return false }
        let last = ids.count - 1
        if position != last {
            let moved = ids[last]
            ids[position] = moved
            tags[position] = tags[last]
            positions[moved] = position
            for i in 0..<dimension {
                rows[position * dimension + i] = rows[last * dimension + i]
                halfRows[position * dimension + i] = halfRows[last * dimension + i]
            }
        }
        ids.removeLast()
        tags.removeLast()
        rows.removeLast(dimension)
        halfRows.removeLast(dimension)
        return true
    }

    /// Removes everything.
    public mutating func removeAll() {
        rows.removeAll()
        halfRows.removeAll()
        ids.removeAll()
        tags.removeAll()
        positions.removeAll()
    }

    /// The stored (unit) vector of `id`.
    public func vector(for id: String) -> [Float]? {
        guard let position = positions[id] else { return nil }
        return Array(rows[(position * dimension)..<((position + 1) * dimension)])
    }

    /// Cosine distance from `query` to every stored vector, in storage order.
    public func distances(to query: [Float]) throws(IndexError) -> [Float] {
        let unit = try Self.normalized(query, dimension: dimension)
        guard !ids.isEmpty else { return [] }
        var out = [Float](repeating: 0, count: ids.count)
        rows.withUnsafeBufferPointer { rows in
            unit.withUnsafeBufferPointer { query in
                out.withUnsafeMutableBufferPointer { out in
                    junction_dot_rows(rows.baseAddress, Int32(ids.count), Int32(dimension), query.baseAddress, out.baseAddress)
                }
            }
        }
        for i in out.indices { out[i] = 1 - out[i] }
        return out
    }

    /// Largest difference between `approximateDistances` and the exact distances.
    /// Rows are rounded to half precision (relative error <= 2^-11 per
    /// component), so for unit vectors |Σ qᵢ(vᵢ - v̂ᵢ)| <= 2^-11 Σ|qᵢvᵢ| <= 2^-11
    /// by Cauchy-Schwarz; 1e-3 leaves room for single-precision accumulation.
    public static let approximationBound: Float = 1e-3

    /// `query` scaled to unit length; throws on a wrong width, zeros or non-finite values.
    public func unitQuery(_ query: [Float]) throws(IndexError) -> [Float] {
        try Self.normalized(query, dimension: dimension)
    }

    /// Distances from the half-precision copy, each within `approximationBound`
    /// of the exact one, in storage order. `query` must be a unit vector.
    public func approximateDistances(toUnit query: [Float]) -> [Float] {
        guard !ids.isEmpty else { return [] }
        var out = [Float](repeating: 0, count: ids.count)
        halfRows.withUnsafeBufferPointer { rows in
            query.withUnsafeBufferPointer { query in
                out.withUnsafeMutableBufferPointer { out in
                    junction_dot_rows_f16(rows.baseAddress, Int32(ids.count), Int32(dimension), query.baseAddress, out.baseAddress)
                }
            }
        }
        for i in out.indices { out[i] = 1 - out[i] }
        return out
    }

    /// Exact distances of the vectors at `positions` to a unit `query`.
    public func exactDistances(at positions: [Int], toUnit query: [Float]) -> [Float] {
        rows.withUnsafeBufferPointer { rows in
            query.withUnsafeBufferPointer { query in
                positions.map { position in
                    var dot: Float = 0
                    junction_dot_rows(rows.baseAddress! + position * dimension, 1, Int32(dimension), query.baseAddress, &dot)
                    return 1 - dot
                }
            }
        }
    }

    /// Every vector within `radius` (cosine distance, inclusive) of `query`, nearest first.
    public func search(_ query: [Float], within radius: Float) throws(IndexError) -> [IndexHit] {
        let all = try distances(to: query)
        var hits: [IndexHit] = []
        for (position, distance) in all.enumerated() where distance <= radius {
            hits.append(IndexHit(id: ids[position], distance: distance))
        }
        return hits.sorted()
    }

    /// The `k` nearest vectors to `query`, nearest first.
    public func nearest(_ query: [Float], k: Int) throws(IndexError) -> [IndexHit] {
        let all = try distances(to: query)
        let hits = all.enumerated().map { IndexHit(id: ids[$0.offset], distance: $0.element) }
        return Array(hits.sorted().prefix(max(0, k)))
    }

    private static func half(_ values: [Float]) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                junction_to_f16(input.baseAddress, output.baseAddress, Int32(values.count))
            }
        }
        return out
    }

    static func normalized(_ vector: [Float], dimension: Int) throws(IndexError) -> [Float] {
        guard vector.count == dimension else {
            throw IndexError(code: "dimension_mismatch", message: "vector has \(vector.count) dimensions, the index \(dimension)")
        }
        var squares: Float = 0
        for value in vector { squares += value * value }
        guard squares.isFinite, squares > 0 else {
            throw IndexError(code: "invalid_vector", message: "vector is all zeros or not finite")
        }
        let inverse = 1 / squares.squareRoot()
        return vector.map { $0 * inverse }
    }
}
