"""redis-py side of `junction bench route --redis`: pipelined throughput.

Sends --count PING commands in pipelines of --pipeline on one connection
(transaction=False, as redis-benchmark -P does) and prints
{"peer": "redis-py X", "per_s": commands per second} for the median of --rounds.
"""
import argparse
import json
import statistics
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pipeline", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import redis

    client = redis.Redis.from_url(args.redis_url)
    client.ping()
    rates = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in range(args.count // args.pipeline):
            pipe = client.pipeline(transaction=False)
            for _ in range(args.pipeline):
                pipe.ping()
            pipe.execute()
        rates.append(args.count / (time.perf_counter() - start))
    print(json.dumps({"peer": f"redis-py {redis.__version__}", "per_s": statistics.median(rates)}))


if __name__ == "__main__":
    main()
