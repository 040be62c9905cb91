import Testing

/// `junction bench embed` prints a side-by-side table (peer skipped here: the
/// test set-up has no torch; `scripts/setup --bench` installs it).
@Suite struct BenchCommandTests {
    @Test func benchEmbedPrintsTheTable() throws {
        let result = try CLIRunner.run(["bench", "embed", "--junction-only", "--rounds", "1", "--iterations", "10"])
        #expect(result.status == 0, "\(result.error)")
        for row in ["single query p50, 1 thread (ms)", "single query p99, 2 threads (ms)", "batch-32, 1 thread (sentences/s)",
                    "peak RSS of one fp32 embed process (MB)", "(13 tokens)", "Junction fp32", "Junction bf16", "Junction int8",
                    "dense-layer kernels: fp32 ", "CPU: "] {
            #expect(result.output.contains(row), "missing \(row)")
        }
        #expect(result.error.contains("round 1/1"))
    }

    @Test func benchRejectsBadRounds() throws {
        let result = try CLIRunner.run(["bench", "embed", "--rounds", "0"])
        #expect(result.status != 0)
        #expect(result.error.contains("--rounds"))
    }
}
