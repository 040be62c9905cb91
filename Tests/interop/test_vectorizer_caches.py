"""Caches built with RedisVL's other vectorizers, shared by RedisVL and Junction on one Redis.

(a) A SemanticCache RedisVL built with OpenAITextVectorizer, pointed at `junction fake-upstream` (a real HTTP
    server speaking OpenAI's embeddings API, which checks the API key): Junction attaches with
    `--vectorizer openai --model text-embedding-3-small` (OPENAI_BASE_URL, OPENAI_API_KEY), embeds through the
    same server, and hits RedisVL's entries with a reworded prompt (a vector search, not the exact-key path);
    entries Junction stores are hits for RedisVL.
(b) The same with AzureOpenAITextVectorizer on Azure's deployment URLs (api-version, api-key header).
(c) RedisVL's EmbeddingsCache: what RedisVL's vectorizer stored is used by `junction embed --embeddings-cache`
    (no request reaches the provider for those texts, and the vectors are RedisVL's), and what Junction
    stored is used by RedisVL's vectorizer, for an OpenAI-type model and for all-mpnet-base-v2.

The fake's embeddings are deterministic bags of words (JunctionFakeUpstream's FakeEmbedding): a prompt made
of the same words is at distance 0, so both sides find the same entries.
"""
import re
import sys
import uuid

import pytest

from conftest import ROOT, JUNCTION, junction, json_lines
from gateway_processes import FakeUpstreamProcess

KEY = "sk-junction-interop"
MODEL = "text-embedding-3-small"
DEPLOYMENT = "embeddings-prod"
API_VERSION = "2024-10-21"
ENTRIES = [
    ("What is the capital of France?", "Paris."),
    ("How do I reset my password?", "Use the 'Forgot password' link."),
    ("Who wrote Pride and Prejudice?", "Jane Austen."),
]
# Each the words of one stored prompt in another order: distance 0 under the fake's embeddings.
REWORDED = {
    "the capital of France is what?": "What is the capital of France?",
    "my password, how do I reset it": "How do I reset my password?",
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory):
    if not JUNCTION.exists():
        pytest.fail(f"{JUNCTION} not found: run `swift build`")
    process = FakeUpstreamProcess(JUNCTION, tmp_path_factory.mktemp("fake") / "fake-upstream.log", cwd=ROOT)
    yield process
    process.stop()


@pytest.fixture(autouse=True)
def fresh_fake(request):
    if "fake" in request.fixturenames:
        fake = request.getfixturevalue("fake")
        fake.control(reset=True)
        fake.control(api_key=KEY, azure_deployments=[DEPLOYMENT])
        fake.clear()


@pytest.fixture
def name(request):
    test = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    return f"junction-interop-{test}-{uuid.uuid4().hex[:8]}"


def embeddings_requests(fake):
    return [r for r in fake.requests() if r["method"] == "POST" and r["path"].endswith("/embeddings")]


def openai_env(fake):
    return {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake.base_url, "AZURE_OPENAI_ENDPOINT": "", "AZURE_OPENAI_API_KEY": ""}


def azure_env(fake):
    return {"AZURE_OPENAI_ENDPOINT": fake.url, "AZURE_OPENAI_API_KEY": KEY, "OPENAI_API_VERSION": API_VERSION,
            "OPENAI_API_KEY": ""}


def openai_vectorizer(fake, cache=None):
    from redisvl.utils.vectorize import OpenAITextVectorizer

    return OpenAITextVectorizer(model=MODEL, api_config={"api_key": KEY, "base_url": fake.base_url}, cache=cache)


def azure_vectorizer(fake):
    from redisvl.utils.vectorize import AzureOpenAITextVectorizer

    return AzureOpenAITextVectorizer(model=DEPLOYMENT, api_config={
        "api_key": KEY, "api_version": API_VERSION, "azure_endpoint": fake.url})


def junction_check(redis_url, name, prompt, vectorizer, model, env):
    proc = junction("cache", "check", "--redis", redis_url, "--name", name, "--vectorizer", vectorizer,
                    "--model", model, "--distance-threshold", "0.2", "--", prompt, env=env)
    return json_lines(proc.stdout)


def shared_cache_both_ways(fake, redis_url, name, vectorizer, junction_flags, env, expected_path):
    from redisvl.extensions.cache.llm import SemanticCache

    cache = SemanticCache(name=name, vectorizer=vectorizer, redis_url=redis_url, distance_threshold=0.2)
    try:
        for prompt, response in ENTRIES:
            cache.store(prompt=prompt, response=response)
        fake.clear()
        for reworded, original in REWORDED.items():
            hits = junction_check(redis_url, name, reworded, *junction_flags, env=env)
            assert [h["prompt"] for h in hits] == [original], f"{reworded!r}: {hits}"
            assert hits[0]["response"] == dict(ENTRIES)[original]
            theirs = cache.check(prompt=reworded)
            assert [h["prompt"] for h in theirs] == [original]
            assert abs(float(theirs[0]["vector_distance"]) - hits[0]["distance"]) <= 1e-4
        requests = embeddings_requests(fake)
        junction_inputs = [r["json"]["input"] for r in requests]
        for reworded in REWORDED:
            assert [reworded] in junction_inputs, "Junction embeds through the same server"
        assert all(r["path"] == expected_path for r in requests), [r["path"] for r in requests]

        stored = "When was the Eiffel Tower built?"
        junction("cache", "store", "--redis", redis_url, "--name", name, *["--vectorizer", junction_flags[0]],
                 "--model", junction_flags[1], "--", stored, "In 1889.", env=env)
        theirs = cache.check(prompt="the Eiffel Tower was built when?")
        assert [(h["prompt"], h["response"]) for h in theirs] == [(stored, "In 1889.")]
    finally:
        cache.delete()


