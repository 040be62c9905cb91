"""The official `openai` SDK, unmodified, as the client of a running `junction serve`.

`junction fake-upstream` plays the OpenAI backend (it echoes "Echo: " + the last user message, records
what it received and fails on demand); `junction serve` runs with a generated config over the real
all-MiniLM-L6-v2 model, the embedded store in a temporary folder, a small router (maths -> gpt-4o,
greeting -> respond, passwords -> block) and two tenants. Both are real subprocesses on loopback.

Every test uses its own prompts, so the cache (shared by the session's gateway) never answers one test
with another's entry.
"""
import base64
import json
import re
import struct
import openai
import pytest
import yaml

from conftest import JUNCTION, ROOT, junction
from gateway_processes import FakeUpstreamProcess, JunctionProcess, clean_environment, http

UPSTREAM_KEY = "sk-upstream-secret"
TEAM_A = "sk-team-a"
TEAM_B = "sk-team-b"
SIX_DECIMALS = re.compile(r"\d+\.\d{6}")
DECISION_HEADERS = ["x-junction-request-id", "x-junction-route", "x-junction-route-distance",
                    "x-junction-model", "x-junction-cache", "x-junction-cache-distance"]

ROUTER = {
    "name": "interop",
    "routes": [
        {"name": "maths",
         "references": ["what is 12 times 7", "solve the equation 3x + 5 = 20 for x",
                        "what is the square root of 144", "calculate 15 percent of 80"],
         "metadata": {"model": "gpt-4o"}, "distance_threshold": 0.5},
        {"name": "greeting",
         "references": ["hello there", "hi, how are you?", "good morning"],
         "metadata": {"action": "respond", "response": "Hello from Junction!"}, "distance_threshold": 0.3},
        {"name": "passwords",
         "references": ["tell me the admin password", "give me the root password of the server"],
         "metadata": {"action": "block", "message": "Passwords are off limits."}, "distance_threshold": 0.3},
    ],
    "routing_config": {"max_k": 1, "aggregation_method": "min"},
    "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
}


def require_binary():
    if not JUNCTION.exists():
        pytest.fail(f"{JUNCTION} not found: run `swift build` in {ROOT} (or set JUNCTION_BIN)")


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    require_binary()
    logs = tmp_path_factory.mktemp("fake-upstream")
    process = FakeUpstreamProcess(JUNCTION, logs / "fake-upstream.log", cwd=ROOT)
    yield process
    process.stop()


def start_gateway(folder, config):
    config_path = folder / "junction.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    env = clean_environment(JUNCTION_TEST_UPSTREAM_KEY=UPSTREAM_KEY)
    return JunctionProcess(JUNCTION, ["serve", "--config", config_path, "--port", "0"], folder / "serve.log",
                           env=env, cwd=folder)


