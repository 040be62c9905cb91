"""Fleet control across several real `junction serve` processes on one Redis.

Three gateways share a Redis (started here, on its own port, so it can be killed and restarted), a fake
OpenAI upstream and one config file: keys are required, some are defined in the config (their hashes,
the keys themselves in environment variables), the admin key comes from an environment variable. The
official `openai` SDK and plain HTTP drive them.

What is proved: limits hold exactly across instances; a token budget is never overspent under
concurrent streaming and non-streaming requests and the admin API reports what the upstream reported;
routes changed on one instance route on the others within 100 ms; the admin API takes only the admin
key; a Redis killed and restarted under load costs no 5xx and limits are shared again afterwards; a
SIGHUP reload refuses an invalid file and applies a valid one.
"""
import concurrent.futures
import hashlib
import json
import os
import re
import signal
import subprocess
import threading
import time
import uuid

import openai
import pytest
import yaml

from conftest import JUNCTION, ROOT, junction
from gateway_processes import FakeUpstreamProcess, JunctionProcess, clean_environment, http

ADMIN_KEY = "sk-admin-" + uuid.uuid4().hex
KEYS = {name: f"sk-fleet-{name}-{uuid.uuid4().hex[:12]}" for name in
        ["rpm", "other", "budget", "ops", "resume", "load"]}
BUDGET = 100_000
REPLY_WORDS = 1996


def key_id(key):
    return "key_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


ROUTER = {
    "name": "fleet-" + uuid.uuid4().hex[:8],
    "routes": [
        {"name": "maths", "references": ["what is 12 times 7", "solve the equation 3x + 5 = 20 for x"],
         "metadata": {"model": "gpt-4o"}, "distance_threshold": 0.5},
    ],
    "routing_config": {"max_k": 1, "aggregation_method": "min"},
    "vectorizer": {"type": "hf", "model": "sentence-transformers/all-MiniLM-L6-v2"},
}