def test_semantic_cache_with_openai_embeddings_is_shared(fake, redis_url, name):
    shared_cache_both_ways(fake, redis_url, name, openai_vectorizer(fake), ("openai", MODEL), openai_env(fake),
                           "/v1/embeddings")


def test_semantic_cache_with_azure_openai_embeddings_is_shared(fake, redis_url, name):
    shared_cache_both_ways(fake, redis_url, name, azure_vectorizer(fake), ("azure_openai", DEPLOYMENT), azure_env(fake),
                           f"/openai/deployments/{DEPLOYMENT}/embeddings")
    assert all(r["query"] == f"api-version={API_VERSION}" and r["headers"].get("api-key") == KEY
               for r in embeddings_requests(fake))


def test_a_wrong_key_is_a_clear_error(fake, redis_url, name):
    proc = junction("embed", "--vectorizer", "openai", "--model", MODEL, "--", "hello", check=False,
                    env={**openai_env(fake), "OPENAI_API_KEY": "sk-wrong"})
    assert proc.returncode != 0 and proc.stdout == ""
    assert "401" in proc.stderr and "API key" in proc.stderr, proc.stderr


def same_float32(a, b):
    """Vector lists equal as float32 (Junction prints float32s, RedisVL hands out their float64 values)."""
    import numpy

    return len(a) == len(b) and all(numpy.array_equal(numpy.float32(x), numpy.float32(y)) for x, y in zip(a, b))


def junction_embed(redis_url, cache_name, texts, *flags, env=None):
    proc = junction("embed", "--redis", redis_url, "--embeddings-cache", cache_name, *flags, "--", *texts, env=env)
    rows = json_lines(proc.stdout)
    assert [r["text"] for r in rows] == texts
    return [r["embedding"] for r in rows]


def test_embeddings_cache_filled_by_redisvl_is_used_by_junction_and_back(fake, redis_url, name):
    from redisvl.extensions.cache.embeddings import EmbeddingsCache

    cache = EmbeddingsCache(name=name, redis_url=redis_url)
    try:
        vectorizer = openai_vectorizer(fake, cache=cache)
        theirs = ["What is Redis?", "How do I reset my password?"]
        redisvl_vectors = vectorizer.embed_many(theirs)
        fake.clear()
        ours = junction_embed(redis_url, name, theirs, "--vectorizer", "openai", "--model", MODEL, env=openai_env(fake))
        assert embeddings_requests(fake) == [], "texts RedisVL cached are not embedded again"
        assert same_float32(ours, redisvl_vectors)

        new = ["Who wrote Pride and Prejudice?"]
        junction_vectors = junction_embed(redis_url, name, new, "--vectorizer", "openai", "--model", MODEL,
                                          env=openai_env(fake))
        assert [r["json"]["input"] for r in embeddings_requests(fake)] == [new]
        fake.clear()
        assert same_float32(vectorizer.embed_many(new), junction_vectors)
        assert embeddings_requests(fake) == [], "RedisVL reads what Junction stored"
        entry = cache.get(content=new[0], model_name=MODEL)
        assert entry["model_name"] == MODEL and entry["content"] == new[0]
    finally:
        cache.clear()


def test_mpnet_embeddings_cache_is_shared(redis_url, name, monkeypatch):
    """RedisVL's HFTextVectorizer (all-mpnet-base-v2, sentence-transformers' recorded outputs) and
    `junction embed --model mpnet` share one EmbeddingsCache: each returns the other's stored vectors
    unchanged, without running its own model."""
    from redisvl.extensions.cache.embeddings import EmbeddingsCache
    from redisvl.utils.vectorize import HFTextVectorizer
    from standins import sentence_transformers

    monkeypatch.setitem(sys.modules, "sentence_transformers", sentence_transformers)
    from test_mpnet_router import EXTRA_QUERIES

    cache = EmbeddingsCache(name=name, redis_url=redis_url)
    try:
        vectorizer = HFTextVectorizer(cache=cache)
        theirs, ours_only = EXTRA_QUERIES[:2], EXTRA_QUERIES[2:4]
        redisvl_vectors = vectorizer.embed_many(theirs)
        ours = junction_embed(redis_url, name, theirs, "--model", "mpnet")
        # Exactly sentence-transformers' float32 values: read from the cache, not computed by Junction.
        assert same_float32(ours, redisvl_vectors)

        junction_vectors = junction_embed(redis_url, name, ours_only, "--model", "mpnet")
        calls = len(sentence_transformers.calls)
        assert same_float32(vectorizer.embed_many(ours_only), junction_vectors)
        assert len(sentence_transformers.calls) == calls, "RedisVL reads what Junction stored"
        recorded = sentence_transformers.recorded()["vectors"]
        for text, vector in zip(ours_only, junction_vectors):
            assert max(abs(x - y) for x, y in zip(vector, recorded[text])) <= 1e-4, "Junction's own MPNet"
    finally:
        cache.clear()
