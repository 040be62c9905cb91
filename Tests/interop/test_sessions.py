"""Sessions through `junction serve` with the official `openai` SDK, on a real Redis, read and written by
RedisVL's own `MessageHistory` too.

The gateway runs in append mode (clients send only their new message), with a short session TTL so expiry
is observable. The fake upstream records what it received, so the history Junction put in front of a
message is checked where it matters: in the request the upstream got.
"""
import time
import uuid

import openai
import pytest
import yaml

from conftest import JUNCTION, ROOT
from gateway_processes import FakeUpstreamProcess, JunctionProcess, clean_environment, http

HISTORY = "junction_sessions_" + uuid.uuid4().hex[:8]
TTL = 4
KEY_A = "sk-session-a"
KEY_B = "sk-session-b"


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    process = FakeUpstreamProcess(JUNCTION, tmp_path_factory.mktemp("sessions-upstream") / "fake.log", cwd=ROOT)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def gateway(upstream, redis_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sessions")
    config = {
        "server": {"host": "127.0.0.1"},
        "store": {"type": "redis", "url": redis_url, "fallback_to_embedded": False, "namespace": "sessions-" + uuid.uuid4().hex[:6]},
        "upstreams": [{"name": "fake", "base_url": upstream.base_url, "models": ["gpt-4o-mini"]}],
        "router": None,
        "cache": {"enabled": False},
        "tenants": {"api_keys": {KEY_A: "team-a", KEY_B: "team-b"}},
        "session": {"mode": "append", "ttl_seconds": TTL, "name": HISTORY},
    }
    path = folder / "junction.yaml"
    path.write_text(yaml.safe_dump(config))
    process = JunctionProcess(JUNCTION, ["serve", "--config", path, "--port", "0"], folder / "serve.log",
                              env=clean_environment(), cwd=folder)
    yield process
    assert process.stop() == 0


@pytest.fixture(scope="module")
def recording(upstream, tmp_path_factory):
    """A second gateway in record mode on the embedded store: clients send whole conversations."""
    folder = tmp_path_factory.mktemp("sessions-record")
    config = {
        "server": {"host": "127.0.0.1"},
        "store": {"type": "embedded", "data_dir": str(folder / "data")},
        "upstreams": [{"name": "fake", "base_url": upstream.base_url, "models": ["gpt-4o-mini"]}],
        "router": None,
        "cache": {"enabled": False},
        "tenants": {"api_keys": {KEY_A: "team-a"}},
        "session": {"mode": "record", "ttl_seconds": 3600, "name": HISTORY},
    }
    path = folder / "junction.yaml"
    path.write_text(yaml.safe_dump(config))
    process = JunctionProcess(JUNCTION, ["serve", "--config", path, "--port", "0"], folder / "serve.log",
                              env=clean_environment(), cwd=folder)
    yield process
    assert process.stop() == 0


@pytest.fixture(autouse=True)
def fresh(upstream):
    upstream.control(reset=True)
    upstream.clear()


def client(gateway, key=KEY_A):
    return openai.OpenAI(base_url=gateway.url + "/v1", api_key=key, max_retries=0, timeout=60)


def say(gateway, session, text, key=KEY_A, stream=False):
    answer = client(gateway, key).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": text}], stream=stream,
        extra_headers={"x-junction-session": session})
    if stream:
        return "".join(chunk.choices[0].delta.content or "" for chunk in answer if chunk.choices)
    return answer.choices[0].message.content


def history(redis_url, session):
    from redisvl.extensions.message_history import MessageHistory
    return MessageHistory(name=HISTORY, session_tag=session, redis_url=redis_url)


