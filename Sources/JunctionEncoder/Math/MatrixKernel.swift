import CKernels

/// One implementation of the packed dense-layer product, per x86 generation. The fastest one the CPU has
/// is chosen at load for each precision (`best(for:)`); tests run every one the CPU has against `portable`.
enum MatrixKernel: Int32, CaseIterable, Sendable {
    /// Plain C; any CPU.
    case portable = 0
    /// AVX2 + FMA (Haswell, Zen 1-3).
    case avx2 = 1
    /// AVX2 + AVX-VNNI (Alder Lake, Sapphire Rapids, Zen 5); int8 only.
    case avxVNNI = 2
    /// AVX-512 F (and BW for int8), without the dot-product extensions (Skylake-X).
    case avx512 = 3
    /// AVX-512 BF16 `vdpbf16ps` (Cooper Lake, Sapphire Rapids, Zen 4); bf16 only.
    case avx512BF16 = 4
    /// AVX-512 VNNI `vpdpbusd` (Cascade Lake, Ice Lake, Zen 4); int8 only.
    case avx512VNNI = 5

    /// Short name, as `--verbose` and the benchmarks print it (`avx512-vnni`, ...).
    var label: String { String(cString: junction_kernel_label(rawValue)) }

    /// Whether this kernel is implemented for `precision`.
    func exists(for precision: EncoderPrecision) -> Bool {
        junction_kernel_exists(precision.cValue, rawValue) != 0
    }

    /// Whether it is implemented for `precision` and this CPU has the instructions it needs.
    func isSupported(for precision: EncoderPrecision) -> Bool {
        junction_kernel_supported(precision.cValue, rawValue) != 0
    }

    /// The fastest kernel for `precision` on this CPU.
    static func best(for precision: EncoderPrecision) -> MatrixKernel {
        MatrixKernel(rawValue: junction_kernel_best(precision.cValue)) ?? .portable
    }

    /// The features the kernels look for that this CPU has (`avx2 fma avx512f ...`).
    static var cpuFeatures: String { String(cString: junction_cpu_features()) }
}
