import CKernels
import Dispatch

/// A linear layer `y = x·Wᵀ + b` whose weight is packed once at load time for
/// the register-blocked kernel in `CKernels`.
///
/// Small batches (one query is about 13 rows) run on that kernel: BLAS
/// libraries re-pack the whole weight on every call, which costs more than
/// the product itself at that size (measured 145 vs 47 GFLOP/s for 13 rows on
/// AVX-512). Large batches go to CBLAS, which is as fast or faster there.
struct PackedLinear: Sendable {
    /// Output width (rows of W).
    let outputs: Int
    /// Input width (columns of W).
    let inputs: Int
    /// The weight as stored, `[outputs, inputs]`, for the CBLAS path.
    let weight: Tensor
    /// The weight packed into 32-column panels.
    private let packed: Tensor
    /// Row count above which CBLAS is used.
    static let blasRowThreshold = 256

    init(weight: Tensor) {
        outputs = weight.shape[0]
        inputs = weight.shape[1]
        self.weight = weight
        let storage = TensorStorage(count: junction_packed_count(Int32(outputs), Int32(inputs)))
        junction_pack(weight.pointer, Int32(outputs), Int32(inputs), storage.mutablePointer)
        packed = Tensor(shape: [storage.count], storage: storage)
    }

    /// `c[rows×outputs] (+)= x[rows×inputs]·Wᵀ`, adding to `c` when `accumulate`.
    /// Splits the work over `threads` threads when there is enough of it.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>,
        accumulate: Bool, threads: Int
    ) {
        if rows > Self.blasRowThreshold {
            BLAS.multiplyTransposed(
                m: rows, n: outputs, k: inputs, a: x, lda: inputs, b: weight.pointer, ldb: inputs,
                c: c, ldc: outputs, beta: accumulate ? 1 : 0
            )
            return
        }
        let panels = (outputs + Int(JUNCTION_PANEL) - 1) / Int(JUNCTION_PANEL)
        let parts = min(threads, panels)
        let flag: Int32 = accumulate ? 1 : 0
        if parts <= 1 {
            junction_gemm_packed(
                Int32(rows), Int32(outputs), Int32(inputs), x, Int32(inputs), packed.pointer,
                c, Int32(outputs), flag, 0, Int32(panels)
            )
            return
        }
        let xAddress = UInt(bitPattern: x), cAddress = UInt(bitPattern: c)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let first = panels * part / parts, last = panels * (part + 1) / parts
            junction_gemm_packed(
                Int32(rows), Int32(outputs), Int32(inputs),
                UnsafePointer(bitPattern: xAddress), Int32(inputs), packed.pointer,
                UnsafeMutablePointer(bitPattern: cAddress), Int32(outputs), flag, Int32(first), Int32(last)
            )
        }
    }

    /// Name of the packed kernel in use on this CPU (`avx512`, `avx2` or `portable`).
    static var kernelName: String { String(cString: junction_kernel_name()) }
}