def test_a_client_sending_only_its_new_message_gets_the_conversation_upstream(gateway, upstream):
    session = "conv-" + uuid.uuid4().hex[:8]
    assert say(gateway, session, "My name is Ada.") == "Echo: My name is Ada."
    assert say(gateway, session, "What is my name?", stream=True) == "Echo: What is my name?"
    sent = upstream.chat_requests()[-1]["json"]["messages"]
    assert [m["content"] for m in sent] == ["My name is Ada.", "Echo: My name is Ada.", "What is my name?"]
    stored = http("GET", gateway.url + f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {KEY_A}"}).json()
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant", "user", "assistant"]
    assert stored["messages"][-1]["content"] == "Echo: What is my name?", "a stream is recorded once complete"


def test_redisvl_reads_junctions_sessions(gateway, redis_url):
    session = "conv-" + uuid.uuid4().hex[:8]
    say(gateway, session, "Plan a trip to Kyoto.")
    say(gateway, session, "Make it five days.")
    messages = history(redis_url, session).get_recent(top_k=10)
    assert [(m["role"], m["content"]) for m in messages] == [
        ("user", "Plan a trip to Kyoto."), ("assistant", "Echo: Plan a trip to Kyoto."),
        ("user", "Make it five days."), ("assistant", "Echo: Make it five days."),
    ]


def test_junction_reads_redisvls_sessions(gateway, redis_url, upstream):
    session = "conv-" + uuid.uuid4().hex[:8]
    python = history(redis_url, session)
    python.add_messages([{"role": "user", "content": "I live in Lyon."},
                         {"role": "assistant", "content": "Noted, Lyon it is."}])
    say(gateway, session, "Where do I live?")
    sent = upstream.chat_requests()[-1]["json"]["messages"]
    assert [m["content"] for m in sent] == ["I live in Lyon.", "Noted, Lyon it is.", "Where do I live?"]
    assert [m["content"] for m in python.get_recent(top_k=10)][-2:] == ["Where do I live?", "Echo: Where do I live?"]


def test_a_session_belongs_to_its_tenant(gateway):
    session = "conv-" + uuid.uuid4().hex[:8]
    say(gateway, session, "A secret plan.")
    other = http("GET", gateway.url + f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {KEY_B}"})
    assert other.status_code == 404 and other.json()["error"]["code"] == "session_not_found"
    with pytest.raises(openai.NotFoundError):
        say(gateway, session, "Tell me the plan.", key=KEY_B)
    deleted = http("DELETE", gateway.url + f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {KEY_A}"})
    assert deleted.json()["deleted"] is True and deleted.json()["messages"] == 2


def test_a_session_expires_after_its_ttl_of_inactivity(gateway, redis_url):
    session = "conv-" + uuid.uuid4().hex[:8]
    say(gateway, session, "Remember the number 42.")
    time.sleep(TTL / 2)
    say(gateway, session, "And 43.")
    time.sleep(TTL / 2 + 0.5)
    assert len(history(redis_url, session).get_recent(top_k=10)) == 4, "the second turn restarted the whole session's TTL"
    deadline = time.monotonic() + TTL + 10
    while history(redis_url, session).get_recent(top_k=10):
        assert time.monotonic() < deadline, "the session never expired"
        time.sleep(0.2)
    gone = http("GET", gateway.url + f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {KEY_A}"})
    assert gone.status_code == 404


def test_record_mode_stores_the_turns_and_sends_only_what_the_client_sent(recording, upstream):
    session = "conv-" + uuid.uuid4().hex[:8]
    assert say(recording, session, "Hello there.") == "Echo: Hello there."
    answer = client(recording).chat.completions.create(
        model="gpt-4o-mini", extra_headers={"x-junction-session": session},
        messages=[{"role": "user", "content": "Hello there."}, {"role": "assistant", "content": "Echo: Hello there."},
                  {"role": "user", "content": "How are you?"}])
    assert answer.choices[0].message.content == "Echo: How are you?"
    sent = upstream.chat_requests()[-1]["json"]["messages"]
    assert [m["content"] for m in sent] == ["Hello there.", "Echo: Hello there.", "How are you?"], "nothing prepended"
    stored = http("GET", recording.url + f"/v1/sessions/{session}", headers={"Authorization": f"Bearer {KEY_A}"}).json()
    assert [m["content"] for m in stored["messages"]] == [
        "Hello there.", "Echo: Hello there.", "How are you?", "Echo: How are you?"], "each turn recorded once"
