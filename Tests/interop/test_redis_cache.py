"""One semantic cache on Redis, shared by RedisVL and Junction (RedisVL's layout).

(a) RedisVL's SemanticCache stores entries (with and without filters and
    metadata); `junction cache check --redis URL --name NAME` finds the same
    entries as RedisVL's check() for each query, with and without a tag filter
    (same keys, prompts, responses, metadata and filters; distances within 1e-4).
(b) `junction cache store` creates the cache and stores entries; RedisVL opens
    it (schema compared by RedisVL itself, and with create_index=False), its
    check() finds them like `junction cache check`, and the index, keys and
    hashes are the ones RedisVL writes.
(c) `junction cache stats` counts the entries either side stored; per-entry TTLs.

Both sides embed with all-MiniLM-L6-v2: RedisVL through `junction embed`
(conftest.py), Junction in process, so differences come from the cache only.
"""
import hashlib
import json
import re
import uuid

import pytest

from conftest import junction, json_lines

DISTANCE_TOLERANCE = 1e-4
THRESHOLD = 0.35
# Junction's default filterable fields (CacheScope.fieldNames), declared the same way in RedisVL.
FIELDS = ["tenant", "model", "system_hash", "context_hash"]

# (prompt, response, metadata, filters)
ENTRIES = [
    ("What is the capital of France?", "Paris.", {"city": "Paris", "confidence": 0.9}, {"tenant": "acme"}),
    ("What is the capital of France?", "Paris, for Globex.", None, {"tenant": "globex"}),
    ("How do I reset my password?", "Use the 'Forgot password' link.", None, {"tenant": "acme", "model": "gpt-4.1"}),
    ("Who wrote Pride and Prejudice?", "Jane Austen.", {"source": "wiki", "year": 1813}, {"tenant": "globex"}),
    ("How many legs does a spider have?", "Eight.", None, None),
]
QUERIES = [
    "What is the capital of France?",
    "What's the capital city of France?",
    "how can I reset my password",
    "Who is the author of Pride and Prejudice?",
    "How many legs do spiders have?",
    "How many legs does a spider have?",
    "What is the weather like today?",
]
FILTERS = [None, {"tenant": "acme"}, {"tenant": "globex"}, {"tenant": "acme", "model": "gpt-4.1"}, {"tenant": "initech"}]


@pytest.fixture
def cache_name(request):
    test = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    return f"junction-interop-cache-{test}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def cleanup_caches():
    """Append RedisVL caches here; their index and entries are deleted at the end."""
    caches = []
    yield caches
    for cache in caches:
        try:
            cache.delete()
        except Exception:
            pass


def redisvl_cache(name, vectorizer, redis_url, fields=FIELDS, **options):
    from redisvl.extensions.cache.llm import SemanticCache

    return SemanticCache(name=name, vectorizer=vectorizer, redis_url=redis_url, distance_threshold=THRESHOLD,
                         filterable_fields=[{"name": f, "type": "tag"} for f in fields], **options)


def redisvl_filter(filters):
    from redisvl.query.filter import Tag

    expression = None
    for field, value in sorted((filters or {}).items()):
        clause = Tag(field) == value
        expression = clause if expression is None else expression & clause
    return expression


def field_options(fields):
    return [arg for f in fields for arg in ("--filterable-field", f)] if fields != FIELDS else []


def filter_options(filters):
    return [arg for k, v in sorted((filters or {}).items()) for arg in ("--filter", f"{k}={v}")]


def junction_check(redis_url, name, prompt, filters=None, threshold=THRESHOLD, fields=FIELDS):
    proc = junction("cache", "check", "--redis", redis_url, "--name", name, "--distance-threshold", threshold,
                    *field_options(fields), *filter_options(filters), "--", prompt)
    return json_lines(proc.stdout)


def junction_store(redis_url, name, prompt, response, filters=None, metadata=None, ttl=None, entry_ttl=None,
                   fields=FIELDS):
    """`junction cache store`; `ttl` is the cache's TTL (--ttl), `entry_ttl` this entry's (--entry-ttl)."""
    options = []
    if metadata is not None:
        options += ["--metadata", json.dumps(metadata)]
    if ttl is not None:
        options += ["--ttl", ttl]
    if entry_ttl is not None:
        options += ["--entry-ttl", entry_ttl]
    proc = junction("cache", "store", "--redis", redis_url, "--name", name, *field_options(fields),
                    *filter_options(filters), *options, "--", prompt, response)
    return proc.stdout.strip()


