"""generate_many generates its prompts together (a shared prefix prefilled once, the answers decoded in one
batch): every answer is its own prompt's, as if generated alone; cancel stops every sequence.

The tiny PyTorch model runs everywhere; the llama.cpp runtime runs on the tiny GGUF built from the same
weights (tests/models/conftest.py) where llama-cpp-python is built, and on the default model where it is
installed."""

from __future__ import annotations

import threading

import pytest

from pressbrief.models import Cancelled, get_entry, load_generator
from pressbrief.models.runtimes import llamacpp, llamacpp_fork, token_meter
from pressbrief.models.runtimes.llamacpp import LlamaCppGenerator
from pressbrief.models.runtimes.prefix_store import MAX_FILES, MIN_TOKENS, PrefixStore
from pressbrief.models.runtimes.together import TimeLedger, shared_prefix_len

SOURCE = "新乡市今年新增商标注册10430件,同比增长25.72%。全市市场主体总量达到52.8万户。" * 3
ASKS = ["请用中文概括。", "Summarize in English.", "列出三个数字。", "标题是什么？", "用一句话说明。"]


def shared_prompts() -> list[list[dict[str, str]]]:
    """Distinct prompts with a long shared prefix (the source) and their own endings."""
    return [[{"role": "user", "content": SOURCE + ask}] for ask in ASKS]


def unrelated_prompts() -> list[str]:
    """Prompts sharing nothing past the chat template's first tokens."""
    return ["新增商标注册10430件", "Trademark registrations rose 25.72%", "全市市场主体总量达到52.8万户。" * 2]


def assert_each_as_alone(gen, prompts, **kwargs) -> list:  # noqa: ANN001
    together = gen.generate_many(prompts, **kwargs)
    alone = [gen.generate(p, **kwargs) for p in prompts]
    assert [r.text for r in together] == [r.text for r in alone]
    assert [r.new_tokens for r in together] == [r.new_tokens for r in alone]
    assert [r.prompt_tokens for r in together] == [r.prompt_tokens for r in alone]
    return together


def assert_no_cross_talk(gen, prompts, max_new_tokens: int = 12) -> None:  # noqa: ANN001
    """Each answer is the one its prompt gets alone, and the prompts do not all get the same answer
    (else a swap or a copy between sequences would go unseen)."""
    together = assert_each_as_alone(gen, prompts, max_new_tokens=max_new_tokens)
    assert len({r.text for r in together}) > 1, [r.text for r in together]


def assert_cancel_stops_every_sequence(gen, prompts) -> None:  # noqa: ANN001
    """Cancelled at the first new token: no sequence decodes another step (at most one token each)."""
    cancel = threading.Event()
    counted = []

    def on_tokens(n: int) -> None:
        counted.append(n)
        cancel.set()

    with token_meter(on_tokens), pytest.raises(Cancelled):
        gen.generate_many(prompts, max_new_tokens=40, cancel=cancel)
    assert 1 <= sum(counted) <= len(prompts)


def assert_times_and_cached_tokens(results) -> None:  # noqa: ANN001
    assert all(r.prefill_s > 0 and r.decode_s >= 0 for r in results)
    assert results[0].cached_tokens == 0  # this call prefilled the shared prefix (nothing cached before)
    assert all(r.cached_tokens == results[1].cached_tokens > 16 for r in results[1:])


# --- the pieces shared by the runtimes ---


def test_shared_prefix_leaves_every_prompt_a_token_of_its_own():
    assert shared_prefix_len([[1, 2, 3], [1, 2, 3]]) == 2  # duplicates: the last token is each one's own
    assert shared_prefix_len([[1, 2, 3, 4], [1, 2, 9]]) == 2
    assert shared_prefix_len([[7], [7, 8]]) == 0
    assert shared_prefix_len([]) == 0


def test_ledger_shares_time_out_so_it_adds_up():
    ledger = TimeLedger(3)
    ledger.prefill_shared(3.0, range(3))
    ledger.prefill_by_tokens(4.0, {0: 1, 2: 3})
    ledger.decode_shared(2.0, [1, 2])
    assert ledger.prefill_s == [1.0 + 1.0, 1.0, 1.0 + 3.0]
    assert ledger.decode_s == [0.0, 1.0, 1.0]
    assert sum(ledger.prefill_s) + sum(ledger.decode_s) == pytest.approx(9.0)


# --- the PyTorch runtime (tiny-qwen2) ---


@pytest.fixture()
def tiny():  # noqa: ANN201
    gen = load_generator("tiny-qwen2")
    saved = gen.together
    yield gen
    gen.together = saved


def test_transformers_answers_are_each_prompts_own(tiny):
    assert_no_cross_talk(tiny, shared_prompts())


def test_transformers_prompts_with_nothing_shared_and_duplicates(tiny):
    assert_no_cross_talk(tiny, unrelated_prompts())
    prompts = shared_prompts()
    results = assert_each_as_alone(tiny, [prompts[0], prompts[1], prompts[0], prompts[0]], max_new_tokens=10)
    assert results[0].text == results[2].text == results[3].text


