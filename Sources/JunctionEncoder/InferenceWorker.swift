import CKernels
import Foundation

/// Dedicated threads (`EncoderConfiguration.workers`, default 1), each owning
/// its scratch memory, that run every forward pass, so inference never blocks
/// NIO event loops or the Swift concurrency pool. Jobs queued while the threads
/// are busy are run together as one packed batch (micro-batching); when other
/// threads are idle, a thread takes only its share of the queue and wakes the
/// next one, so a burst of requests spreads over the cores.
///
/// `@unchecked Sendable`: `queue`, `idle` and `stopping` are only touched with
/// `condition` locked; the model is immutable and each thread's scratch memory
/// belongs to it.
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
    /// Threads waiting for work.
    private var idle = 0

    init(model: any EncoderModel, pooling: Pooling, configuration: EncoderConfiguration) {
        BLAS.threadCount = configuration.threads
        for index in 0..<configuration.workers {
            let thread = Thread { [self] in
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
            thread.name = configuration.workers == 1 ? "junction-inference" : "junction-inference-\(index + 1)"
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Queues token sequences; `completion` runs on the inference thread. With `keepStates`, each result
    /// also carries the last layer's token states.
    func submit(_ sequences: [[Int32]], keepStates: Bool = false, completion: @escaping Completion) {
        condition.lock()
        queue.append(Job(sequences: sequences, keepStates: keepStates, completion: completion))
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs and exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// The jobs for the calling thread: all that are queued, or its share of them when other threads are idle.
    private func nextJobs() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if stopping { return nil }
            idle += 1
            condition.wait()
            idle -= 1
        }
        let share = (queue.count + idle) / (idle + 1)
        let jobs = Array(queue.prefix(share))
        queue.removeFirst(share)
        if !queue.isEmpty { condition.signal() }
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
