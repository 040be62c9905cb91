"""Router files are interchangeable between RedisVL and Junction.

(a) RedisVL writes a router.yaml; `junction route` loads it unchanged and
    routes like RedisVL's router(query) / route_many(query, max_k=3) for each
    aggregation method (same names in the same order, distances within 1e-4).
(b) Junction writes a router.yaml (`junction fit`); RedisVL loads it with
    SemanticRouter.from_yaml and routes like `junction route` on it.

RedisVL routes through Redis (FT.AGGREGATE with VECTOR_RANGE); Junction in
process. Both embed with all-MiniLM-L6-v2 via `junction embed` (conftest.py).
"""
import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

from conftest import MODEL_NAME, VECTORIZER_DICT, junction, junction_route

DISTANCE_TOLERANCE = 1e-4

# The topic router of RedisVL's semantic router user guide (docs/user_guide/router.yaml
# in redis/redis-vl-python), with the user guide's thresholds 0.71 / 0.72 / 0.70.
TOPIC_ROUTES = [
    {
        "name": "technology",
        "references": [
            "what are the latest advancements in AI?",
            "tell me about the newest gadgets",
            "what's trending in tech?",
        ],
        "metadata": {"category": "tech", "priority": 1},
        "distance_threshold": 0.71,
    },
    {
        "name": "sports",
        "references": [
            "who won the game last night?",
            "tell me about the upcoming sports events",
            "what's the latest in the world of sports?",
            "sports",
            "basketball and football",
        ],
        "metadata": {"category": "sports", "priority": 2},
        "distance_threshold": 0.72,
    },
    {
        "name": "entertainment",
        "references": [
            "what are the top movies right now?",
            "who won the best actor award?",
            "what's new in the entertainment industry?",
        ],
        "metadata": {"category": "entertainment", "priority": 3},
        "distance_threshold": 0.70,
    },
]

QUERIES = [
    # clearly in one topic
    "Can you tell me about the latest in artificial intelligence?",
    "what's the newest smartphone on the market?",
    "new laptops and gadgets this year",
    "who won the football match yesterday?",
    "when is the next basketball game?",
    "which movie won the Oscar?",
    "what's playing at the cinema this weekend?",
    "new TV series on streaming",
    # between topics (several routes within range)
    "tell me about the latest",
    "who won?",
    "award-winning tech documentaries",
    # in no topic
    "What is the capital of France?",
    "how do I bake sourdough bread?",
    "my cat keeps sneezing",
]

AGGREGATIONS = ["avg", "min", "sum"]