def assert_same_hits(query, filters, redisvl_hits, junction_rows, fields=FIELDS):
    context = f"query {query!r} filters {filters}"
    assert len(junction_rows) == len(redisvl_hits), f"{context}: RedisVL {redisvl_hits} vs Junction {junction_rows}"
    for hit, row in zip(redisvl_hits, junction_rows):
        assert row["key"] == hit["key"], context
        assert row["entry_id"] == hit["entry_id"], context
        assert row["prompt"] == hit["prompt"] and row["response"] == hit["response"], context
        assert row.get("metadata") == hit.get("metadata"), context
        assert row.get("filters", {}) == {f: hit[f] for f in fields if f in hit}, context
        assert row["distance"] == pytest.approx(float(hit["vector_distance"]), abs=DISTANCE_TOLERANCE), context


def compare_checks(cache, redis_url, name, fields=FIELDS, filter_sets=FILTERS):
    hits = 0
    for filters in filter_sets:
        for query in QUERIES:
            expected = cache.check(prompt=query, distance_threshold=THRESHOLD, filter_expression=redisvl_filter(filters))
            assert_same_hits(query, filters, expected, junction_check(redis_url, name, query, filters, fields=fields), fields)
            hits += len(expected)
    return hits


def entry_key(name, prompt, filters):
    from redisvl.redis.utils import hashify

    return f"{name}:{hashify(prompt, filters)}"


def redis_client(redis_url):
    import redis

    return redis.Redis.from_url(redis_url, decode_responses=False)


def index_layout(client, name):
    """FT.INFO's index definition and field attributes, with the name taken out."""
    info = client.execute_command("FT.INFO", name)
    info = info if isinstance(info, dict) else dict(zip(info[::2], info[1::2]))
    definition = info[b"index_definition"]
    definition = definition if isinstance(definition, dict) else dict(zip(definition[::2], definition[1::2]))
    prefixes = [p.decode().replace(name, "{name}") for p in definition[b"prefixes"]]
    return definition[b"key_type"], prefixes, info[b"attributes"]


# --- (a) RedisVL stores, Junction finds ----------------------------------------------------

