"""sentence-transformers side of `junction bench embed`.

Measures, with the same inputs as Junction: one query p50/p99 at 1 and 2
torch threads, and batch-32 throughput at 1 thread. Prints one JSON object.
Run by `junction bench embed`; needs `scripts/setup --bench`.
"""
import argparse
import json
import resource
import statistics
import time


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--inputs", required=True, help="JSON file: {query, batch: [32 texts]}")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--batch-rounds", type=int, default=10)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer
    import sentence_transformers

    inputs = json.load(open(args.inputs))
    model = SentenceTransformer(args.model, device="cpu")
    query, batch = inputs["query"], inputs["batch"]
    tokens = len(model.tokenize([query])["input_ids"][0])
    result = {"peer": f"sentence-transformers {sentence_transformers.__version__} (torch {torch.__version__})", "query_tokens": tokens}

    for threads in (1, 2):
        torch.set_num_threads(threads)
        with torch.inference_mode():
            for _ in range(20):
                model.encode([query], normalize_embeddings=True)
            samples = []
            for _ in range(args.iterations):
                start = time.perf_counter()
                model.encode([query], normalize_embeddings=True)
                samples.append((time.perf_counter() - start) * 1000)
        result[f"single_{threads}"] = {"p50_ms": statistics.median(samples), "p99_ms": percentile(samples, 99)}

    torch.set_num_threads(1)
    with torch.inference_mode():
        model.encode(batch, batch_size=32, normalize_embeddings=True)
        rates = []
        for _ in range(args.batch_rounds):
            start = time.perf_counter()
            model.encode(batch, batch_size=32, normalize_embeddings=True)
            rates.append(len(batch) / (time.perf_counter() - start))
    result["batch32_per_s"] = statistics.median(rates)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
