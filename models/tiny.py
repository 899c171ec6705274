"""Tiny models for tests and CI: real architectures and real tokenizers, random weights.

Each builder trains its tokenizer on the bundled reference release (models/data/) and
initializes a few-layer model from a fixed seed, so every loader and generation path of
the real models runs in seconds without network. Output text is nonsense by design.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from pressbrief.service.settings import get_settings

from .manifest import write_manifest

SEED = 1234
BUILDER_VERSION = "3"  # bump to rebuild cached tiny models when a builder changes
DONE_MARKER = "pressbrief-tiny.json"

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def _corpus() -> list[str]:
    data = resources.files("pressbrief.models").joinpath("data")
    lines: list[str] = []
    for name in ("tiny_corpus_zh.txt", "tiny_corpus_en.txt"):
        lines += [ln.strip() for ln in data.joinpath(name).read_text("utf-8").splitlines() if ln.strip()]
    return lines


def tiny_dir(name: str) -> Path:
    return get_settings().home / "tiny" / f"{name}-v{BUILDER_VERSION}"


def _build_into(name: str, build) -> Path:
    """Build into a temp folder and rename, so parallel test workers never see half a model."""
    target = tiny_dir(name)
    if (target / DONE_MARKER).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=target.parent))
    try:
        build(tmp)
        (tmp / DONE_MARKER).write_text(json.dumps({"name": name, "seed": SEED, "version": BUILDER_VERSION}))
        write_manifest(tmp)
        try:
            os.replace(tmp, target)
        except OSError:
            if not (target / DONE_MARKER).is_file():  # lost a race with a finished build: fine
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _build_qwen2(out: Path) -> None:
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=2000, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(_corpus(), trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, eos_token="<|im_end|>", pad_token="<|endoftext|>", bos_token=None
    )
    fast.chat_template = CHATML_TEMPLATE
    fast.save_pretrained(out)
    torch.manual_seed(SEED)
    config = Qwen2Config(
        vocab_size=len(fast), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
        tie_word_embeddings=True, initializer_range=0.5, eos_token_id=fast.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=fast.convert_tokens_to_ids("<|endoftext|>"), bos_token_id=None,
    )
    Qwen2ForCausalLM(config).save_pretrained(out)


def _train_spm(out: Path, vocab_size: int = 1200, ids: tuple[int, int, int] = (0, 1, 2)) -> Path:
    """A sentencepiece model on the bundled corpus; ids = (pad, eos, unk), pad -1 for none."""
    import sentencepiece as spm

    text_file = out / "spm_train.txt"
    text_file.write_text("\n".join(_corpus()), encoding="utf-8")
    prefix = out / "spm"
    spm.SentencePieceTrainer.train(
        input=str(text_file), model_prefix=str(prefix), vocab_size=vocab_size, character_coverage=1.0,
        model_type="unigram", pad_id=ids[0], eos_id=ids[1], unk_id=ids[2], bos_id=-1, byte_fallback=True,
        minloglevel=2, hard_vocab_limit=False,
    )
    text_file.unlink()
    return prefix.with_suffix(".model")


def _build_marian(out: Path) -> None:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    # as in the real opus-mt models: </s> 0, <unk> 1, and <pad> appended as the last id (which is
    # what CTranslate2's Marian converter expects and strips)
    model_file = _train_spm(out, ids=(-1, 0, 1))
    for name in ("source.spm", "target.spm"):
        shutil.copy(model_file, out / name)
    sp = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    vocab.setdefault("<pad>", len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    model_file.unlink()
    (out / "spm.vocab").unlink(missing_ok=True)
    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"), target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"), source_lang="zh", target_lang="en",
    )
    tokenizer.save_pretrained(out)
    torch.manual_seed(SEED)
    pad = tokenizer.pad_token_id
    config = MarianConfig(
        vocab_size=len(vocab), d_model=64, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128, decoder_ffn_dim=128,
        max_position_embeddings=512, pad_token_id=pad, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=pad, forced_eos_token_id=tokenizer.eos_token_id,
    )
    MarianMTModel(config).save_pretrained(out)


def _build_t5(out: Path) -> None:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    model_file = _train_spm(out)
    tokenizer = T5Tokenizer(vocab_file=str(model_file), extra_ids=0)
    tokenizer.save_pretrained(out)
    model_file.unlink()
    (out / "spm.vocab").unlink(missing_ok=True)
    torch.manual_seed(SEED)
    config = T5Config(
        vocab_size=len(tokenizer), d_model=64, d_kv=16, d_ff=128, num_layers=2, num_decoder_layers=2,
        num_heads=4, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    T5ForConditionalGeneration(config).save_pretrained(out)


BUILDERS = {"tiny-qwen2": _build_qwen2, "tiny-marian": _build_marian, "tiny-t5": _build_t5}


def build_tiny(name: str) -> Path:
    """Return the folder of tiny model `name`, building it on first use (seconds)."""
    return _build_into(name, BUILDERS[name])