def test_junction_finds_what_redisvl_stored(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    cache = redisvl_cache(cache_name, vectorizer, redis_url)
    cleanup_caches.append(cache)
    embedder.many(QUERIES + [e[0] for e in ENTRIES])
    for prompt, response, metadata, filters in ENTRIES:
        key = cache.store(prompt, response, metadata=metadata, filters=filters)
        assert key == entry_key(cache_name, prompt, filters)
    hits = compare_checks(cache, redis_url, cache_name)
    assert hits >= 10, "too few hits to compare: the queries should match most entries"

    # The exact path answers RedisVL's entries too: same prompt and scope, distance 0.
    rows = junction_check(redis_url, cache_name, ENTRIES[0][0], ENTRIES[0][3])
    assert [r["key"] for r in rows] == [entry_key(cache_name, ENTRIES[0][0], ENTRIES[0][3])]
    assert rows[0]["distance"] == pytest.approx(0, abs=DISTANCE_TOLERANCE)
    assert rows[0]["metadata"] == ENTRIES[0][2]


def test_tenants_never_see_each_others_entries(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    cache = redisvl_cache(cache_name, vectorizer, redis_url)
    cleanup_caches.append(cache)
    embedder.many(QUERIES + [e[0] for e in ENTRIES])
    for prompt, response, metadata, filters in ENTRIES:
        cache.store(prompt, response, metadata=metadata, filters=filters)
    for query in QUERIES[:2]:
        acme = junction_check(redis_url, cache_name, query, {"tenant": "acme"})
        globex = junction_check(redis_url, cache_name, query, {"tenant": "globex"})
        assert [r["response"] for r in acme] == ["Paris."]
        assert [r["response"] for r in globex] == ["Paris, for Globex."]
        assert junction_check(redis_url, cache_name, query, {"tenant": "initech"}) == []


# --- (b) Junction stores, RedisVL finds -----------------------------------------------------

def test_redisvl_opens_and_finds_what_junction_stored(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    embedder.many(QUERIES + [e[0] for e in ENTRIES])
    for prompt, response, metadata, filters in ENTRIES:
        key = junction_store(redis_url, cache_name, prompt, response, filters, metadata)
        assert key == entry_key(cache_name, prompt, filters)

    # RedisVL compares the live schema with its own (to_dict) and raises on any difference.
    cache = redisvl_cache(cache_name, vectorizer, redis_url)
    cleanup_caches.append(cache)
    hits = compare_checks(cache, redis_url, cache_name)
    assert hits >= 10
    attached = redisvl_cache(cache_name, vectorizer, redis_url, create_index=False)
    for query in QUERIES:
        assert attached.check(prompt=query) == cache.check(prompt=query)

    # The layout is RedisVL's: the same index as one RedisVL creates, and the same hash fields.
    client = redis_client(redis_url)
    twin = redisvl_cache(cache_name + "-twin", vectorizer, redis_url)
    cleanup_caches.append(twin)
    assert index_layout(client, cache_name) == index_layout(client, cache_name + "-twin")
    prompt, response, metadata, filters = ENTRIES[0]
    ours = client.hgetall(entry_key(cache_name, prompt, filters))
    theirs_key = twin.store(prompt, response, metadata=metadata, filters=filters)
    theirs = client.hgetall(theirs_key)
    assert sorted(ours) == sorted(theirs)
    for field in (b"entry_id", b"prompt", b"response", b"metadata", b"tenant"):
        assert ours[field] == theirs[field], field
    assert abs(float(ours[b"inserted_at"]) - float(theirs[b"inserted_at"])) < 600
    import numpy as np
    assert np.allclose(np.frombuffer(ours[b"prompt_vector"], dtype="<f4"), np.frombuffer(theirs[b"prompt_vector"], dtype="<f4"), atol=1e-6)
    plain = client.hgetall(entry_key(cache_name, ENTRIES[4][0], None))
    assert b"metadata" not in plain and not any(f.encode() in plain for f in FIELDS)


def test_other_filterable_fields_and_redisvls_own_example(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    """The cache of RedisVL's MONITOR capture: filterable_fields=[user_id], a TTL of one hour."""
    fields = ["user_id"]
    embedder.many(QUERIES + [e[0] for e in ENTRIES])
    key = junction_store(redis_url, cache_name, "What is the capital of France?", "Paris.", {"user_id": "abc"},
                         {"city": "Paris"}, ttl=3600, fields=fields)
    cache = redisvl_cache(cache_name, vectorizer, redis_url, fields=fields, ttl=3600)
    cleanup_caches.append(cache)
    cache.store("How many legs does a spider have?", "Eight.", filters={"user_id": "xyz"})
    assert 3500 < redis_client(redis_url).ttl(key) <= 3600
    compare_checks(cache, redis_url, cache_name, fields=fields,
                   filter_sets=[None, {"user_id": "abc"}, {"user_id": "xyz"}])


def test_a_cache_with_another_schema_is_refused(cache_name, redis_url, vectorizer, cleanup_caches):
    cache = redisvl_cache(cache_name, vectorizer, redis_url, fields=["user_id"])
    cleanup_caches.append(cache)
    proc = junction("cache", "check", "--redis", redis_url, "--name", cache_name, "--filterable-field", "tenant",
                    "--", "hello", check=False)
    assert proc.returncode != 0
    assert cache_name in proc.stderr and "user_id" in proc.stderr, proc.stderr


def test_redisvls_caches_are_attached_as_they_are(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    """Without --filterable-field, junction cache uses an existing cache with its own fields (or none)."""
    from redisvl.extensions.cache.llm import SemanticCache

    embedder.many([e[0] for e in ENTRIES])
    cache = SemanticCache(name=cache_name, vectorizer=vectorizer, redis_url=redis_url, distance_threshold=THRESHOLD)
    cleanup_caches.append(cache)
    prompt, response = ENTRIES[0][0], ENTRIES[0][1]
    cache.store(prompt=prompt, response=response)
    rows = json_lines(junction("cache", "check", "--redis", redis_url, "--name", cache_name, "--", prompt).stdout)
    assert [row["response"] for row in rows] == [response]
    filtered = junction("cache", "check", "--redis", redis_url, "--name", cache_name, "--filter", "tenant=a",
                        "--", prompt, check=False)
    assert filtered.returncode != 0 and "not a filterable field" in filtered.stderr, filtered.stderr


# --- (c) stats and TTLs -----------------------------------------------------------------------

def test_stats_count_entries_from_both_sides(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    embedder.many([e[0] for e in ENTRIES])
    for prompt, response, metadata, filters in ENTRIES[:2]:
        junction_store(redis_url, cache_name, prompt, response, filters, metadata)
    cache = redisvl_cache(cache_name, vectorizer, redis_url)
    cleanup_caches.append(cache)
    for prompt, response, metadata, filters in ENTRIES[2:]:
        cache.store(prompt, response, metadata=metadata, filters=filters)
    stats = json.loads(junction("cache", "stats", "--redis", redis_url, "--name", cache_name).stdout)
    assert stats["entries"] == len(ENTRIES)
    assert stats["backend"] == "redis" and stats["name"] == cache_name


def test_per_entry_ttl(cache_name, redis_url, vectorizer, embedder, cleanup_caches):
    key = junction_store(redis_url, cache_name, "How do I reset my password?", "Use the link.", entry_ttl=120)
    cache = redisvl_cache(cache_name, vectorizer, redis_url)
    cleanup_caches.append(cache)
    client = redis_client(redis_url)
    assert 100 < client.ttl(key) <= 120
    plain = junction_store(redis_url, cache_name, "Who wrote Pride and Prejudice?", "Jane Austen.")
    assert client.ttl(plain) == -1
    assert hashlib.sha256(b"Who wrote Pride and Prejudice?").hexdigest() == plain.split(":")[-1]