def file_state(path):
    stat = os.stat(path)
    return hashlib.sha256(Path(path).read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size


def redisvl_router(name, routes, vectorizer, redis_url, max_k=1, aggregation="avg"):
    from redisvl.extensions.router import Route, RoutingConfig, SemanticRouter

    return SemanticRouter(
        name=name,
        routes=[Route(**route) for route in routes],
        vectorizer=vectorizer,
        routing_config=RoutingConfig(max_k=max_k, aggregation_method=aggregation),
        redis_url=redis_url,
        overwrite=True,
    )


def assert_same_match(query, redisvl_match, junction_row):
    """RedisVL RouteMatch vs Junction {"route", "distance"}."""
    assert junction_row.get("route") == redisvl_match.name, \
        f"{query!r}: RedisVL routes to {redisvl_match.name!r} ({redisvl_match.distance}), " \
        f"Junction to {junction_row}"
    if redisvl_match.distance is None:
        assert junction_row.get("distance") is None, f"{query!r}: {junction_row}"
    else:
        assert junction_row.get("distance") == pytest.approx(redisvl_match.distance, abs=DISTANCE_TOLERANCE), \
            f"{query!r}: RedisVL distance {redisvl_match.distance}, Junction {junction_row}"


def assert_same_matches(query, redisvl_matches, junction_row, label):
    assert isinstance(junction_row.get("matches"), list), f"{query!r}: {junction_row}"
    got = [(m.get("route"), m.get("distance")) for m in junction_row["matches"]]
    want = [(m.name, m.distance) for m in redisvl_matches]
    assert [name for name, _ in got] == [name for name, _ in want], \
        f"{label} {query!r}: RedisVL {want}, Junction {got}"
    for (_, d_got), (_, d_want) in zip(got, want):
        assert d_got == pytest.approx(d_want, abs=DISTANCE_TOLERANCE), \
            f"{label} {query!r}: RedisVL {want}, Junction {got}"


def compare_routing(router, router_file, queries, max_k_many):
    """route() for each query, then route_many(max_k) for each aggregation method."""
    from redisvl.extensions.router.schema import DistanceAggregationMethod

    single = [router(q) for q in queries]
    rows = junction_route(router_file, queries)
    for query, match, row in zip(queries, single, rows):
        assert_same_match(query, match, row)

    for aggregation in AGGREGATIONS:
        method = DistanceAggregationMethod(aggregation)
        many = [router.route_many(q, max_k=max_k_many, aggregation_method=method) for q in queries]
        rows = junction_route(router_file, queries, "--many", "--max-k", max_k_many,
                              "--aggregation", aggregation)
        for query, matches, row in zip(queries, many, rows):
            assert_same_matches(query, matches, row, f"route_many max_k={max_k_many} {aggregation}")
    return single


def test_redisvl_router_yaml_routes_the_same_in_junction(tmp_path, router_name, redis_url, vectorizer,
                                                         embedder, cleanup_routers):
    router = redisvl_router(router_name, TOPIC_ROUTES, vectorizer, redis_url, max_k=1, aggregation="avg")
    cleanup_routers.append(router)
    path = tmp_path / "router.yaml"
    router.to_yaml(str(path))

    written = yaml.safe_load(path.read_text())
    assert written["vectorizer"] == VECTORIZER_DICT
    assert written["routing_config"] == {"max_k": 1, "aggregation_method": "avg"}
    assert [r["distance_threshold"] for r in written["routes"]] == [0.71, 0.72, 0.70]

    embedder.many(QUERIES)  # one `junction embed` for every query RedisVL routes below
    before = file_state(path)
    single = compare_routing(router, path, QUERIES, max_k_many=3)
    assert file_state(path) == before, "the router file was rewritten"

    # The queries cover every route and the no-match case, or the test proves little.
    assert {m.name for m in single} == {"technology", "sports", "entertainment", None}

    # The same router as JSON (RedisVL's to_dict, as stored at {name}:route_config).
    json_path = tmp_path / "router.json"
    json_path.write_text(json.dumps(router.to_dict()))
    rows = junction_route(json_path, QUERIES)
    for query, match, row in zip(QUERIES, single, rows):
        assert_same_match(query, match, row)


# A router where RedisVL's exact semantics matter:
#  - "catch-all" has a loose threshold, so the range query (radius = the largest
#    threshold) keeps every reference and avg/sum aggregate over several;
#  - "greeting" is close to greetings but strict: RedisVL sorts the aggregated
#    routes, keeps max_k (SORTBY ... MAX k), and only then drops routes over their
#    own threshold (FILTER), so a greeting just over 0.25 routes to nothing even
#    though "catch-all" is within its threshold.
EDGE_ROUTES = [
    {"name": "greeting", "references": ["hello", "hi there", "good morning"],
     "metadata": {}, "distance_threshold": 0.25},
    {"name": "catch-all", "references": ["hello friend, how are you doing", "a question about something",
                                         "tell me anything", "weather today"],
     "metadata": {}, "distance_threshold": 1.6},
    {"name": "billing", "references": ["refund my payment", "my invoice is wrong", "cancel my subscription"],
     "metadata": {"model": "small"}, "distance_threshold": 0.6},
]
EDGE_QUERIES = [
    "hello",
    "hi",
    "hello there, my friend",
    "good evening",
    "I want a refund for my invoice",
    "why was I charged twice?",
    "what's the weather like today?",
    "quantum chromodynamics",
]


@pytest.mark.parametrize("aggregation", AGGREGATIONS)
def test_redisvl_semantics_top_k_then_threshold(tmp_path, router_name, redis_url, vectorizer, embedder,
                                                cleanup_routers, aggregation):
    router = redisvl_router(router_name, EDGE_ROUTES, vectorizer, redis_url, max_k=1, aggregation=aggregation)
    cleanup_routers.append(router)
    path = tmp_path / "router.yaml"
    router.to_yaml(str(path))
    embedder.many(EDGE_QUERIES)
    before = file_state(path)
    single = compare_routing(router, path, EDGE_QUERIES, max_k_many=2)
    assert file_state(path) == before, "the router file was rewritten"
    if aggregation == "avg":
        # Sanity: the top-1-then-filter case happens for at least one query.
        assert any(m.name is None and router.route_many(q, max_k=3)
                   for q, m in zip(EDGE_QUERIES, single)), [(q, m) for q, m in zip(EDGE_QUERIES, single)]


# Labelled examples for `junction fit` ({"text", "label"} lines): route name or null (no route).
FIT_DATA = [
    ("what's new with AI chips?", "technology"),
    ("recommend a good laptop for programming", "technology"),
    ("is the new phone worth buying?", "technology"),
    ("how do large language models work?", "technology"),
    ("who scored in the match tonight?", "sports"),
    ("when does the tennis tournament start?", "sports"),
    ("football transfer news", "sports"),
    ("did our team win the championship?", "sports"),
    ("best films of the year", "entertainment"),
    ("who is starring in the new series?", "entertainment"),
    ("any good concerts this month?", "entertainment"),
    ("which actress won the award?", "entertainment"),
    ("how do I file my taxes?", None),
    ("what's a good recipe for lasagna?", None),
    ("my back hurts when I sit", None),
    ("how tall is Mount Everest?", None),
    ("translate hello into Spanish", None),
]


# Data sets for `junction fit`. "references" labels each route's own references
# (plus the unrelated texts), which makes the fitted thresholds land on round
# values such as 0.2: the file must still write them as YAML floats that
# RedisVL's loader (PyYAML, YAML 1.1: a float needs a ".") reads as numbers,
# e.g. "0.2" or "2.0e-1", never "2e-1" (a string to PyYAML).
FIT_SETS = {
    "mixed": FIT_DATA,
    "references": [(ref, route["name"]) for route in TOPIC_ROUTES for ref in route["references"]]
                  + [(t, label) for t, label in FIT_DATA if label is None],
}


def fit_topic_router(tmp_path, router_name, examples, methods):
    """`junction fit` of the topic router (avg, all thresholds as given) on `examples`; returns the fitted file."""
    start = {
        "name": router_name,
        "routes": TOPIC_ROUTES,
        "vectorizer": VECTORIZER_DICT,
        "routing_config": {"max_k": 1, "aggregation_method": "avg"},
    }
    start_path = tmp_path / "router.yaml"
    start_path.write_text(yaml.safe_dump(start, sort_keys=False))
    data_path = tmp_path / "data.jsonl"
    data_path.write_text("".join(json.dumps({"text": t, "label": r}) + "\n" for t, r in examples))
    out = tmp_path / "out.yaml"
    junction("fit", "--router", start_path, "--data", data_path, "--out", out, "--aggregation-methods", methods)
    return out


@pytest.mark.parametrize("data_set", list(FIT_SETS))
def test_junction_fit_router_yaml_loads_in_redisvl(tmp_path, router_name, redis_url, swap_vectorizer,
                                                   embedder, cleanup_routers, data_set):
    from redisvl.extensions.router import SemanticRouter

    examples = FIT_SETS[data_set]
    out = fit_topic_router(tmp_path, router_name, examples, "avg,min,sum")

    text = out.read_text()
    fitted = yaml.safe_load(text)
    assert fitted["routing_config"]["aggregation_method"] in AGGREGATIONS
    assert sorted(r["name"] for r in fitted["routes"]) == sorted(r["name"] for r in TOPIC_ROUTES)
    for route in fitted["routes"]:
        threshold = route["distance_threshold"]
        assert isinstance(threshold, float), \
            f"route {route['name']}: distance_threshold reads as {threshold!r} ({type(threshold).__name__}) " \
            f"under YAML 1.1 (PyYAML, RedisVL's loader); line in the file: " \
            f"{[line.strip() for line in text.splitlines() if 'distance_threshold' in line]}"
        assert 0 < threshold <= 2

    # Loaded by RedisVL unchanged; only the vectorizer object is ours (conftest.swap_vectorizer).
    before = file_state(out)
    router = SemanticRouter.from_yaml(str(out), redis_url=redis_url, overwrite=True)
    cleanup_routers.append(router)
    assert swap_vectorizer == [fitted["vectorizer"]] and fitted["vectorizer"]["model"] == MODEL_NAME
    fields = ("name", "references", "distance_threshold")
    assert [{k: r[k] for k in fields} for r in router.to_dict()["routes"]] == \
        [{k: r[k] for k in fields} for r in fitted["routes"]]

    queries = QUERIES + [t for t, _ in examples]
    embedder.many(queries)
    single = [router(q) for q in queries]
    rows = junction_route(out, queries)
    for query, match, row in zip(queries, single, rows):
        assert_same_match(query, match, row)
    assert file_state(out) == before


@pytest.mark.parametrize("method", ["centroid", "softmax"])
def test_redisvl_refuses_junction_extension_files_loudly(tmp_path, router_name, swap_vectorizer, method):
    """A file fitted with a Junction extension fails in RedisVL with a validation
    error naming aggregation_method, instead of loading and routing differently."""
    from pydantic import ValidationError
    from redisvl.extensions.router import SemanticRouter

    out = fit_topic_router(tmp_path, router_name, FIT_DATA, method)
    fitted = yaml.safe_load(out.read_text())
    assert fitted["routing_config"]["aggregation_method"] == method
    assert "confidence" in fitted["routing_config"]
    # RedisVL validates routing_config before it touches Redis.
    with pytest.raises(ValidationError) as refused:
        SemanticRouter.from_dict(fitted, redis_url="redis://127.0.0.1:1")
    assert "aggregation_method" in str(refused.value)
    # Junction routes the same file, with a confidence per decision.
    rows = junction_route(out, QUERIES[:3])
    assert all(0 <= row["confidence"] <= 1 for row in rows)
