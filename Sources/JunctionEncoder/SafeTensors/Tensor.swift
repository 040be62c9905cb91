import Foundation

/// A dense row-major F32 tensor: a shape and the storage holding its values.
public struct Tensor: Sendable {
    /// Dimensions, outermost first.
    public let shape: [Int]
    let storage: TensorStorage

    /// Number of elements.
    public var count: Int { storage.count }
    /// Read-only pointer to the first element.
    var pointer: UnsafePointer<Float> { storage.pointer }

    /// The values as an array (copies; for tests and small tensors).
    public var values: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// F32 values either owned (allocated here) or borrowed from a memory mapping
/// that `owner` keeps alive. Immutable after loading, so safe to share.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    let count: Int
    private let owned: UnsafeMutablePointer<Float>?
    private let owner: AnyObject?

    /// Allocates zeroed storage for `count` values. Large tensors are aligned
    /// to 2 MiB and marked for transparent huge pages on Linux: the packed
    /// weights stream through the TLB once per query.
    init(count: Int) {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        let hugePage = 2 << 20
        var raw: UnsafeMutableRawPointer?
        if bytes >= hugePage, posix_memalign(&raw, hugePage, bytes) == 0, let raw {
            #if os(Linux)
            _ = madvise(raw, bytes, MADV_HUGEPAGE)
            #endif
        } else {
            raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        }
        let memory = raw!.bindMemory(to: Float.self, capacity: max(count, 1))
        memory.initialize(repeating: 0, count: max(count, 1))
        owned = memory
        pointer = UnsafePointer(memory)
        self.count = count
        owner = nil
    }

    /// Borrows `count` aligned F32 values that live as long as `owner`.
    init(borrowing raw: UnsafeRawPointer, count: Int, owner: AnyObject) {
        pointer = raw.assumingMemoryBound(to: Float.self)
        self.count = count
        self.owner = owner
        owned = nil
    }

    /// Writable pointer; only valid for owned storage while it is being filled.
    var mutablePointer: UnsafeMutablePointer<Float> {
        guard let owned else { preconditionFailure("borrowed tensor storage is read-only") }
        return owned
    }

    deinit {
        free(owned)
    }
}
