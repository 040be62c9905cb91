"""One router on Redis, shared by RedisVL and Junction (RedisVL's layout).

(a) RedisVL creates the topic router of its user guide on the test Redis;
    `junction route --redis URL --name NAME` attaches to it and routes every
    query like RedisVL's router(query) / route_many(query, max_k=3) for each
    aggregation method (same names, distances within 1e-4).
(b) `junction route --redis URL --router FILE` creates the router there;
    RedisVL's SemanticRouter.from_existing loads it and routes identically, and
    the index, keys and hashes are the ones RedisVL writes.
(c) References added or deleted by RedisVL are seen by Junction; references
    changed on Junction's side (the file, created again with overwrite) are
    seen by RedisVL.
(d) The CLI's errors: Redis unreachable (with and without --redis-fallback),
    a missing router, the invalid flag combinations.
"""
import hashlib
import socket

import pytest
import yaml

from conftest import MODEL_NAME, VECTORIZER_DICT, junction, json_lines
from test_router_files import (AGGREGATIONS, QUERIES, TOPIC_ROUTES, assert_same_match,
                               assert_same_matches, redisvl_router)


def junction_route_redis(redis_url, texts, *options):
    """`junction route --redis URL [options] -- TEXT...` -> one dict per text."""
    proc = junction("route", "--redis", redis_url, *options, "--", *texts)
    rows = json_lines(proc.stdout)
    assert len(rows) == len(texts), f"expected {len(texts)} JSON lines, got:\n{proc.stdout}\n{proc.stderr}"
    return rows


def compare_with_junction_on_redis(router, redis_url, name, queries):
    """RedisVL's router(q) and route_many(q, max_k=3, method) vs `junction route --redis --name`."""
    from redisvl.extensions.router.schema import DistanceAggregationMethod

    single = [router(q) for q in queries]
    for query, match, row in zip(queries, single, junction_route_redis(redis_url, queries, "--name", name)):
        assert_same_match(query, match, row)
    for aggregation in AGGREGATIONS:
        method = DistanceAggregationMethod(aggregation)
        many = [router.route_many(q, max_k=3, aggregation_method=method) for q in queries]
        rows = junction_route_redis(redis_url, queries, "--name", name, "--many", "--max-k", 3,
                                    "--aggregation", aggregation)
        for query, matches, row in zip(queries, many, rows):
            assert_same_matches(query, matches, row, f"route_many max_k=3 {aggregation}")
    return single


def write_router_file(path, name, routes, max_k=1, aggregation="avg"):
    path.write_text(yaml.safe_dump({
        "name": name,
        "routes": routes,
        "vectorizer": VECTORIZER_DICT,
        "routing_config": {"max_k": max_k, "aggregation_method": aggregation},
    }, sort_keys=False))
    return path


def redis_client(redis_url):
    import redis

    return redis.Redis.from_url(redis_url, decode_responses=False)


def reference_keys(client, name):
    return sorted(k.decode() for k in client.keys(f"{name}:*") if not k.decode().endswith(":route_config"))


def expected_keys(name, routes):
    return sorted(f"{name}:{r['name']}:{hashlib.sha256(ref.encode()).hexdigest()}"
                  for r in routes for ref in r["references"])


def as_dict(value):
    """A RESP3 map (dict) or a RESP2 flat [key, value, ...] list, as a dict."""
    return value if isinstance(value, dict) else dict(zip(value[::2], value[1::2]))


def index_layout(client, name):
    """FT.INFO's index definition and field attributes, with the name taken out."""
    info = as_dict(client.execute_command("FT.INFO", name))
    definition = as_dict(info[b"index_definition"])
    prefixes = [p.decode().replace(name, "{name}") for p in definition[b"prefixes"]]
    return definition[b"key_type"], prefixes, info[b"attributes"]


# --- (a) RedisVL's router, Junction routes -------------------------------------------

def test_junction_routes_a_redisvl_router_by_name(router_name, redis_url, vectorizer, embedder, cleanup_routers):
    router = redisvl_router(router_name, TOPIC_ROUTES, vectorizer, redis_url, max_k=1, aggregation="avg")
    cleanup_routers.append(router)
    embedder.many(QUERIES)
    single = compare_with_junction_on_redis(router, redis_url, router_name, QUERIES)
    assert {m.name for m in single} == {"technology", "sports", "entertainment", None}
    # Attaching writes nothing: the stored config is still RedisVL's, byte for byte.
    client = redis_client(redis_url)
    assert client.json().get(f"{router_name}:route_config") == router.to_dict()


# --- (b) Junction's router, RedisVL routes ---------------------------------------------