def test_transformers_rounds_and_one_at_a_time_give_the_same_answers(tiny):
    tiny.together = 4
    batched = [r.text for r in tiny.generate_many(shared_prompts(), max_new_tokens=10)]
    tiny.together = 2  # five prompts: rounds of 2, 2, 1
    assert [r.text for r in tiny.generate_many(shared_prompts(), max_new_tokens=10)] == batched
    tiny.together = 1
    assert [r.text for r in tiny.generate_many(shared_prompts(), max_new_tokens=10)] == batched


def test_transformers_times_and_cached_tokens(tiny):
    assert_times_and_cached_tokens(tiny.generate_many(shared_prompts(), max_new_tokens=6))


def test_transformers_cancel_stops_every_sequence(tiny):
    assert_cancel_stops_every_sequence(tiny, shared_prompts())
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):  # cancelled before it starts: nothing is prefilled
        tiny.generate_many(shared_prompts(), max_new_tokens=5, cancel=cancel)


def test_transformers_empty_call():
    assert load_generator("tiny-qwen2").generate_many([], max_new_tokens=5) == []


# --- the llama.cpp runtime (the tiny GGUF written from tiny-qwen2's weights) ---

needs_llama_cpp = pytest.mark.skipif(not llamacpp.available(),
                                     reason="llama-cpp-python is not built here (`pressbrief setup` builds it)")


@pytest.fixture(scope="module")
def tiny_llama(tiny_gguf):  # noqa: ANN001, ANN201
    # one thread: the tiny model's matrices are too small to share, and threads that wait spin
    gen = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=4, threads=1)
    yield gen
    gen.decoder.close()


@pytest.fixture()
def llama(tiny_llama):  # noqa: ANN001, ANN201
    tiny_llama.together = 4
    yield tiny_llama
    tiny_llama.together = 4


@needs_llama_cpp
def test_llama_cpp_answers_are_each_prompts_own(llama):
    assert_no_cross_talk(llama, shared_prompts())
    assert llama.stats.decoded_together > 0  # they were decoded in one batch, not one after another


@needs_llama_cpp
def test_llama_cpp_prompts_with_nothing_shared_and_duplicates(llama):
    assert_no_cross_talk(llama, unrelated_prompts())
    prompts = shared_prompts()
    results = assert_each_as_alone(llama, [prompts[0], prompts[1], prompts[0], prompts[0]], max_new_tokens=10)
    assert results[0].text == results[2].text == results[3].text


@needs_llama_cpp
def test_llama_cpp_answers_what_transformers_answers(llama, tiny):
    """The same weights on both runtimes: the same tokens, and the same greedy answers, together."""
    prompts = shared_prompts() + unrelated_prompts()
    assert [llama.encode(p) for p in prompts] == [tiny.encode(p) for p in prompts]
    assert ([r.text for r in llama.generate_many(prompts, max_new_tokens=12)]
            == [r.text for r in tiny.generate_many(prompts, max_new_tokens=12)])


@needs_llama_cpp
def test_llama_cpp_refilled_sequences_and_one_at_a_time_give_the_same_answers(llama):
    batched = [r.text for r in llama.generate_many(shared_prompts(), max_new_tokens=10)]
    llama.together = 2  # five prompts through two sequences: each answer that ends lets the next prompt in
    assert [r.text for r in llama.generate_many(shared_prompts(), max_new_tokens=10)] == batched
    llama.together = 1
    assert [r.text for r in llama.generate_many(shared_prompts(), max_new_tokens=10)] == batched


@needs_llama_cpp
def test_llama_cpp_seeded_samples_are_each_prompts_own(llama):
    together = assert_each_as_alone(llama, shared_prompts()[:3], max_new_tokens=10, sample_seed=7)
    greedy = [r.text for r in llama.generate_many(shared_prompts()[:3], max_new_tokens=10)]
    assert [r.text for r in together] != greedy


@needs_llama_cpp
def test_llama_cpp_prefix_is_prefilled_once_and_kept_for_the_next_call(llama):
    llama.decoder.forget()
    prompts = shared_prompts()[:4]  # all four at once: their answers stay in the cache after the call
    first = llama.generate_many(prompts, max_new_tokens=6)
    assert_times_and_cached_tokens(first)
    again = llama.generate(prompts[2], max_new_tokens=6)  # a candidate of one of them: nothing to prefill
    assert again.cached_tokens == again.prompt_tokens - 1 and again.text == first[2].text
    other = llama.generate("新增商标注册10430件", max_new_tokens=6)  # another template in between ...
    assert other.cached_tokens < 16
    after = llama.generate(prompts[3], max_new_tokens=6)  # ... does not evict the source's prefix
    assert after.cached_tokens >= first[1].cached_tokens and after.text == first[3].text