def redis_script(*args):
    proc = subprocess.run([str(ROOT / "scripts" / "redis"), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"scripts/redis {' '.join(args)} failed:\n{proc.stderr}"
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def fleet_redis():
    url = redis_script("start")
    port = re.fullmatch(r"redis://127\.0\.0\.1:(\d+)", url).group(1)
    yield url, port
    redis_script("stop", "--port", port)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    process = FakeUpstreamProcess(JUNCTION, tmp_path_factory.mktemp("fleet-upstream") / "fake.log", cwd=ROOT)
    yield process
    process.stop()


def fleet_config(redis_url, upstream, namespace):
    return {
        "server": {"host": "127.0.0.1"},
        "store": {"type": "redis", "url": redis_url, "fallback_to_embedded": False, "namespace": namespace},
        "upstreams": [{"name": "fake", "base_url": upstream.base_url, "models": ["gpt-4o-mini", "gpt-4o"],
                       "timeout_seconds": 30, "retries": 0}],
        "routing": {"default": {"action": "forward", "model": "gpt-4o-mini"}},
        "router": ROUTER,
        "cache": {"enabled": True, "name": namespace + "-cache"},
        "auth": {"required": True, "keys": [
            {"key_env": "FLEET_KEY_RPM", "tenant": "acme", "requests_per_minute": 60},
            {"key_env": "FLEET_KEY_OTHER", "tenant": "globex", "requests_per_minute": 60},
            {"key_env": "FLEET_KEY_BUDGET", "tenant": "initech",
             "budget": {"tokens": BUDGET, "period": "day", "time_zone": "UTC"}},
            {"key_env": "FLEET_KEY_OPS", "tenant": "ops"},
            {"key_env": "FLEET_KEY_RESUME", "tenant": "umbrella", "requests_per_minute": 10},
            {"key_env": "FLEET_KEY_LOAD", "tenant": "load", "requests_per_minute": 1_000_000},
        ]},
        "limits": {"on_redis_failure": "open"},
        "admin": {"api_key_env": "FLEET_ADMIN_KEY"},
    }


def fleet_environment():
    return clean_environment(FLEET_ADMIN_KEY=ADMIN_KEY, **{f"FLEET_KEY_{name.upper()}": key for name, key in KEYS.items()})


@pytest.fixture(scope="module")
def fleet(fleet_redis, upstream, tmp_path_factory):
    url, _ = fleet_redis
    folder = tmp_path_factory.mktemp("fleet")
    config = folder / "junction.yaml"
    config.write_text(yaml.safe_dump(fleet_config(url, upstream, "fleet-" + uuid.uuid4().hex[:8]), sort_keys=False))
    processes = []
    try:
        for index in range(3):
            processes.append(JunctionProcess(JUNCTION, ["serve", "--config", config, "--port", "0"],
                                             folder / f"serve-{index}.log", env=fleet_environment(), cwd=folder))
        yield processes
    finally:
        for process in processes:
            process.stop()


@pytest.fixture(autouse=True)
def fresh_upstream(upstream):
    upstream.control(reset=True)
    upstream.clear()


def chat(instance, key, text="What is Swift?", **extra):
    return http("POST", instance.url + "/v1/chat/completions", headers=bearer(key),
                json_body={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": text}], **extra})


# --- limits ---------------------------------------------------------------------------------------

def test_sixty_requests_per_minute_hold_exactly_across_three_instances(fleet):
    with concurrent.futures.ThreadPoolExecutor(max_workers=24) as pool:
        answers = list(pool.map(lambda i: chat(fleet[i % 3], KEYS["rpm"], f"rpm question {i}"), range(90)))
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) == 60, f"statuses: {sorted(statuses)}"
    assert statuses.count(429) == 30
    for answer in answers:
        assert answer.headers["x-ratelimit-limit-requests"] == "60"
        assert re.fullmatch(r"\d+(\.\d)?s|\d+ms|\d+m\d+s", answer.headers["x-ratelimit-reset-requests"])
        if answer.status_code == 429:
            assert answer.json()["error"]["code"] == "rate_limit_exceeded"
            assert answer.json()["error"]["type"] == "requests"
            assert answer.headers["x-ratelimit-remaining-requests"] == "0"
            assert 1 <= int(answer.headers["retry-after"]) <= 60
    assert chat(fleet[1], KEYS["other"]).status_code == 200, "another key is unaffected"


def test_a_daily_budget_is_never_overspent_and_usage_matches_the_upstream(fleet, upstream):
    # A short answer reported as REPLY_WORDS completion tokens: the budget's arithmetic without megabytes of text.
    upstream.control(reply="A long essay.", completion_tokens=REPLY_WORDS)

    def one(index):
        # The cache is bypassed: every answer comes from the upstream and is paid for.
        client = openai.OpenAI(base_url=fleet[index % 3].url + "/v1", api_key=KEYS["budget"], max_retries=0, timeout=120,
                               default_headers={"x-junction-cache": "bypass"})
        messages = [{"role": "user", "content": f"write essay number {index}"}]
        kind = ("json", "stream", "stream_usage")[index % 3]
        try:
            if kind == "json":
                answer = client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=2100)
                return kind, answer.usage.total_tokens
            options = {"stream_options": {"include_usage": True}} if kind == "stream_usage" else {}
            chunks = list(client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=2100,
                                                         stream=True, **options))
            assert chunks[-1].choices == [] or kind == "stream", "the usage chunk ends a stream that asked for it"
            usage = [c.usage for c in chunks if getattr(c, "usage", None)]
            if kind == "stream":
                assert usage == [], "a stream that did not ask for usage never sees the chunk the gateway asked for"
                return kind, None
            return kind, usage[-1].total_tokens
        except openai.RateLimitError as error:
            assert error.body["code"] == "insufficient_quota", error.body
            return "refused", 0

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, range(72)))
    per_request = next(tokens for kind, tokens in results if tokens)
    assert per_request == 4 + REPLY_WORDS, "the fake upstream counts words: 4 in the prompt, the reply's"
    spent_by_upstream = sum(per_request if kind == "stream" else tokens for kind, tokens in results)
    served = sum(1 for kind, _ in results if kind != "refused")
    refused = sum(1 for kind, _ in results if kind == "refused")
    assert refused > 0, "72 requests of about 2,000 tokens exceed a 100,000-token budget"
    shown = http("GET", fleet[2].url + f"/v1/admin/keys/{key_id(KEYS['budget'])}", headers=bearer(ADMIN_KEY)).json()
    usage = shown["usage"]
    print(f"budget {BUDGET}: {served} served, {refused} refused, {usage['budget_spent']} spent, upstream reported {spent_by_upstream}")
    assert usage["budget_spent"] == spent_by_upstream, f"{served} served, {refused} refused: {usage}"
    estimate = 2100 + 20
    assert usage["budget_spent"] <= BUDGET + estimate
    assert usage["budget_spent"] <= BUDGET, "estimates bound the real usage here, so the budget itself holds"
    assert usage["budget_remaining"] == BUDGET - usage["budget_spent"]


