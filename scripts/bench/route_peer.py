"""RedisVL side of `junction bench route`.

Builds a RedisVL SemanticRouter (HFTextVectorizer on the local model folder,
so sentence-transformers + torch at 1 thread) on the given Redis, then measures
with the same inputs as Junction:
  route_text    router(text): embedding + FT.AGGREGATE routing query
  route_vector  router(vector=...): routing query only, vectors embedded beforehand
Each measurement routes every query of --queries-file, the list cycled
--iterations times (samples = iterations x queries), after a warm-up pass.
Prints one JSON object and deletes the router (index and route config).
Needs `scripts/setup --bench` and a Redis with search + JSON (scripts/redis start).

  routes.json:  {"name": ..., "routes": [{"name", "references": [...], "distance_threshold"}]}
  queries.json: ["text", ...]  (or {"queries": [...]})
"""
import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(samples):
    return {"p50_ms": statistics.median(samples), "p99_ms": percentile(samples, 99)}


def timed(call, inputs, iterations):
    samples = []
    for _ in range(iterations):
        for item in inputs:
            start = time.perf_counter()
            call(item)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--model", required=True, help="local sentence-transformers model folder")
    parser.add_argument("--routes-file", required=True)
    parser.add_argument("--queries-file", required=True)
    parser.add_argument("--iterations", type=int, default=20, help="times the query list is cycled")
    args = parser.parse_args()

    import redis
    import redisvl
    import torch
    from redisvl.extensions.router import Route, SemanticRouter
    from redisvl.utils.vectorize import HFTextVectorizer

    torch.set_num_threads(1)
    spec = json.load(open(args.routes_file))
    queries = json.load(open(args.queries_file))
    if isinstance(queries, dict):
        queries = queries["queries"]
    if not queries or args.iterations < 1:
        sys.exit("route_peer.py: need at least one query and --iterations >= 1")

    routes = [Route(name=r["name"], references=r["references"], metadata=r.get("metadata", {}),
                    distance_threshold=r.get("distance_threshold", 0.5)) for r in spec["routes"]]
    vectorizer = HFTextVectorizer(model=args.model, device="cpu")
    router = SemanticRouter(name=spec["name"], routes=routes, vectorizer=vectorizer,
                            redis_url=args.redis_url, overwrite=True)
    try:
        with torch.inference_mode():
            vectors = [vectorizer.embed(q) for q in queries]
            # Warm-up: one pass of each, not measured.
            for q, v in zip(queries, vectors):
                router(q)
                router(vector=v)
            text_samples = timed(lambda q: router(q), queries, args.iterations)
            # __call__ with vector= skips the vectorizer and runs the same
            # _classify_route (FT.AGGREGATE) as with a statement.
            vector_samples = timed(lambda v: router(vector=v), vectors, args.iterations)
    finally:
        router.delete()

    print(json.dumps({
        "peer": f"redisvl {redisvl.__version__} (redis-py {redis.__version__})",
        "route_text": summary(text_samples),
        "route_vector": summary(vector_samples),
        "references": sum(len(r.references) for r in routes),
        "samples": len(text_samples),
    }))


if __name__ == "__main__":
    main()