@needs_llama_cpp
def test_llama_cpp_next_round_goes_on_from_each_prompts_own_tokens(llama):
    # The brief's rounds: the same prompts again, sampled. Each goes on in the sequence that holds its own
    # prompt (nothing of it prefilled again) and draws what it would from an empty cache.
    prompts = shared_prompts()[:4]
    llama.decoder.forget()
    fresh = [r.text for r in llama.generate_many(prompts, max_new_tokens=8, sample_seed=3)]
    llama.decoder.forget()
    greedy = llama.generate_many(prompts, max_new_tokens=8)
    again = llama.generate_many(prompts, max_new_tokens=8, sample_seed=3)
    assert [r.cached_tokens for r in again] == [r.prompt_tokens - 1 for r in again]
    assert [r.text for r in again] == fresh
    # and greedy again after the samples: each prompt's own answer, no other's
    assert [r.text for r in llama.generate_many(prompts, max_new_tokens=8)] == [r.text for r in greedy]
    assert_no_cross_talk(llama, list(reversed(prompts)))


@needs_llama_cpp
def test_llama_cpp_cancel_stops_every_sequence(llama):
    assert_cancel_stops_every_sequence(llama, shared_prompts())
    assert_no_cross_talk(llama, shared_prompts()[:2])  # and the cache it left is sound


@needs_llama_cpp
def test_llama_cpp_refuses_what_does_not_fit(tiny_gguf):
    gen = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), n_ctx=256, together=2, threads=1)
    try:
        with pytest.raises(ValueError, match="exceeds the llama.cpp context of 256"):
            gen.generate(SOURCE * 3, max_new_tokens=8)
        with pytest.raises(ValueError, match="max_new_tokens must be at least 1"):
            gen.generate(SOURCE, max_new_tokens=0)
        # what does not fit together waits for room: three prompts of ~130 cells in 256
        prompts = [[{"role": "user", "content": SOURCE[:60] + ask}] for ask in ASKS[:3]]
        assert_each_as_alone(gen, prompts, max_new_tokens=60)
    finally:
        gen.decoder.close()


@needs_llama_cpp
def test_llama_cpp_decodes_with_the_cores_left_idle(tiny_gguf, monkeypatch):
    # threads not given: before each call the decoder counts the cores others hold and uses the rest
    gen = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=2)
    try:
        most = gen.decoder.max_threads
        monkeypatch.setattr(llamacpp_fork.IdleCores, "others", lambda self: float(most))  # every core taken
        first = gen.generate_many(shared_prompts()[:2], max_new_tokens=4)
        assert gen.decoder.threads == 1
        monkeypatch.setattr(llamacpp_fork.IdleCores, "others", lambda self: 0.0)
        again = gen.generate_many(shared_prompts()[:2], max_new_tokens=4)
        assert gen.decoder.threads == most
        assert [r.text for r in first] == [r.text for r in again]  # the same answers on any number of threads
    finally:
        gen.decoder.close()


@needs_llama_cpp
def test_llama_cpp_prefix_stored_on_disk_is_loaded_by_a_fresh_process_and_answers_the_same(tiny_gguf, tmp_path):
    # The briefs' shared system block is prefilled by every fresh process; stored once, a later process loads
    # it (cached, not prefilled) and every answer is the one an empty cache gives.
    store = tmp_path / "prefix-cache"
    plain = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=4, threads=1)
    try:
        expected = plain.generate_many(shared_prompts(), max_new_tokens=8)
    finally:
        plain.decoder.close()
    first = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=4, threads=1, prefix_cache=store)
    try:
        saved = first.generate_many(shared_prompts(), max_new_tokens=8)
    finally:
        first.decoder.close()
    assert saved[0].cached_tokens == 0 and len(list(store.glob("*.kv"))) == 1
    later = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=4, threads=1, prefix_cache=store)
    try:
        loaded = later.generate_many(shared_prompts(), max_new_tokens=8)
        assert loaded[0].cached_tokens == loaded[1].cached_tokens > 16  # the whole shared prefix was loaded
        assert [r.text for r in loaded] == [r.text for r in saved] == [r.text for r in expected]
    finally:
        later.decoder.close()
    # a damaged file is no state: it is dropped and the prefix prefilled again, with the same answers
    for kv in store.glob("*.kv"):
        kv.write_bytes(b"not a llama.cpp state")
    again = LlamaCppGenerator(get_entry("tiny-qwen2"), str(tiny_gguf), together=4, threads=1, prefix_cache=store)
    try:
        prefilled = again.generate_many(shared_prompts(), max_new_tokens=8)
        assert prefilled[0].cached_tokens == 0
        assert [r.text for r in prefilled] == [r.text for r in expected]
    finally:
        again.decoder.close()


def test_prefix_store_keys_on_the_weights_and_keeps_a_few_files(tmp_path):
    prefix = list(range(MIN_TOKENS + 10))
    store = PrefixStore(tmp_path, "weights-a")
    store.save(prefix[:MIN_TOKENS], b"state")
    assert store.find(prefix) == (MIN_TOKENS, b"state")  # the longest stored start of a longer prompt
    assert PrefixStore(tmp_path, "weights-b").find(prefix) is None  # other weights: not theirs
    assert store.find([9, *prefix]) is None  # another start
    store.save(prefix[:10], b"short")  # too short to pay: not stored
    for extra in range(MAX_FILES + 3):
        store.save([extra, *prefix], b"x")
    assert len(list(tmp_path.glob("*.kv"))) == MAX_FILES
