import CKernels

/// The number format of the encoder's weights in its dense layers (`encoder.precision`, `--precision`).
///
/// Reduced precision trades a measured amount of accuracy for speed: each dense layer streams a half
/// (bf16) or a quarter (int8) of the bytes and uses the CPU's dot-product instructions where it has them.
/// The bounds measured against `fp32` are in `docs/encoder.md` and asserted by the encoder's tests.
public enum EncoderPrecision: String, Sendable, CaseIterable, Codable {
    /// Single precision, exact to sentence-transformers within 1e-4 per component. The default.
    case fp32
    /// bfloat16 weights and inputs to each dense layer (round to nearest even), products summed in single
    /// precision: AVX-512 BF16 `vdpbf16ps` where the CPU has it, widened to single precision where not.
    case bf16
    /// 8-bit weights with one scale per output channel, inputs quantized per token at run time, exact
    /// integer sums: AVX-512 VNNI / AVX-VNNI `vpdpbusd` where the CPU has it.
    case int8

    /// The accepted spellings, for error messages (`fp32, bf16, int8`).
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    var cValue: Int32 {
        switch self {
        case .fp32: Int32(JUNCTION_PRECISION_FP32)
        case .bf16: Int32(JUNCTION_PRECISION_BF16)
        case .int8: Int32(JUNCTION_PRECISION_INT8)
        }
    }
}
