import CKernels
import Dispatch

/// A linear layer `y = x·Wᵀ + b` whose weight is packed once at load time for
/// the register-blocked kernels in `CKernels`, in the precision it is given.
///
/// Single precision: small batches (one query is about 13 rows) run on the
/// packed kernel, since BLAS libraries re-pack the whole weight on every call,
/// which costs more than the product itself at that size (measured 145 vs
/// 47 GFLOP/s for 13 rows on AVX-512); large batches go to CBLAS, which is as
/// fast or faster there. Reduced precision (`bf16`, `int8`): every product runs
/// on the packed kernel of that precision, which rounds or quantizes the input
/// rows first (`docs/encoder.md` says how and what it costs in accuracy).
struct PackedLinear: Sendable {
    /// Output width (rows of W).
    let outputs: Int
    /// Input width (columns of W).
    let inputs: Int
    /// The weight as stored, `[outputs, inputs]`, for the CBLAS path.
    let weight: Tensor
    /// The number format of the packed weight.
    let precision: EncoderPrecision
    /// The kernel that runs the products.
    let kernel: MatrixKernel
    /// The weight packed into 32-column panels (floats, bfloat16 pairs or int8 quads).
    private let packed: Tensor
    /// int8 only: one scale per output column, then the column sums of the quantized weight (as Int32).
    private let columnTerms: Tensor?
    /// Row count above which CBLAS is used (single precision).
    static let blasRowThreshold = 256

    /// Packs `weight` (`[outputs, inputs]`) in `precision` for `kernel` (default: the fastest on this CPU).
    init(weight: Tensor, precision: EncoderPrecision = .fp32, kernel: MatrixKernel? = nil) {
        let n = Int32(weight.shape[0]), k = Int32(weight.shape[1])
        outputs = weight.shape[0]
        inputs = weight.shape[1]
        self.weight = weight
        self.precision = precision
        self.kernel = kernel ?? .best(for: precision)
        precondition(self.kernel.exists(for: precision), "no \(self.kernel.label) kernel for \(precision)")
        let columns = Int(junction_packed_count(n, 1))
        switch precision {
        case .fp32:
            let storage = TensorStorage(count: junction_packed_count(n, k))
            junction_pack(weight.pointer, n, k, storage.mutablePointer)
            packed = Tensor(shape: [storage.count], storage: storage)
            columnTerms = nil
        case .bf16:
            let storage = TensorStorage(count: (junction_packed_bf16_count(n, k) + 1) / 2)
            junction_pack_bf16(weight.pointer, n, k, UnsafeMutableRawPointer(storage.mutablePointer).assumingMemoryBound(to: UInt16.self))
            packed = Tensor(shape: [storage.count], storage: storage)
            columnTerms = nil
        case .int8:
            let storage = TensorStorage(count: (junction_packed_i8_count(n, k) + 3) / 4)
            let terms = TensorStorage(count: 2 * columns)
            junction_pack_i8(
                weight.pointer, n, k, UnsafeMutableRawPointer(storage.mutablePointer).assumingMemoryBound(to: Int8.self),
                terms.mutablePointer, UnsafeMutableRawPointer(terms.mutablePointer + columns).assumingMemoryBound(to: Int32.self)
            )
            packed = Tensor(shape: [storage.count], storage: storage)
            columnTerms = Tensor(shape: [2 * columns], storage: terms)
        }
    }

    /// `c[rows×outputs] (+)= x[rows×inputs]·Wᵀ`, adding to `c` when `accumulate`.
    /// Splits the work over `threads` threads when there is enough of it.
    func apply(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>,
        accumulate: Bool, threads: Int
    ) {
        switch precision {
        case .fp32: applySingle(x, rows: rows, into: c, accumulate: accumulate, threads: threads)
        case .bf16: applyBF16(x, rows: rows, into: c, accumulate: accumulate, threads: threads)
        case .int8: applyInt8(x, rows: rows, into: c, accumulate: accumulate, threads: threads)
        }
    }