# --- configuration that reaches every instance ------------------------------------------------------

def routes_to(instance, text):
    answer = http("POST", instance.url + "/v1/route", headers=bearer(KEYS["ops"]), json_body={"input": text})
    assert answer.status_code == 200, answer.text
    return answer.json()["route"]


def has_route(instance, name):
    routes = http("GET", instance.url + "/v1/admin/routes", headers=bearer(ADMIN_KEY)).json()["routes"]
    return any(route["name"] == name for route in routes)


def until_all(instances, check, deadline=5.0):
    """Seconds until `check(instance)` holds on every instance, each polled in its own thread."""
    started = time.monotonic()

    def wait(instance):
        while not check(instance):
            if time.monotonic() - started > deadline:
                return None
        return time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(instances)) as pool:
        times = list(pool.map(wait, instances))
    if None in times:
        pytest.fail(f"not every instance saw the change within {deadline} s")
    return max(times)


def test_a_route_added_or_changed_on_one_instance_routes_on_the_others_within_100_ms(fleet):
    a, b, c = fleet
    text = "who won the football match last night"
    assert routes_to(b, text) is None
    added = http("POST", a.url + "/v1/admin/routes", headers=bearer(ADMIN_KEY), json_body={
        "name": "sports", "references": ["football match results", "who won the game yesterday"],
        "metadata": {"model": "gpt-4o"}, "distance_threshold": 0.6})
    assert added.status_code == 201, added.text
    elapsed = until_all([b, c], lambda instance: has_route(instance, "sports"))
    print(f"route added on A known to B and C after {elapsed * 1000:.1f} ms")
    assert elapsed < 0.1
    assert routes_to(b, text) == "sports" and routes_to(c, text) == "sports"

    deleted = http("DELETE", a.url + "/v1/admin/routes/sports/references", headers=bearer(ADMIN_KEY),
                   json_body={"references": ["football match results", "who won the game yesterday"][:1]})
    assert deleted.json() == {"name": "sports", "deleted": 1}

    def references(instance):
        routes = http("GET", instance.url + "/v1/admin/routes", headers=bearer(ADMIN_KEY)).json()["routes"]
        return [r["references"] for r in routes if r["name"] == "sports"]

    elapsed = until_all([b, c], lambda instance: references(instance) == [["who won the game yesterday"]])
    print(f"reference deleted on A gone from B and C after {elapsed * 1000:.1f} ms")
    assert elapsed < 0.1
    removed = http("DELETE", b.url + "/v1/admin/routes/sports", headers=bearer(ADMIN_KEY))
    assert removed.status_code == 200
    elapsed = until_all([a, c], lambda instance: not has_route(instance, "sports"))
    print(f"route removed on B gone from A and C after {elapsed * 1000:.1f} ms")
    assert elapsed < 0.1
    assert routes_to(a, text) is None and routes_to(c, text) is None


def test_a_key_created_on_one_instance_works_on_the_others_and_is_shown_once(fleet):
    a, b, c = fleet
    created = http("POST", a.url + "/v1/admin/keys", headers=bearer(ADMIN_KEY),
                   json_body={"tenant": "hooli", "requests_per_minute": 3, "models": ["gpt-4o-mini"]})
    assert created.status_code == 201
    key = created.json()["key"]
    assert [chat(instance, key).status_code for instance in (b, c, a, b)] == [200, 200, 200, 429]
    listed = http("GET", c.url + "/v1/admin/keys", headers=bearer(ADMIN_KEY))
    assert key not in listed.text and created.json()["id"] in listed.text
    assert http("PATCH", b.url + f"/v1/admin/keys/{created.json()['id']}", headers=bearer(ADMIN_KEY),
                json_body={"enabled": False}).json()["enabled"] is False
    assert chat(c, key).json()["error"]["code"] == "invalid_api_key"


def test_admin_endpoints_take_only_the_admin_key(fleet):
    for path in ["/v1/admin/keys", "/v1/admin/routes", "/v1/admin/cache/stats"]:
        assert http("GET", fleet[0].url + path).status_code == 401
        refused = http("GET", fleet[0].url + path, headers=bearer(KEYS["ops"]))
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_admin_key"
        assert http("GET", fleet[0].url + path, headers=bearer(ADMIN_KEY)).status_code == 200