def test_redisvl_loads_a_router_junction_created(tmp_path, router_name, redis_url, swap_vectorizer, vectorizer,
                                                  embedder, cleanup_routers):
    from redisvl.extensions.router import SemanticRouter

    path = write_router_file(tmp_path / "router.yaml", router_name, TOPIC_ROUTES, max_k=2, aggregation="min")
    embedder.many(QUERIES)
    created_rows = junction_route_redis(redis_url, QUERIES, "--router", path)

    router = SemanticRouter.from_existing(router_name, redis_url=redis_url)
    cleanup_routers.append(router)
    assert swap_vectorizer == [VECTORIZER_DICT]
    assert router.to_dict() == yaml.safe_load(path.read_text())
    single = compare_with_junction_on_redis(router, redis_url, router_name, QUERIES)
    for query, match, row in zip(QUERIES, single, created_rows):
        assert_same_match(query, match, row)

    # The layout is RedisVL's: same index definition and fields as an index RedisVL made, same keys and hashes.
    client = redis_client(redis_url)
    assert reference_keys(client, router_name) == expected_keys(router_name, TOPIC_ROUTES)
    reference = "basketball and football"
    digest = hashlib.sha256(reference.encode()).hexdigest()
    stored = client.hgetall(f"{router_name}:sports:{digest}")
    assert {k.decode(): v for k, v in stored.items() if k != b"vector"} == \
        {"reference_id": digest.encode(), "route_name": b"sports", "reference": reference.encode()}
    import numpy as np
    assert np.allclose(np.frombuffer(stored[b"vector"], dtype="<f4"), embedder.one(reference), atol=1e-6)
    twin = redisvl_router(router_name + "-twin", TOPIC_ROUTES, vectorizer, redis_url)
    cleanup_routers.append(twin)
    assert index_layout(client, router_name) == index_layout(client, router_name + "-twin")


def test_junction_overwrites_a_router_of_the_same_name(tmp_path, router_name, redis_url, swap_vectorizer,
                                                       vectorizer, embedder, cleanup_routers):
    from redisvl.extensions.router import SemanticRouter

    original = redisvl_router(router_name, TOPIC_ROUTES, vectorizer, redis_url)
    cleanup_routers.append(original)
    routes = [dict(route) for route in TOPIC_ROUTES[:2]]
    routes[0] = {**routes[0], "references": routes[0]["references"][:2] + ["new laptops and gadgets"]}
    path = write_router_file(tmp_path / "router.yaml", router_name, routes)
    embedder.many(QUERIES)
    junction_route_redis(redis_url, QUERIES[:1], "--router", path)

    loaded = SemanticRouter.from_existing(router_name, redis_url=redis_url)
    assert loaded.to_dict() == yaml.safe_load(path.read_text())
    # The references the file no longer has are gone from Redis too.
    assert reference_keys(redis_client(redis_url), router_name) == expected_keys(router_name, routes)
    compare_with_junction_on_redis(loaded, redis_url, router_name, QUERIES)


# --- (c) references changed on one side, seen on the other ------------------------------

def test_references_changed_by_redisvl_are_seen_by_junction(router_name, redis_url, vectorizer, embedder,
                                                            cleanup_routers):
    from redisvl.extensions.router.schema import DistanceAggregationMethod

    router = redisvl_router(router_name, TOPIC_ROUTES, vectorizer, redis_url)
    cleanup_routers.append(router)
    queries = ["latest AI trends", "new movie trailers this week", "tell me about the newest gadgets"]
    embedder.many(queries + QUERIES)

    router.add_route_references("technology", ["latest AI trends"])
    router.add_route_references("entertainment", ["new movie trailers this week"])
    rows = junction_route_redis(redis_url, queries, "--name", router_name, "--many", "--aggregation", "min")
    for query, row in zip(queries, rows):
        assert_same_matches(query, router.route_many(query, aggregation_method=DistanceAggregationMethod.min),
                            row, "after add_route_references")
    assert rows[0]["matches"][0] == {"route": "technology", "distance": pytest.approx(0, abs=1e-4)}

    deleted = hashlib.sha256(b"tell me about the newest gadgets").hexdigest()
    assert router.delete_route_references(reference_ids=[deleted]) == 1
    rows = junction_route_redis(redis_url, queries, "--name", router_name, "--many", "--aggregation", "min")
    for query, row in zip(queries, rows):
        assert_same_matches(query, router.route_many(query, aggregation_method=DistanceAggregationMethod.min),
                            row, "after delete_route_references")
    assert rows[2]["matches"][0]["distance"] > 1e-3, "the deleted reference still routes"
    compare_with_junction_on_redis(router, redis_url, router_name, QUERIES)