@pytest.fixture(scope="module")
def gateway(upstream, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gateway")
    config = {
        "server": {"host": "127.0.0.1"},
        "store": {"type": "embedded", "data_dir": str(folder / "data")},
        "upstreams": [{
            "name": "fake", "base_url": upstream.base_url, "api_key_env": "JUNCTION_TEST_UPSTREAM_KEY",
            "models": ["gpt-4o-mini", "gpt-4o"], "model_map": {"gpt-4o-mini": "gpt-4o-mini-2024-07-18"},
            "timeout_seconds": 30, "retries": 1, "retry_backoff_ms": 10,
        }],
        "routing": {"auto_model": "auto", "default": {"action": "forward", "model": "gpt-4o-mini"}},
        "router": ROUTER,
        "cache": {"enabled": True, "name": "interop", "distance_threshold": 0.1},
        "tenants": {"api_keys": {TEAM_A: "team-a", TEAM_B: "team-b"}},
    }
    process = start_gateway(folder, config)
    yield process
    assert process.stop() == 0, f"junction serve did not stop cleanly:\n{process.stderr_text()}"


@pytest.fixture(autouse=True)
def fresh_upstream(request):
    """Each test starts with the fake's defaults and no recorded requests."""
    if "upstream" in request.fixturenames:
        fake = request.getfixturevalue("upstream")
        fake.control(reset=True)
        fake.clear()


def client_for(gateway, key=TEAM_A, **options):
    return openai.OpenAI(base_url=gateway.url + "/v1", api_key=key, max_retries=0, timeout=60, **options)


@pytest.fixture
def client(gateway):
    return client_for(gateway)


def ask(text):
    return [{"role": "user", "content": text}]


# --- chat -----------------------------------------------------------------------------------------

def test_chat_completion_json(client, upstream):
    answer = client.chat.completions.create(model="gpt-4o-mini", messages=ask("Name three primary colours."))
    assert answer.object == "chat.completion"
    assert answer.choices[0].message.role == "assistant"
    assert answer.choices[0].message.content == "Echo: Name three primary colours."
    assert answer.choices[0].finish_reason == "stop"
    assert answer.usage.prompt_tokens == 4 and answer.usage.completion_tokens == 5

    [sent] = upstream.chat_requests()
    assert sent["json"]["model"] == "gpt-4o-mini-2024-07-18", "model_map renames the model sent upstream"
    assert sent["json"]["messages"] == ask("Name three primary colours.")
    assert sent["headers"].get("authorization") == f"Bearer {UPSTREAM_KEY}", \
        "the upstream gets the key from api_key_env, never the client's"


def test_chat_completion_stream_assembles(client, upstream):
    stream = client.chat.completions.create(model="gpt-4o", messages=ask("Describe the ocean in a few words please"),
                                            stream=True, stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Echo: Describe the ocean in a few words please"
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) > 1, "the answer arrives in pieces"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["stop"]
    usage = [c.usage for c in chunks if c.usage]
    assert usage and usage[-1].completion_tokens == 9
    assert len(upstream.chat_requests()) == 1


# --- routing ---------------------------------------------------------------------------------------

def test_auto_routes_with_decision_headers(client, upstream):
    raw = client.chat.completions.with_raw_response.create(model="auto", messages=ask("what is 12 times 7"))
    answer = raw.parse()
    assert raw.headers["x-junction-route"] == "maths"
    assert SIX_DECIMALS.fullmatch(raw.headers["x-junction-route-distance"])
    assert float(raw.headers["x-junction-route-distance"]) < 0.05
    assert raw.headers["x-junction-model"] == "gpt-4o"
    assert raw.headers["x-junction-cache"] == "miss"
    assert raw.headers["x-junction-cache-distance"] == "none"
    assert raw.headers["x-junction-request-id"]
    assert answer.choices[0].message.content == "Echo: what is 12 times 7"
    assert [r["json"]["model"] for r in upstream.chat_requests()] == ["gpt-4o"]


def test_auto_without_a_matching_route_takes_the_default(client, upstream):
    raw = client.chat.completions.with_raw_response.create(
        model="auto", messages=ask("Summarise the history of the Roman empire"))
    assert raw.headers["x-junction-route"] == "none"
    assert raw.headers["x-junction-route-distance"] == "none"
    assert raw.headers["x-junction-model"] == "gpt-4o-mini"
    assert [r["json"]["model"] for r in upstream.chat_requests()] == ["gpt-4o-mini-2024-07-18"]


def test_respond_and_block_routes_answer_without_the_upstream(client, upstream):
    raw = client.chat.completions.with_raw_response.create(model="auto", messages=ask("hello there"))
    assert raw.headers["x-junction-route"] == "greeting"
    assert raw.parse().choices[0].message.content == "Hello from Junction!"
    assert raw.parse().choices[0].finish_reason == "stop"

    stream = client.chat.completions.create(model="auto", messages=ask("tell me the admin password"), stream=True)
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "Passwords are off limits."
    assert upstream.chat_requests() == []


def test_request_id_is_echoed(client):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=ask("Which planet is the largest?"), extra_headers={"x-request-id": "trace-42"})
    assert raw.headers["x-junction-request-id"] == "trace-42"


# --- cache -----------------------------------------------------------------------------------------

def test_cache_miss_then_hit(client, upstream):
    question = ask("How many legs does a spider have?")
    first = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
    second = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
    assert first.headers["x-junction-cache"] == "miss"
    assert second.headers["x-junction-cache"] == "hit"
    assert SIX_DECIMALS.fullmatch(second.headers["x-junction-cache-distance"])
    assert float(second.headers["x-junction-cache-distance"]) < 1e-3
    assert second.parse().choices[0].message.content == first.parse().choices[0].message.content
    assert len(upstream.chat_requests()) == 1, "the hit never reached the upstream"


def test_streamed_miss_then_streamed_hit(client, upstream):
    question = ask("Explain why the sky looks blue during the day")

    def streamed():
        raw = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=question, stream=True)
        chunks = list(raw.parse())
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
        return raw.headers["x-junction-cache"], text, finish

    assert streamed() == ("miss", "Echo: Explain why the sky looks blue during the day", ["stop"])
    assert streamed() == ("hit", "Echo: Explain why the sky looks blue during the day", ["stop"])
    json_hit = client.chat.completions.with_raw_response.create(model="gpt-4o", messages=question)
    assert json_hit.headers["x-junction-cache"] == "hit"
    assert json_hit.parse().choices[0].message.content == "Echo: Explain why the sky looks blue during the day"
    assert len(upstream.chat_requests()) == 1


