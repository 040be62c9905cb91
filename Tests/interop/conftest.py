"""Shared fixtures for the RedisVL interop tests.

These tests prove that router files written by RedisVL load in Junction and
route the same way, and the reverse. Both sides embed with the same model
(all-MiniLM-L6-v2) through the same code: RedisVL's vectorizer here calls
`junction embed`, so any difference in routing comes from loading and routing,
never from the vectors.

Environment:
  JUNCTION_BIN            junction executable (default: .build/debug/junction; build it with `swift build`)
  JUNCTION_TEST_REDIS_URL use this Redis instead of starting one with scripts/redis
"""
import json
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JUNCTION = Path(os.environ.get("JUNCTION_BIN") or ROOT / ".build" / "debug" / "junction")
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
VECTORIZER_DICT = {"type": "hf", "model": MODEL_NAME}


# --- junction CLI ---------------------------------------------------------------

def junction(*args, input=None, check=True, timeout=300, env=None):
    """Runs the junction executable; returns the CompletedProcess (text mode). `env` adds to (or, with
    empty values, blanks) the environment."""
    if not JUNCTION.exists():
        pytest.fail(f"{JUNCTION} not found: run `swift build` in {ROOT} (or set JUNCTION_BIN)")
    environment = None if env is None else {**os.environ, **env}
    proc = subprocess.run([str(JUNCTION), *map(str, args)], input=input, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=environment)
    if check and proc.returncode != 0:
        pytest.fail(f"junction {' '.join(map(str, args))[:300]} exited {proc.returncode}:\n"
                    f"{proc.stderr.strip()}\n{proc.stdout.strip()[:2000]}")
    return proc


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def junction_route(router_file, texts, *options):
    """`junction route --router FILE [options] TEXT...` -> one dict per text.

    Texts go after `--` so that a text starting with '-' is never an option."""
    proc = junction("route", "--router", router_file, *options, "--", *texts)
    rows = json_lines(proc.stdout)
    assert len(rows) == len(texts), f"expected {len(texts)} JSON lines, got:\n{proc.stdout}"
    return rows


# --- RedisVL's side: a vectorizer that is `junction embed` ------------------------

def _embed_with_junction(texts):
    # One text per line on stdin (none of the test texts contains a newline).
    assert all("\n" not in t for t in texts)
    proc = junction("embed", input="".join(t + "\n" for t in texts))
    rows = json_lines(proc.stdout)
    assert [r["text"] for r in rows] == list(texts), "junction embed answered other texts"
    return [[float(x) for x in r["embedding"]] for r in rows]


class JunctionEmbedder:
    """Embeds through `junction embed` (one subprocess per batch), memoised."""

    def __init__(self):
        self.cache = {}
        self.calls = 0

    def many(self, texts, **_):
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            self.calls += 1
            for text, vector in zip(missing, _embed_with_junction(missing)):
                self.cache[text] = vector
        return [list(self.cache[t]) for t in texts]

    def one(self, text, **_):
        return self.many([text])[0]


def make_vectorizer(embedder):
    """RedisVL's CustomVectorizer (CustomTextVectorizer is its deprecated alias
    in redisvl 0.28) over `junction embed`. It describes itself as what it is,
    all-MiniLM-L6-v2 of type "hf", so that routers RedisVL writes carry the same
    vectorizer dict as with RedisVL's HFTextVectorizer (which needs torch)."""
    from redisvl.utils.vectorize import CustomVectorizer

    class JunctionMiniLM(CustomVectorizer):
        @property
        def type(self):
            return VECTORIZER_DICT["type"]

    vectorizer = JunctionMiniLM(embed=embedder.one, embed_many=embedder.many)
    vectorizer.model = MODEL_NAME
    assert vectorizer.dims == 384
    return vectorizer


@pytest.fixture(scope="session")
def embedder():
    return JunctionEmbedder()


@pytest.fixture(scope="session")
def vectorizer(embedder):
    return make_vectorizer(embedder)


@pytest.fixture
def swap_vectorizer(monkeypatch, vectorizer):
    """Makes RedisVL build our vectorizer when a router file names
    {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"}.

    Only the vectorizer is swapped: SemanticRouter.from_dict does
    `from redisvl.utils.vectorize import vectorizer_from_dict` inside the
    function, so patching the package attribute replaces the HFTextVectorizer
    it would build (torch) with the same model run by `junction embed`. The
    router file itself is read and validated by RedisVL unchanged. Returns the
    list of vectorizer dicts RedisVL asked for."""
    import redisvl.utils.vectorize as vectorize_package

    requested = []

    def vectorizer_from_dict(data, cache={}):
        requested.append(dict(data))
        assert data.get("type") == VECTORIZER_DICT["type"] and data.get("model") == MODEL_NAME, \
            f"router file names another vectorizer: {data}"
        return vectorizer

    monkeypatch.setattr(vectorize_package, "vectorizer_from_dict", vectorizer_from_dict)
    return requested


# --- Redis ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def redis_url():
    """A Redis 8.2 with search + JSON for the whole session (scripts/redis)."""
    configured = os.environ.get("JUNCTION_TEST_REDIS_URL")
    if configured:
        yield configured
        return
    proc = subprocess.run([str(ROOT / "scripts" / "redis"), "start"], capture_output=True,
                          text=True, timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"scripts/redis start failed ({proc.returncode}):\n{proc.stderr}")
    url = proc.stdout.strip()
    match = re.fullmatch(r"redis://127\.0\.0\.1:(\d+)", url)
    assert match, f"scripts/redis start printed {proc.stdout!r}, expected only the URL"
    try:
        yield url
    finally:
        subprocess.run([str(ROOT / "scripts" / "redis"), "stop", "--port", match.group(1)],
                       timeout=60, check=False)


@pytest.fixture
def router_name(request):
    """A router (index) name no other test or run uses."""
    test = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    return f"junction-interop-{test}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def cleanup_routers():
    """Append RedisVL routers here; they are deleted (index + route_config) at the end."""
    routers = []
    yield routers
    for router in routers:
        try:
            router.delete()
        except Exception:
            pass
