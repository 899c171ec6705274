"""Schemathesis (an outside fuzzer) against the OpenAPI schema of a real `pressbrief serve` (tiny model).

Every operation, positive and negative cases, bounded examples; checks: no server error, status codes,
content types, headers and bodies as the schema says, schema-valid requests accepted, invalid ones
refused. The run prints how many cases it generated.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pressbrief.service.api.testing import serve_process, wait_healthy

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
          "response_schema_conformance,positive_data_acceptance,negative_data_rejection")
MAX_EXAMPLES = 12


def _st() -> list[str]:
    exe = shutil.which("st", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("schemathesis is not installed (it is in the test extra: pip install '.[test]')")
    return [exe]


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path):
    st = _st()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"PRESSBRIEF_JOBS_DB": str(tmp_path / "jobs.sqlite3"), "PRESSBRIEF_MAX_NEW_TOKENS": "4",
           "PRESSBRIEF_MAX_CANDIDATES": "1", "PRESSBRIEF_MAX_INPUT_CHARS": "2000", "PRESSBRIEF_MAX_QUEUE": "64",
           "PRESSBRIEF_CALLBACK_HOSTS": "127.0.0.1", "PRESSBRIEF_API_KEYS": "", "PRESSBRIEF_CORS_ORIGINS": ""}
    base = f"http://127.0.0.1:{port}"
    proc = serve_process(port, env=env, log_path=str(tmp_path / "serve.log"))
    try:
        wait_healthy(base, proc)
        report = tmp_path / "st.json"
        config = Path(__file__).with_name("schemathesis.toml")
        out = subprocess.run([*st, "--config-file", str(config), "run", f"{base}/openapi.json",
                              "--checks", CHECKS, "--mode", "all",
                              "--max-examples", str(MAX_EXAMPLES), "--seed", "1", "--request-timeout", "60",
                              "--generation-deterministic", "--report", "ndjson",
                              "--report-ndjson-path", str(report), "--no-color"],
                             capture_output=True, text=True, timeout=900)
        tail = out.stdout[-6000:] + out.stderr[-2000:]
        print(tail)
        cases = re.search(r"(\d+) generated", out.stdout)
        assert cases and int(cases.group(1)) > 100, tail  # a real run, not an empty one
        assert out.returncode == 0, tail
        assert "No issues found" in out.stdout or "0 failures" in out.stdout or "passed" in out.stdout, tail
        assert report.is_file() and all(json.loads(line) for line in report.read_text().splitlines()[:3])
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
