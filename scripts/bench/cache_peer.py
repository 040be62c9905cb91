"""RedisVL side of `junction bench cache`.

Fills a RedisVL SemanticCache on the given Redis with the entries of
--entries-file (vectors given, so filling embeds nothing), then measures with
the same queries as Junction:
  store         cache.store(prompt, response, vector=...): HSET (+ EXPIRE with --ttl)
  check_vector  cache.check(vector=...): the FT.SEARCH range query (+ EXPIRE per hit with --ttl)
  check_text    cache.check(prompt=...): HFTextVectorizer embedding (local model folder,
                sentence-transformers + torch at 1 thread) + the same query
Each check measurement runs every query of --queries-file, the list cycled
--iterations times (samples = iterations x queries), after a warm-up pass.
Prints one JSON object (latencies in microseconds) and deletes the cache
(index and entries) unless --keep. Needs `scripts/setup --bench` and a Redis
with search (scripts/redis start).

  entries file: {"prompts": [...], "responses": [...] (optional),
                 "vectors": [[float, ...], ...]  or  "vectors_file": "x.npy" (float32, rows; relative to the JSON)}
  queries file: {"prompts": [...], "vectors" or "vectors_file" (optional: embedded here when absent)}
"""
import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(samples_us):
    return {"p50_us": statistics.median(samples_us), "p99_us": percentile(samples_us, 99)}


def load_set(path, limit):
    """prompts, responses, vectors (list of float lists or None) of an entries or queries file."""
    path = Path(path)
    spec = json.loads(path.read_text())
    prompts = spec["prompts"]
    vectors = spec.get("vectors")
    if vectors is None and spec.get("vectors_file"):
        import numpy as np

        array = np.load(path.parent / spec["vectors_file"]).astype("float32")
        if array.ndim != 2 or array.shape[0] != len(prompts):
            sys.exit(f"cache_peer.py: {spec['vectors_file']} holds {array.shape}, expected ({len(prompts)}, dim)")
        vectors = array.tolist()
    if vectors is not None and len(vectors) != len(prompts):
        sys.exit(f"cache_peer.py: {path} has {len(prompts)} prompts but {len(vectors)} vectors")
    responses = spec.get("responses") or [f"response {i}" for i in range(len(prompts))]
    if limit is not None:
        prompts, responses = prompts[:limit], responses[:limit]
        vectors = vectors[:limit] if vectors is not None else None
    return prompts, responses, vectors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--name", required=True, help="cache (index) name; an existing one is overwritten")
    parser.add_argument("--model", required=True, help="local sentence-transformers model folder")
    parser.add_argument("--entries-file", required=True)
    parser.add_argument("--queries-file", required=True)
    parser.add_argument("--entries", type=int, help="use the first N entries (default: all)")
    parser.add_argument("--queries", type=int, help="use the first M queries (default: all)")
    parser.add_argument("--iterations", type=int, default=5, help="times the query list is cycled")
    parser.add_argument("--distance-threshold", type=float, default=0.1)
    parser.add_argument("--ttl", type=int, help="cache TTL in seconds (hits then refresh it with EXPIRE)")
    parser.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                        help="a tag filter set on every entry and every lookup (repeatable)")
    parser.add_argument("--keep", action="store_true", help="leave the cache on Redis")
    args = parser.parse_args()

    filters = dict(item.split("=", 1) for item in args.filter)
    prompts, responses, vectors = load_set(args.entries_file, args.entries)
    queries, _, query_vectors = load_set(args.queries_file, args.queries)
    if vectors is None:
        sys.exit("cache_peer.py: the entries file must carry vectors (vectors or vectors_file)")
    if not queries or args.iterations < 1:
        sys.exit("cache_peer.py: need at least one query and --iterations >= 1")

    import redis
    import redisvl
    import torch
    from redisvl.extensions.cache.llm import SemanticCache
    from redisvl.query.filter import Tag
    from redisvl.utils.vectorize import HFTextVectorizer

    torch.set_num_threads(1)
    vectorizer = HFTextVectorizer(model=args.model, device="cpu")
    if vectorizer.dims != len(vectors[0]):
        sys.exit(f"cache_peer.py: the model makes {vectorizer.dims}-d vectors, the entries are {len(vectors[0])}-d")
    expression = None
    for field, value in sorted(filters.items()):
        expression = (Tag(field) == value) if expression is None else expression & (Tag(field) == value)
    cache = SemanticCache(name=args.name, vectorizer=vectorizer, redis_url=args.redis_url,
                          distance_threshold=args.distance_threshold, ttl=args.ttl, overwrite=True,
                          filterable_fields=[{"name": f, "type": "tag"} for f in sorted(filters)] or None)
    try:
        store_samples = []
        for prompt, response, vector in zip(prompts, responses, vectors):
            start = time.perf_counter()
            cache.store(prompt, response, vector=vector, filters=filters or None)
            store_samples.append((time.perf_counter() - start) * 1e6)
        with torch.inference_mode():
            if query_vectors is None:
                query_vectors = [vectorizer.embed(q) for q in queries]
            # Warm-up: one pass of each, not measured.
            for q, v in zip(queries, query_vectors):
                cache.check(prompt=q, filter_expression=expression)
                cache.check(vector=v, filter_expression=expression)
            vector_samples, vector_hits = [], 0
            text_samples, text_hits = [], 0
            for _ in range(args.iterations):
                for v in query_vectors:
                    start = time.perf_counter()
                    found = cache.check(vector=v, filter_expression=expression)
                    vector_samples.append((time.perf_counter() - start) * 1e6)
                    vector_hits += bool(found)
            for _ in range(args.iterations):
                for q in queries:
                    start = time.perf_counter()
                    found = cache.check(prompt=q, filter_expression=expression)
                    text_samples.append((time.perf_counter() - start) * 1e6)
                    text_hits += bool(found)
    finally:
        if not args.keep:
            cache.delete()

    print(json.dumps({
        "peer": f"redisvl {redisvl.__version__} (redis-py {redis.__version__})",
        "entries": len(prompts),
        "queries": len(queries),
        "samples": len(vector_samples),
        "distance_threshold": args.distance_threshold,
        "store": summary(store_samples),
        "check_vector": {**summary(vector_samples), "hit_ratio": vector_hits / len(vector_samples)},
        "check_text": {**summary(text_samples), "hit_ratio": text_hits / len(text_samples)},
    }))


if __name__ == "__main__":
    main()
