import CKernels
import Foundation

/// A dedicated thread that owns the model's scratch memory and runs every
/// forward pass, so inference never blocks NIO event loops or the Swift
/// concurrency pool. Jobs queued while it is busy are run together as one
/// packed batch (micro-batching).
///
/// `@unchecked Sendable`: `queue` and `stopping` are only touched with
/// `condition` locked; the model and scratch memory belong to the thread.
final class InferenceWorker: @unchecked Sendable {
    typealias Completion = @Sendable ([PooledSequence]) -> Void
    private struct Job {
        var sequences: [[Int32]]
        var keepStates: Bool
        var completion: Completion
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false

    init(model: any EncoderModel, pooling: Pooling, configuration: EncoderConfiguration) {
        let thread = Thread { [self] in
            BLAS.threadCount = configuration.threads
            junction_flush_denormals()
            let runner = BatchRunner(model: model, pooling: pooling, configuration: configuration)
            while let jobs = nextJobs() {
                let results = runner.run(jobs.flatMap { job in job.sequences.map { ($0, job.keepStates) } })
                var offset = 0
                for job in jobs {
                    job.completion(Array(results[offset..<(offset + job.sequences.count)]))
                    offset += job.sequences.count
                }
            }
        }
        thread.name = "junction-inference"
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Queues token sequences; `completion` runs on the inference thread. With `keepStates`, each result
    /// also carries the last layer's token states.
    func submit(_ sequences: [[Int32]], keepStates: Bool = false, completion: @escaping Completion) {
        condition.lock()
        queue.append(Job(sequences: sequences, keepStates: keepStates, completion: completion))
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func nextJobs() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if stopping { return nil }
            condition.wait()
        }
        let jobs = queue
        queue.removeAll(keepingCapacity: true)
        return jobs
    }
}

/// One sequence's result: its embedding and, when asked, its token states (`[rows × hidden]`).
struct PooledSequence: Sendable {
    var embedding: SentenceEmbedding
    var tokenStates: [Float]?
}

/// Runs packed forward passes and pools each sequence. Lives on one thread.
private final class BatchRunner {
    let model: any EncoderModel
    let pooling: Pooling
    let maxBatchTokens: Int
    let threads: Int
    let workspace = BertWorkspace()

    init(model: any EncoderModel, pooling: Pooling, configuration: EncoderConfiguration) {
        self.model = model
        self.pooling = pooling
        maxBatchTokens = configuration.maxBatchTokens
        threads = configuration.threads
    }

    /// Embeds `sequences` (each with whether to keep its token states), in order, splitting them into
    /// batches of at most `maxBatchTokens` tokens (a single longer sequence runs alone).
    func run(_ sequences: [([Int32], Bool)]) -> [PooledSequence] {
        var results: [PooledSequence] = []
        results.reserveCapacity(sequences.count)
        var batch = PackedBatch()
        var keep: [Bool] = []
        for (sequence, keepStates) in sequences {
            if batch.sequenceCount > 0, batch.tokenCount + sequence.count > maxBatchTokens {
                results += pool(batch, keep: keep)
                batch = PackedBatch()
                keep.removeAll(keepingCapacity: true)
            }
            batch.append(sequence)
            keep.append(keepStates)
        }
        if batch.sequenceCount > 0 { results += pool(batch, keep: keep) }
        return results
    }

    private func pool(_ batch: PackedBatch, keep: [Bool]) -> [PooledSequence] {
        let h = model.hiddenSize
        let states = model.forward(batch, workspace: workspace, threads: threads)
        return (0..<batch.sequenceCount).map { s in
            let start = batch.offsets[s], rows = batch.offsets[s + 1] - start
            let vector = [Float](unsafeUninitializedCapacity: h) { buffer, count in
                pooling.pool(states + start * h, rows: rows, columns: h, into: buffer.baseAddress!)
                VectorMath.normalize(buffer.baseAddress!, count: h)
                count = h
            }
            let kept = keep[s] ? Array(UnsafeBufferPointer(start: states + start * h, count: rows * h)) : nil
            return PooledSequence(embedding: SentenceEmbedding(vector: vector, tokenCount: rows), tokenStates: kept)
        }
    }
}
