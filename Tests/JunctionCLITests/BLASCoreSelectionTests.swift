@testable import Junction
import Testing

@Suite struct BLASCoreSelectionTests {
    @Test func picksTheWidestKernelsTheCPUSupports() {
        let avx512: Set<String> = ["avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        #expect(BLASCoreSelection.bestCore(flags: avx512) == "SkylakeX")
        #expect(BLASCoreSelection.bestCore(flags: ["avx", "avx2", "fma"]) == "Haswell")
        #expect(BLASCoreSelection.bestCore(flags: ["avx"]) == "Sandybridge")
        #expect(BLASCoreSelection.bestCore(flags: ["sse2", "ssse3"]) == nil)
    }

    @Test func onlyReplacesWeakerKernels() {
        #expect(BLASCoreSelection.rank("Prescott") < BLASCoreSelection.rank("SkylakeX"))
        #expect(BLASCoreSelection.rank("Haswell") < BLASCoreSelection.rank("SkylakeX"))
        #expect(BLASCoreSelection.rank("Cooperlake") >= BLASCoreSelection.rank("SkylakeX"))
        // A core name this code does not know (a newer OpenBLAS) is left alone.
        #expect(BLASCoreSelection.rank("FutureLake") > BLASCoreSelection.rank("SkylakeX"))
    }

    /// The test binaries run with whatever OPENBLAS_CORETYPE scripts/test set; the
    /// executable must still report fast kernels when started without it.
    @Test func executableSelectsFastKernelsByItself() throws {
        let result = try CLIRunner.run(["embed", "--verbose", "x"])
        #expect(result.status == 0)
        #expect(!result.error.contains("Prescott"))
    }
}