    private func applySingle(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>, accumulate: Bool, threads: Int
    ) {
        if rows > Self.blasRowThreshold {
            BLAS.multiplyTransposed(
                m: rows, n: outputs, k: inputs, a: x, lda: inputs, b: weight.pointer, ldb: inputs,
                c: c, ldc: outputs, beta: accumulate ? 1 : 0
            )
            return
        }
        let (kernel, m, n, k, flag) = (kernel.rawValue, Int32(rows), Int32(outputs), Int32(inputs), Int32(accumulate ? 1 : 0))
        let xAddress = UInt(bitPattern: x), cAddress = UInt(bitPattern: c), packedAddress = UInt(bitPattern: packed.pointer)
        forEachPart(threads: threads) { first, last in
            junction_gemm_f32(
                kernel, m, n, k, UnsafePointer(bitPattern: xAddress), k, UnsafePointer(bitPattern: packedAddress),
                UnsafeMutablePointer(bitPattern: cAddress), n, flag, first, last
            )
        }
    }

    private func applyBF16(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>, accumulate: Bool, threads: Int
    ) {
        let (kernel, m, n, k, flag) = (kernel.rawValue, Int32(rows), Int32(outputs), Int32(inputs), Int32(accumulate ? 1 : 0))
        let depth = Int(junction_bf16_depth(k))
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: rows * depth) { rounded in
            junction_rows_to_bf16(x, m, k, k, rounded.baseAddress)
            let xAddress = UInt(bitPattern: rounded.baseAddress), cAddress = UInt(bitPattern: c)
            let packedAddress = UInt(bitPattern: packed.pointer)
            forEachPart(threads: threads) { first, last in
                junction_gemm_bf16(
                    kernel, m, n, k, UnsafePointer(bitPattern: xAddress), UnsafePointer(bitPattern: packedAddress),
                    UnsafeMutablePointer(bitPattern: cAddress), n, flag, first, last
                )
            }
        }
    }

    private func applyInt8(
        _ x: UnsafePointer<Float>, rows: Int, into c: UnsafeMutablePointer<Float>, accumulate: Bool, threads: Int
    ) {
        let (kernel, m, n, k, flag) = (kernel.rawValue, Int32(rows), Int32(outputs), Int32(inputs), Int32(accumulate ? 1 : 0))
        let depth = Int(junction_i8_depth(k)), columns = Int(junction_packed_count(n, 1))
        let terms = columnTerms!.pointer
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rows * depth) { quantized in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: rows) { rowScales in
                junction_rows_to_u8(x, m, k, k, quantized.baseAddress, rowScales.baseAddress)
                let xAddress = UInt(bitPattern: quantized.baseAddress), scalesAddress = UInt(bitPattern: rowScales.baseAddress)
                let cAddress = UInt(bitPattern: c), packedAddress = UInt(bitPattern: packed.pointer)
                let termsAddress = UInt(bitPattern: terms), sumsAddress = UInt(bitPattern: terms + columns)
                forEachPart(threads: threads) { first, last in
                    junction_gemm_i8(
                        kernel, m, n, k, UnsafePointer(bitPattern: xAddress), UnsafePointer(bitPattern: scalesAddress),
                        UnsafePointer(bitPattern: packedAddress), UnsafePointer(bitPattern: termsAddress),
                        UnsafePointer(bitPattern: sumsAddress), UnsafeMutablePointer(bitPattern: cAddress), n, flag,
                        first, last
                    )
                }
            }
        }
    }

    /// Runs `body` over the output panels, split in up to `threads` contiguous parts run concurrently.
    private func forEachPart(threads: Int, _ body: @Sendable (_ first: Int32, _ last: Int32) -> Void) {
        let panels = (outputs + Int(JUNCTION_PANEL) - 1) / Int(JUNCTION_PANEL)
        let parts = min(threads, panels)
        guard parts > 1 else {
            body(0, Int32(panels))
            return
        }
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(Int32(panels * part / parts), Int32(panels * (part + 1) / parts))
        }
    }

    /// Name of the single-precision packed kernel in use on this CPU (`avx512`, `avx2` or `portable`).
    static var kernelName: String { String(cString: junction_kernel_name()) }
}