def test_cache_bypass_header(client, upstream):
    question = ask("What is the tallest mountain in Africa?")
    client.chat.completions.create(model="gpt-4o-mini", messages=question)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=question, extra_headers={"x-junction-cache": "bypass"})
    assert raw.headers["x-junction-cache"] == "bypass"
    assert len(upstream.chat_requests()) == 2


def test_tenants_never_share_answers(gateway, upstream):
    question = ask("Recommend a good name for a golden retriever puppy")
    upstream.control(reply="answer for team A")
    a = client_for(gateway, TEAM_A).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
    upstream.control(reply="answer for team B")
    b = client_for(gateway, TEAM_B).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
    again = client_for(gateway, TEAM_A).chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=question)
    assert (a.headers["x-junction-cache"], a.parse().choices[0].message.content) == ("miss", "answer for team A")
    assert (b.headers["x-junction-cache"], b.parse().choices[0].message.content) == ("miss", "answer for team B")
    assert (again.headers["x-junction-cache"], again.parse().choices[0].message.content) == ("hit", "answer for team A")
    assert len(upstream.chat_requests()) == 2


# --- embeddings and models -------------------------------------------------------------------------

def test_embeddings_match_junction_embed(client):
    texts = ["How do I reset my password?", "The weather is lovely today"]
    reference = [json.loads(line)["embedding"] for line in junction("embed", *texts).stdout.splitlines()]
    as_floats = client.embeddings.create(model="all-MiniLM-L6-v2", input=texts, encoding_format="float")
    as_base64 = client.embeddings.create(model="all-MiniLM-L6-v2", input=texts)  # the SDK's default: base64
    for response in (as_floats, as_base64):
        assert [d.index for d in response.data] == [0, 1]
        for data, expected in zip(response.data, reference):
            assert len(data.embedding) == 384
            assert max(abs(x - y) for x, y in zip(data.embedding, expected)) < 1e-4


def test_embeddings_base64_on_the_wire(gateway):
    # What the SDK decodes: little-endian float32 bytes, base64 encoded.
    response = http("POST", gateway.url + "/v1/embeddings",
                    json_body={"model": "sentence-transformers/all-MiniLM-L6-v2", "input": "hello", "encoding_format": "base64"})
    assert response.status_code == 200
    raw = base64.b64decode(response.json()["data"][0]["embedding"])
    assert len(raw) == 384 * 4
    vector = struct.unpack("<384f", raw)
    assert abs(sum(x * x for x in vector) - 1.0) < 1e-3


def test_models_list(client):
    ids = [model.id for model in client.models.list()]
    assert {"auto", "gpt-4o-mini", "gpt-4o"} <= set(ids)


# --- errors as the SDK sees them -------------------------------------------------------------------

def test_unknown_model_is_not_found(client, upstream):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="no-such-model", messages=ask("hi"))
    assert caught.value.status_code == 404
    assert caught.value.code == "model_not_found"
    assert "no-such-model" in caught.value.message
    assert caught.value.response.headers["x-junction-request-id"]
    assert upstream.chat_requests() == []


def test_schema_error_is_bad_request(client, upstream):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "wizard", "content": "hi"}])
    assert caught.value.code == "invalid_request"
    assert caught.value.param is not None and caught.value.param.startswith("messages[0]")
    assert upstream.chat_requests() == [], "Junction rejected it, not the upstream"


def test_invalid_json_is_bad_request(gateway):
    response = http("POST", gateway.url + "/v1/chat/completions", content=b"{not json",
                    headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["type"]) == ("invalid_json", "invalid_request_error")
    for header in DECISION_HEADERS:
        assert header in response.headers, f"{header} missing on an error response"


def test_upstream_failure_is_502_naming_the_upstream(client, upstream):
    upstream.control(fail_next={"status": 500, "count": 10})
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=ask("Will this request fail upstream?"))
    assert isinstance(caught.value, openai.APIStatusError)
    assert caught.value.status_code == 502
    assert caught.value.code == "upstream_error"
    assert "'fake'" in caught.value.message
    assert len(upstream.chat_requests()) == 2, "one attempt and one retry (retries: 1)"


def test_upstream_client_error_passes_through(client, upstream):
    body = {"error": {"message": "upstream says the request is wrong", "type": "invalid_request_error",
                      "param": None, "code": "bad_thing"}}
    upstream.control(fail_next={"status": 400, "body": json.dumps(body)})
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="gpt-4o-mini", messages=ask("Is this request acceptable upstream?"))
    assert caught.value.message.endswith("upstream says the request is wrong")
    assert caught.value.code == "bad_thing"
    assert len(upstream.chat_requests()) == 1, "client errors are not retried"


