"""A router made with RedisVL's default vectorizer, all-mpnet-base-v2, on one Redis shared by RedisVL and
Junction.

(a) RedisVL creates a router with HFTextVectorizer() defaults (SemanticRouter without a vectorizer);
    `junction route --redis URL --name NAME` attaches by name, reads the stored vectorizer
    {type: hf, model: sentence-transformers/all-mpnet-base-v2}, embeds with its own MPNet from the
    installed files and routes every query like RedisVL's router(query) and route_many (same names,
    distances within 1e-4).
(b) Junction creates the router from a file naming MPNet; RedisVL's SemanticRouter.from_existing loads
    it (building HFTextVectorizer from the stored dict) and routes the same.
(c) A router whose vectorizer Junction cannot serve (another provider, an hf model that is not installed,
    a --model that is not the router's) stops with a message naming the vectorizer, the model and what
    to do; nothing is routed with another model.

RedisVL's HFTextVectorizer needs sentence-transformers and torch, which the test set-up does not install:
its SentenceTransformer is answered from the outputs the real sentence-transformers computed for these
texts on the installed files (standins/sentence_transformers, Tests/interop/fixtures/mpnet_vectors.json),
so RedisVL's side holds sentence-transformers' vectors and Junction's side its own.
"""
import json
import sys

import pytest
import yaml

from conftest import junction
from test_redis_router import compare_with_junction_on_redis, junction_route_redis, redis_client
from test_router_files import QUERIES, TOPIC_ROUTES, assert_same_match

MPNET = "sentence-transformers/all-mpnet-base-v2"
MPNET_VECTORIZER = {"type": "hf", "model": MPNET}
EXTRA_QUERIES = [
    "Which team is leading the basketball league this season?",
    "recommend a good documentary about robots",
    "I want to watch a comedy tonight",
    "how much does the new phone cost?",
    "is it going to rain tomorrow?",
]


def all_texts():
    """Every text RedisVL's HFTextVectorizer embeds in these tests (the fixture script records them)."""
    references = [reference for route in TOPIC_ROUTES for reference in route["references"]]
    return references + QUERIES + EXTRA_QUERIES


@pytest.fixture
def hf_standin(monkeypatch):
    """RedisVL's HFTextVectorizer gets the recorded sentence-transformers (see the module docstring)."""
    from standins import sentence_transformers

    monkeypatch.setitem(sys.modules, "sentence_transformers", sentence_transformers)
    return sentence_transformers


def redisvl_default_router(name, redis_url):
    from redisvl.extensions.router import Route, SemanticRouter

    return SemanticRouter(name=name, routes=[Route(**route) for route in TOPIC_ROUTES], redis_url=redis_url,
                          overwrite=True)


def test_junction_attaches_to_redisvls_default_mpnet_router(redis_url, router_name, cleanup_routers, hf_standin):
    router = redisvl_default_router(router_name, redis_url)
    cleanup_routers.append(router)
    assert router.to_dict()["vectorizer"] == MPNET_VECTORIZER
    stored = json.loads(redis_client(redis_url).execute_command("JSON.GET", f"{router_name}:route_config"))
    assert stored["vectorizer"] == MPNET_VECTORIZER
    queries = QUERIES + EXTRA_QUERIES
    matches = compare_with_junction_on_redis(router, redis_url, router_name, queries)
    assert any(m.name for m in matches) and any(m.name is None for m in matches), \
        "the queries should both match and miss routes"


def test_redisvl_routes_on_junctions_mpnet_router(redis_url, router_name, cleanup_routers, hf_standin, tmp_path):
    from redisvl.extensions.router import SemanticRouter

    path = tmp_path / "router.yaml"
    path.write_text(yaml.safe_dump({"name": router_name, "routes": TOPIC_ROUTES, "vectorizer": MPNET_VECTORIZER,
                                    "routing_config": {"max_k": 1, "aggregation_method": "avg"}}, sort_keys=False))
    queries = QUERIES + EXTRA_QUERIES
    rows = junction_route_redis(redis_url, queries, "--router", path)
    router = SemanticRouter.from_existing(name=router_name, redis_url=redis_url)
    cleanup_routers.append(router)
    assert router.vectorizer.model == MPNET and router.vectorizer.dims == 768
    for query, row in zip(queries, rows):
        assert_same_match(query, router(query), row)


def overwrite_vectorizer(redis_url, name, vectorizer):
    client = redis_client(redis_url)
    config = json.loads(client.execute_command("JSON.GET", f"{name}:route_config"))
    config["vectorizer"] = vectorizer
    client.execute_command("JSON.SET", f"{name}:route_config", ".", json.dumps(config))


@pytest.mark.parametrize("vectorizer, words", [
    ({"type": "cohere", "model": "embed-english-v3.0"}, ["cohere", "embed-english-v3.0", "hf", "openai", "azure_openai"]),
    ({"type": "hf", "model": "BAAI/bge-small-en-v1.5"}, ["BAAI/bge-small-en-v1.5", "not installed", "--hf-model"]),
    ({"type": "openai", "model": "text-embedding-3-small"}, ["openai", "text-embedding-3-small", "OPENAI_API_KEY"]),
])
def test_a_vectorizer_junction_cannot_serve_stops_with_what_to_do(redis_url, router_name, cleanup_routers, hf_standin,
                                                                  vectorizer, words):
    router = redisvl_default_router(router_name, redis_url)
    cleanup_routers.append(router)
    overwrite_vectorizer(redis_url, router_name, vectorizer)
    env_free = {"OPENAI_API_KEY": ""}
    proc = junction("route", "--redis", redis_url, "--name", router_name, "--", "who won?", check=False, env=env_free)
    assert proc.returncode != 0 and proc.stdout == "", proc.stdout
    for word in words:
        assert word in proc.stderr, f"{word!r} not in: {proc.stderr}"


def test_a_model_flag_other_than_the_routers_vectorizer_is_refused(redis_url, router_name, cleanup_routers, hf_standin):
    router = redisvl_default_router(router_name, redis_url)
    cleanup_routers.append(router)
    proc = junction("route", "--redis", redis_url, "--name", router_name, "--model", "minilm", "--", "who won?",
                    check=False)
    assert proc.returncode != 0 and proc.stdout == ""
    assert MPNET in proc.stderr and "all-MiniLM-L6-v2" in proc.stderr, proc.stderr
