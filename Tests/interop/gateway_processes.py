"""Subprocesses for the gateway interop tests: `junction fake-upstream` and `junction serve`.

Each prints exactly one line, `listening on http://HOST:PORT`, on stdout once it accepts connections;
the helpers wait for that line with a deadline (no sleeps), keep the rest of the output in a log file,
and stop the process with SIGTERM (then SIGKILL after a grace period).
"""
import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

LISTENING = re.compile(r"listening on (http://[^\s:]+:(\d+))")


class JunctionProcess:
    """A `junction ...` subprocess that announced `listening on URL`."""

    def __init__(self, binary, args, log_path, env=None, cwd=None, timeout=180):
        self.args = [str(binary), *map(str, args)]
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     env=env, cwd=cwd)
        lines = queue.Queue()

        def pump():
            for line in self.proc.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        self.stdout_lines = []
        deadline = time.monotonic() + timeout
        self.url = None
        while self.url is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise RuntimeError(f"{' '.join(self.args)} did not print `listening on` within {timeout} s;"
                                   f" stderr:\n{self.stderr_text()}")
            try:
                line = lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            if line is None:
                code = self.proc.wait(timeout=30)
                raise RuntimeError(f"{' '.join(self.args)} exited {code} before listening; stdout:"
                                   f" {''.join(self.stdout_lines)!r}; stderr:\n{self.stderr_text()}")
            self.stdout_lines.append(line)
            match = LISTENING.fullmatch(line.strip())
            if match:
                self.url = match.group(1)
                self.port = int(match.group(2))

    def stderr_text(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()[-4000:]

    def stop(self, grace=30):
        """SIGTERM, wait up to `grace` seconds, then SIGKILL. Returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.log.close()
        return self.proc.returncode


class FakeUpstreamProcess(JunctionProcess):
    """`junction fake-upstream --port 0`, with its HTTP control plane."""

    def __init__(self, binary, log_path, cwd=None):
        super().__init__(binary, ["fake-upstream", "--host", "127.0.0.1", "--port", "0"], log_path, cwd=cwd,
                         timeout=60)
        self.base_url = self.url + "/v1"

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def control(self, **settings):
        """POST /_control with these keys (e.g. fail_next={...}, reply="...", reset=True)."""
        return self._call("POST", "/_control", settings)

    def requests(self):
        """Every request received since the last clear, oldest first."""
        return self._call("GET", "/_requests")["requests"]

    def chat_requests(self):
        return [r for r in self.requests() if r["method"] == "POST" and r["path"].endswith("/chat/completions")]

    def clear(self):
        return self._call("DELETE", "/_requests")["cleared"]


def clean_environment(**extra):
    """The environment without OPENAI_* variables (so no upstream comes from the machine's), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(extra)
    return env


class HTTPAnswer:
    """A plain HTTP answer: status, headers (case-insensitive) and body bytes."""

    def __init__(self, status, headers, body):
        self.status_code = status
        self.headers = headers
        self.content = body

    @property
    def text(self):
        return self.content.decode()

    def json(self):
        return json.loads(self.content)


def http(method, url, json_body=None, content=None, headers=None, timeout=60):
    """One HTTP request with the standard library (no dependency on the SDK's HTTP client); 4xx/5xx are
    answers, not exceptions."""
    headers = dict(headers or {})
    data = content
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return HTTPAnswer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return HTTPAnswer(error.code, error.headers, error.read())
