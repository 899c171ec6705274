"""The OpenAI-compatible backend against a protocol-faithful server serving the tiny model (and
llama.cpp's own server with the default model, when llama-cpp-python[server] is installed): the
full brief pipeline through it, concurrency, the 429 / 500 / timeout paths, cancellation."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from pressbrief.eval import check_brief
from pressbrief.eval.bench.backend import llama_server
from pressbrief.eval.bench.openai_server import Faults, create_app, serve_in_thread
from pressbrief.models import load_generator
from pressbrief.models.registry import ModelEntry, get_entry
from pressbrief.models.runtimes import Cancelled
from pressbrief.models.runtimes.openai import estimate_tokens
from pressbrief.models.status import install_status
from pressbrief.service.batch import run_batch
from pressbrief.service.cli import main
from pressbrief.service.errors import ModelError, ModelServerError
from pressbrief.service.pipeline import summarize
from pressbrief.service.settings import get_settings

SERVED = "tiny-qwen2-served"
MODEL = f"openai:{SERVED}"


@pytest.fixture(scope="module")
def server():
    faults = Faults()
    app = create_app("tiny-qwen2", SERVED, faults)
    with serve_in_thread(app) as url:
        yield url, faults, app


@pytest.fixture()
def served(server, monkeypatch):
    url, faults, app = server
    monkeypatch.setenv("PRESSBRIEF_LLM_URL", url)
    monkeypatch.setenv("PRESSBRIEF_LLM_RETRIES", "2")
    monkeypatch.delenv("PRESSBRIEF_MODEL", raising=False)
    monkeypatch.delenv("PRESSBRIEF_LLM_MODEL", raising=False)
    while faults.next() is not None:  # no fault left over from another test
        pass
    return url, faults, app


def test_the_test_server_speaks_the_protocol(served):
    url, _, _ = served
    assert httpx.get(f"{url}/models").json()["data"][0]["id"] == SERVED
    body = {"model": SERVED, "messages": [{"role": "user", "content": "新增商标注册10430件"}], "max_tokens": 8,
            "temperature": 0}
    plain = httpx.post(f"{url}/chat/completions", json=body, timeout=60).json()
    assert plain["object"] == "chat.completion" and plain["usage"]["completion_tokens"] <= 8
    assert plain["usage"]["prompt_tokens"] > 0
    with httpx.stream("POST", f"{url}/chat/completions", timeout=60,
                      json=body | {"stream": True, "stream_options": {"include_usage": True}}) as r:
        events = [line[6:] for line in r.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]) == \
        plain["choices"][0]["message"]["content"]
    assert chunks[-1]["usage"] == plain["usage"]
    wrong = httpx.post(f"{url}/chat/completions", json=body | {"model": "nope"}, timeout=60)
    assert wrong.status_code == 404 and "error" in wrong.json()


def test_brief_through_the_server_is_guarded(served, sample_text):
    _, _, app = served
    before = app.state.requests
    result = summarize(sample_text, model=MODEL, max_candidates=2).to_json()
    assert result["model"] == MODEL and result["timing"]["runtime"] == "openai"
    assert app.state.requests > before  # the prompts went to the server
    assert result["timing"]["prefill_tokens"] > 0 and result["timing"]["decode_tokens"] > 0  # the server's usage
    for lang, key in (("zh", "brief_zh"), ("en", "brief_en"), ("zh-Hant", "brief_zh_hant")):
        report = check_brief(sample_text, result[key], lang)
        assert report.precision in (None, 1.0), (lang, result[key])
    assert result["highlights"] and result["coverage"]["uncovered"] == []


def test_env_names_the_served_model_as_the_default(served, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_LLM_MODEL", SERVED)
    monkeypatch.setenv("PRESSBRIEF_LLM_API_KEY", "sk-secret-123")
    entry = get_entry(None)
    assert entry.name == MODEL and entry.extra["url"] == served[0]

    assert "sk-secret-123" not in repr(get_settings())  # the key never reaches a repr or a log line


def test_token_counts_come_from_the_servers_tokenizer(served, sample_text):
    gen = load_generator(MODEL)
    local = load_generator("tiny-qwen2")
    assert gen.count_tokens(sample_text) == local.count_tokens(sample_text)  # asked over /tokenize
    assert gen.token_counter.method == ("/tokenize", "content")
    assert estimate_tokens("新乡市") == 3 and estimate_tokens("abcdef") == 2  # the fallback, high on purpose


def test_models_list_says_where_a_served_entry_is_served(monkeypatch):
    entry = ModelEntry(name="gpu-qwen", tasks=("brief",), family="decoder-only", architecture="served",
                       source="openai:Qwen/Qwen2.5-7B-Instruct", licence="x", context=32768, prompt="chatml",
                       extra={"url": "http://gpu-box:8000/v1"})
    assert install_status(entry) == "served at http://gpu-box:8000/v1"
    monkeypatch.delenv("PRESSBRIEF_LLM_URL", raising=False)
    assert "no url" in install_status(ModelEntry(**{**entry.__dict__, "extra": {}}))


def test_a_429_is_retried_and_the_answer_arrives(served):
    url, faults, app = served
    gen = load_generator(MODEL)
    faults.add("status", 429)
    faults.add("status", 503)
    before = app.state.requests
    result = gen.generate("新增商标注册10430件", max_new_tokens=4)
    assert app.state.requests - before == 3 and result.new_tokens <= 4


def test_a_server_error_after_retries_is_a_clear_error_and_a_batch_error_row(served, tmp_path):
    url, faults, _ = served
    gen = load_generator(MODEL)
    faults.add("status", 500, times=3)  # the first call and both retries
    with pytest.raises(ModelServerError, match="HTTP 500 after retries"):
        gen.generate("新增商标注册10430件", max_new_tokens=4)
    (tmp_path / "a.txt").write_text("新乡市今年新增商标注册10430件，同比增长25.72%。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("今年知识产权质押融资12.62亿元，居全省第一位。", encoding="utf-8")
    # the first document's one model request (its English sentence; its Chinese brief is the release's own
    # clauses) fails, retries and all
    faults.add("status", 500, times=3)
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], out, model=MODEL, quiet=True,
                        max_highlights=2, checks_fn=lambda text, data: {})
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2  # nothing lost: one row per input
    errors = [r for r in rows if r["status"] == "error"]
    assert len(errors) == 1 and errors[0]["error"]["code"] == "model_server_error"
    assert summary.failed == 1 and summary.succeeded == 1


def test_a_model_the_server_does_not_have_is_a_clear_error(served):
    gen = load_generator("openai:no-such-model")
    with pytest.raises(ModelServerError, match=r"HTTP 404: model 'no-such-model' not found"):
        gen.generate("新增商标注册10430件", max_new_tokens=4)


def test_a_late_answer_is_a_timeout_error(served, monkeypatch):
    _, faults, _ = served
    monkeypatch.setenv("PRESSBRIEF_LLM_TIMEOUT_S", "0.5")
    monkeypatch.setenv("PRESSBRIEF_LLM_RETRIES", "0")
    gen = load_generator(MODEL)
    faults.add("delay", 3)
    with pytest.raises(ModelServerError, match="no answer within the timeout"):
        gen.generate("新增商标注册10430件", max_new_tokens=4)


def test_an_answer_cut_off_mid_stream_is_an_error_not_a_short_brief(served):
    _, faults, _ = served
    gen = load_generator(MODEL)
    faults.add("cut", 0)
    with pytest.raises(ModelServerError, match="without a finish reason"):
        gen.generate("新增商标注册10430件", max_new_tokens=16)


def test_cancel_stops_the_request(served):
    gen = load_generator(MODEL)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        gen.generate("新增商标注册10430件", max_new_tokens=64, cancel=cancel)


def test_unset_url_or_id_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("PRESSBRIEF_LLM_URL", raising=False)
    with pytest.raises(ModelError, match="PRESSBRIEF_LLM_URL"):
        get_entry("openai:some-model")
    with pytest.raises(ModelError, match="model id"):
        get_entry("openai:")


def test_batch_keeps_four_documents_in_flight(served, tmp_path):
    """--workers 4 against the server: every input one row, all guarded, the server seeing overlap."""
    feed = tmp_path / "feed.jsonl"
    docs = [{"id": f"d{i}", "text": f"新乡市今年新增商标注册{10430 + i}件，同比增长25.72%。"} for i in range(6)]
    feed.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(feed)], out, model=MODEL, workers=4, quiet=True, max_highlights=2)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == [f"d{i}" for i in range(6)]
    assert all(r["status"] == "ok" for r in rows), [r.get("error") for r in rows]
    assert all(r["checks"].get("number_precision") in (None, 1.0) for r in rows)
    assert summary.succeeded == 6


def test_cli_summarize_with_an_openai_model(served, tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("今年知识产权质押融资12.62亿元，惠及40家中小微企业，居全省第一位。", encoding="utf-8")
    assert main(["summarize", str(path), "--model", MODEL, "--json", "--quiet", "--max-highlights", "2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == MODEL and result["timing"]["runtime"] == "openai"


def test_llama_cpp_server_with_the_default_model(tmp_path, sample_text):
    """The real thing, where llama-cpp-python[server] and the default model are installed."""
    # `pressbrief setup` installs llama-cpp-python without its [server] extra: the module is there, its
    # dependencies are not
    pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python[server] is not installed",
                        exc_type=ImportError)

    try:
        ctx = llama_server()
    except ModelError as exc:
        pytest.skip(f"default model not available: {exc.message}")
    with ctx as (url, served_id):
        import os


        os.environ["PRESSBRIEF_LLM_URL"] = url
        try:
            result = summarize(sample_text[:600], model=f"openai:{served_id}", langs=("en",),
                               max_highlights=3).to_json()
        finally:
            del os.environ["PRESSBRIEF_LLM_URL"]
        assert check_brief(sample_text[:600], result["brief_en"], "en").precision in (None, 1.0)
        assert result["timing"]["decode_tokens"] > 0