def test_no_upstream_is_503_while_route_and_embeddings_work(tmp_path):
    require_binary()
    config = {
        "store": {"type": "embedded", "data_dir": str(tmp_path / "data")},
        "router": ROUTER,
    }
    process = start_gateway(tmp_path, config)
    try:
        client = client_for(process)
        with pytest.raises(openai.APIStatusError) as caught:
            client.chat.completions.create(model="gpt-4o-mini", messages=ask("Is anyone there?"))
        assert caught.value.status_code == 503
        assert caught.value.code == "no_upstream"
        assert "OPENAI_BASE_URL" in caught.value.message
        route = http("POST", process.url + "/v1/route", json_body={"input": "what is 12 times 7"})
        assert route.status_code == 200 and route.json()["route"] == "maths"
        vectors = client.embeddings.create(model="all-MiniLM-L6-v2", input="still works", encoding_format="float")
        assert len(vectors.data[0].embedding) == 384
    finally:
        assert process.stop() == 0


# --- metrics ---------------------------------------------------------------------------------------

def test_metrics_name_the_documented_series(client, gateway, upstream):
    client.chat.completions.create(model="auto", messages=ask("Count the metrics series please"))
    upstream.control(fail_next={"status": 500, "count": 10})
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="gpt-4o-mini", messages=ask("Fail for the metrics please"))
    text = http("GET", gateway.url + "/metrics").text
    for series in ["junction_requests_total", "junction_routing_decisions_total", "junction_cache_lookups_total",
                   "junction_cache_hit_ratio", "junction_cache_entries", "junction_stage_duration_seconds_bucket",
                   "junction_upstream_errors_total", "junction_prompt_tokens_total",
                   "junction_completion_tokens_total"]:
        assert re.search(rf"^{series}[{{ ]", text, re.M), f"/metrics has no {series}"
    assert "Count the metrics" not in text and "Fail for the metrics" not in text, "a prompt leaked into /metrics"

    # The Grafana dashboard queries only these documented series, and each is on /metrics.
    dashboard = json.loads((ROOT / "docs" / "grafana" / "junction-dashboard.json").read_text())
    assert [i["name"] for i in dashboard["__inputs"]] == ["DS_PROMETHEUS"]
    expressions = dashboard_expressions(dashboard)
    assert len(expressions) >= 10
    exposed = set(re.findall(r"^(junction_\w+)", text, re.M))
    for expression in expressions:
        for name in re.findall(r"\bjunction_\w+", expression):
            assert name in DOCUMENTED_SERIES, f"the dashboard queries {name}, which is not a documented series"
            assert name in exposed, f"the dashboard queries {name}, which /metrics does not expose"
        for label in re.findall(r"by \(([^)]*)\)", expression):
            for name in (part.strip() for part in label.split(",")):
                assert name in DOCUMENTED_LABELS, f"the dashboard groups by {name!r}, not a documented label"


DOCUMENTED_SERIES = {
    "junction_requests_total", "junction_routing_decisions_total", "junction_cache_lookups_total",
    "junction_cache_hit_ratio", "junction_cache_entries", "junction_stage_duration_seconds_bucket",
    "junction_upstream_errors_total", "junction_prompt_tokens_total", "junction_completion_tokens_total",
}
DOCUMENTED_LABELS = {"endpoint", "model", "route", "outcome", "result", "stage", "upstream", "code", "le", "job"}


def dashboard_expressions(dashboard):
    """Every PromQL expression of the dashboard: panel targets (rows included) and template queries."""
    expressions = []

    def walk(panels):
        for panel in panels:
            expressions.extend(t["expr"] for t in panel.get("targets", []) if "expr" in t)
            walk(panel.get("panels", []))

    walk(dashboard["panels"])
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable.get("query")
        expressions.append(query["query"] if isinstance(query, dict) else query)
    return expressions


def test_embeddings_serve_every_installed_model_by_name(client):
    """RedisVL's default model is served by its name (loaded on first use); a model Junction does not have
    is OpenAI's 404 model_not_found."""
    import openai

    text = "How do I reset my password?"
    reference = json.loads(junction("embed", "--model", "mpnet", text).stdout)["embedding"]
    response = client.embeddings.create(model="sentence-transformers/all-mpnet-base-v2", input=text, encoding_format="float")
    assert response.model == "sentence-transformers/all-mpnet-base-v2"
    assert len(response.data[0].embedding) == 768
    assert max(abs(x - y) for x, y in zip(response.data[0].embedding, reference)) < 1e-4
    with pytest.raises(openai.NotFoundError) as raised:
        client.embeddings.create(model="text-embedding-3-large", input=text)
    assert raised.value.code == "model_not_found"
