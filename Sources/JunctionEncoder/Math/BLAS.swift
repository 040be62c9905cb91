#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Thin wrapper over CBLAS single-precision matrix products (OpenBLAS on Linux,
/// Accelerate on Apple platforms). Matrices are row-major.
public enum BLAS {
    /// `C[m×n] = alpha · A[m×k] · B[n×k]ᵀ + beta · C`, the shape of a PyTorch
    /// linear layer whose weight is stored `[out, in]`.
    @inline(__always)
    static func multiplyTransposed(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans,
            blasInt(m), blasInt(n), blasInt(k), alpha,
            a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc)
        )
    }

    /// `C[m×n] = A[m×k] · B[k×n]`.
    @inline(__always)
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans,
            blasInt(m), blasInt(n), blasInt(k), 1,
            a, blasInt(lda), b, blasInt(ldb), 0, c, blasInt(ldc)
        )
    }

    /// `C[m×n] = A[m×k] · B[n×k]ᵀ` over row-major arrays: the products of every
    /// row of `a` with every row of `b` (for the router's fitting and its learned scorer).
    public static func products(_ a: [Float], rows m: Int, _ b: [Float], rows n: Int, width k: Int) -> [Float] {
        precondition(a.count == m * k && b.count == n * k, "matrix sizes do not match")
        return product(a, b, rows: m, columns: n) { a, b, c in
            multiplyTransposed(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: c, ldc: n)
        }
    }

    /// `C[m×n] = Aᵀ · B` for row-major `A[k×m]` and `B[k×n]` (a gradient's shape).
    public static func transposedProducts(_ a: [Float], columns m: Int, _ b: [Float], columns n: Int, rows k: Int) -> [Float] {
        precondition(a.count == m * k && b.count == n * k, "matrix sizes do not match")
        return product(a, b, rows: m, columns: n) { a, b, c in
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, blasInt(m), blasInt(n), blasInt(k), 1, a, blasInt(m), b, blasInt(n), 0, c, blasInt(n))
        }
    }

    /// A zeroed `rows × columns` result filled by `body` from the arrays' storage (nothing to do when empty).
    private static func product(
        _ a: [Float], _ b: [Float], rows: Int, columns: Int,
        _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> [Float] {
        var c = [Float](repeating: 0, count: rows * columns)
        guard !a.isEmpty, !b.isEmpty, !c.isEmpty else { return c }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in body(a.baseAddress!, b.baseAddress!, c.baseAddress!) }
            }
        }
        return c
    }

    /// Number of threads the BLAS library uses for one product.
    public static var threadCount: Int {
        get {
            #if canImport(Accelerate)
            return 1
            #else
            return Int(openblas_get_num_threads())
            #endif
        }
        set {
            #if !canImport(Accelerate)
            openblas_set_num_threads(Int32(max(1, newValue)))
            #endif
        }
    }

    /// Which BLAS and which kernel set it runs, e.g. `OpenBLAS 0.3.21 (SkylakeX kernels)`.
    public static var coreDescription: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        let core = coreName
        let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
        let version = config.split(separator: " ").prefix(2).joined(separator: " ")
        return "\(version) (\(core) kernels)"
        #endif
    }

    @inline(__always)
    private static func blasInt(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: value) }
}

extension BLAS {
    /// The OpenBLAS kernel set in use (`SkylakeX`, `Haswell`, `Prescott`, ...), or `Accelerate`.
    public static var coreName: String {
        #if canImport(Accelerate)
        return "Accelerate"
        #else
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        #endif
    }
}