# --- Redis away and back --------------------------------------------------------------------------

def test_redis_killed_and_restarted_under_load_costs_no_5xx_and_limits_resume(fleet, fleet_redis):
    _, port = fleet_redis
    statuses = []
    stop = threading.Event()

    def load(worker):
        count = 0
        while not stop.is_set():
            answer = chat(fleet[(worker + count) % 3], KEYS["load"], f"load {worker} {count} {uuid.uuid4().hex[:6]}")
            statuses.append(answer.status_code)
            count += 1

    threads = [threading.Thread(target=load, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        redis_script("stop", "--port", port)
        time.sleep(1.5)
        redis_script("start", "--port", port)
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert statuses, "the load ran"
    assert all(status < 500 for status in statuses), f"5xx under a Redis restart: {sorted(set(statuses))}"
    assert statuses.count(200) == len(statuses)

    # Limits are shared again: 10 per minute across the three instances, not 10 each.
    answers = [chat(fleet[i % 3], KEYS["resume"], f"resume {i}") for i in range(15)]
    assert [a.status_code for a in answers].count(200) == 10


# --- reload and validate --------------------------------------------------------------------------

def test_sighup_refuses_an_invalid_file_and_applies_a_valid_one(upstream, tmp_path):
    config = {
        "server": {"host": "127.0.0.1"},
        "store": {"type": "embedded", "data_dir": str(tmp_path / "data")},
        "upstreams": [{"name": "fake", "base_url": upstream.base_url, "models": ["gpt-4o-mini", "gpt-4o"]}],
        "routing": {"default": {"action": "forward", "model": "gpt-4o-mini"}},
        "router": ROUTER,
        "cache": {"enabled": False},
    }
    path = tmp_path / "junction.yaml"
    path.write_text(yaml.safe_dump(config))
    process = JunctionProcess(JUNCTION, ["serve", "--config", path, "--port", "0"], tmp_path / "serve.log",
                              env=clean_environment(), cwd=tmp_path)
    try:
        def route(text):
            return http("POST", process.url + "/v1/route", json_body={"input": text}).json()["route"]

        assert route("what is 12 times 7") == "maths"
        path.write_text(yaml.safe_dump({**config, "cache": {"ttl_secs": 5}}))
        process.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while "configuration not reloaded" not in process.stderr_text():
            assert time.monotonic() < deadline, process.stderr_text()
            time.sleep(0.05)
        assert "cache.ttl_secs: unknown key (did you mean ttl_seconds?)" in process.stderr_text()
        assert route("what is 12 times 7") == "maths", "the running configuration stays"

        greeting = {"name": "greeting", "references": ["hello there", "good morning"],
                    "metadata": {"action": "respond", "response": "Hi!"}, "distance_threshold": 0.4}
        path.write_text(yaml.safe_dump({**config, "router": {**ROUTER, "routes": ROUTER["routes"] + [greeting]}}))
        process.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while route("hello there!") != "greeting":
            assert time.monotonic() < deadline, process.stderr_text()
            time.sleep(0.05)
        assert http("POST", process.url + "/v1/chat/completions", json_body={
            "model": "auto", "messages": [{"role": "user", "content": "good morning!"}]}).json()["choices"][0]["message"]["content"] == "Hi!"
    finally:
        assert process.stop() == 0


def test_validate_checks_a_config_without_serving(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump({"auth": {"required": True, "keys": [
        {"key_sha256": "a" * 64, "tenant": "acme", "requests_per_minute": 60,
         "budget": {"tokens": 100000, "period": "day", "time_zone": "Europe/Paris"}}]}}))
    proc = junction("validate", "--config", good)
    assert proc.stdout.startswith(f"{good}: ok")
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"limits": {"default": {"requests_per_minute": 0}}}))
    proc = junction("validate", "--config", bad, check=False)
    assert proc.returncode != 0
    assert "limits.default.requests_per_minute: must be between 1" in proc.stderr
    zone = tmp_path / "zone.yaml"
    zone.write_text(yaml.safe_dump({"auth": {"keys": [{"key_sha256": "b" * 64, "tenant": "x",
                                                      "budget": {"tokens": 5, "time_zone": "Mars/Olympus"}}]}}))
    proc = junction("validate", "--config", zone, check=False)
    assert proc.returncode != 0 and "Mars/Olympus" in proc.stderr