def test_references_changed_by_junction_are_seen_by_redisvl(tmp_path, router_name, redis_url, swap_vectorizer,
                                                            embedder, cleanup_routers):
    from redisvl.extensions.router import SemanticRouter
    from redisvl.extensions.router.schema import DistanceAggregationMethod

    path = write_router_file(tmp_path / "router.yaml", router_name, TOPIC_ROUTES)
    junction_route_redis(redis_url, ["hello"], "--router", path)
    first = SemanticRouter.from_existing(router_name, redis_url=redis_url)
    cleanup_routers.append(first)
    before = first.get_route_references(route_name="technology")
    assert sorted(r["reference"] for r in before) == sorted(TOPIC_ROUTES[0]["references"])

    # Junction's side: the file gains one reference and loses another, and is created again.
    routes = [dict(route) for route in TOPIC_ROUTES]
    routes[0] = {**routes[0], "references": ["latest AI trends"] + routes[0]["references"][1:]}
    write_router_file(path, router_name, routes)
    junction_route_redis(redis_url, ["hello"], "--router", path)

    second = SemanticRouter.from_existing(router_name, redis_url=redis_url)
    after = second.get_route_references(route_name="technology")
    assert sorted(r["reference"] for r in after) == sorted(routes[0]["references"])
    assert second.get_route_references(reference_ids=[hashlib.sha256(b"latest AI trends").hexdigest()])[0][
        "route_name"] == "technology"
    removed = TOPIC_ROUTES[0]["references"][0]
    embedder.many(["latest AI trends", removed])
    nearest = DistanceAggregationMethod.min
    added = second.route_many("latest AI trends", max_k=1, aggregation_method=nearest)
    assert added[0].name == "technology" and added[0].distance == pytest.approx(0, abs=1e-4)
    gone = second.route_many(removed, max_k=3, aggregation_method=nearest)
    assert all(match.distance > 1e-3 for match in gone), f"the removed reference still routes: {gone}"
    assert second.to_dict()["routes"][0]["references"] == routes[0]["references"]


# --- (d) the CLI's errors ----------------------------------------------------------------------

def closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_redis_is_a_clear_error(tmp_path, router_name):
    url = f"redis://127.0.0.1:{closed_port()}"
    proc = junction("route", "--redis", url, "--name", router_name, "--", "hello", check=False)
    assert proc.returncode != 0
    assert url in proc.stderr and "connection refused" in proc.stderr, proc.stderr
    assert proc.stdout == ""

    path = write_router_file(tmp_path / "router.yaml", router_name, TOPIC_ROUTES)
    proc = junction("route", "--redis", url, "--router", path, "--", "hello", check=False)
    assert proc.returncode != 0 and url in proc.stderr, proc.stderr


def test_redis_fallback_routes_with_the_embedded_index(tmp_path, router_name, embedder):
    url = f"redis://127.0.0.1:{closed_port()}"
    path = write_router_file(tmp_path / "router.yaml", router_name, TOPIC_ROUTES)
    embedder.many(QUERIES)
    proc = junction("route", "--redis", url, "--router", path, "--redis-fallback", "--", *QUERIES)
    assert "warning" in proc.stderr and url in proc.stderr and "embedded" in proc.stderr, proc.stderr
    fallback = json_lines(proc.stdout)
    embedded = json_lines(junction("route", "--router", path, "--", *QUERIES).stdout)
    assert fallback == embedded


def test_the_password_is_not_printed(router_name):
    url = f"redis://user:s3cret@127.0.0.1:{closed_port()}"
    proc = junction("route", "--redis", url, "--name", router_name, "--", "hello", check=False)
    assert proc.returncode != 0
    assert "s3cret" not in proc.stderr and "user:***@127.0.0.1" in proc.stderr, proc.stderr


def test_a_missing_router_is_named(redis_url, router_name):
    proc = junction("route", "--redis", redis_url, "--name", router_name, "--", "hello", check=False)
    assert proc.returncode != 0
    assert router_name in proc.stderr and "route_config" in proc.stderr, proc.stderr


@pytest.mark.parametrize("args, message", [
    (["--name", "r"], "--name needs --redis"),
    (["--redis", "redis://127.0.0.1:6379"], "--redis needs --name"),
    (["--redis", "redis://127.0.0.1:6379", "--name", "r", "--router", "f.yaml"], "not both"),
    (["--redis", "redis://127.0.0.1:6379", "--name", "r", "--redis-fallback"], "--redis-fallback needs --router"),
    (["--router", "f.yaml", "--redis-fallback"], "--redis-fallback needs --redis"),
    (["--redis", "redis://127.0.0.1:6379", "--name", "r", "--aggregation", "nearest_3"], "Redis cannot compute"),
    (["--redis", "redis://127.0.0.1:6379", "--name", "r", "--data-dir", "d"], "--data-dir"),
    ([], "--router"),
])
def test_invalid_flag_combinations(args, message):
    proc = junction("route", *args, "--", "hello", check=False)
    assert proc.returncode != 0
    assert message in proc.stderr, proc.stderr
