"""A tiny GGUF for the llama.cpp runtime's tests: the tiny-qwen2 test model (models/tiny.py) written with the
`gguf` package (a dependency of the project) the way llama.cpp's converter writes a Qwen2 model, f32,
so the llama.cpp path runs in CI in seconds without the 1.1 GB default model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import gguf
import pytest
from safetensors.numpy import load_file

from pressbrief.models.tiny import build_tiny

GGUF_VERSION = "1"  # bump when the writer below changes


def write_tiny_gguf(folder: Path, out: Path) -> None:
    config = json.loads((folder / "config.json").read_text())
    tokenizer = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    tensors = load_file(folder / "model.safetensors")
    n_layers = config["num_hidden_layers"]
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.QWEN2, n_layers)
    writer = gguf.GGUFWriter(str(out), "qwen2")
    writer.add_name("tiny-qwen2")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_block_count(n_layers)
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(config["num_attention_heads"])
    writer.add_head_count_kv(config["num_key_value_heads"])
    writer.add_rope_freq_base(config["rope_parameters"]["rope_theta"])
    writer.add_layer_norm_rms_eps(config["rms_norm_eps"])
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    # the byte-level BPE tokenizer, with GPT-2's pre-tokenizer (what ByteLevel(use_regex=True) splits by)
    vocab = tokenizer["model"]["vocab"]
    specials = {t["content"]: t["id"] for t in tokenizer["added_tokens"]}
    tokens = [""] * (max(max(vocab.values()), max(specials.values())) + 1)
    for text, i in {**vocab, **specials}.items():
        tokens[i] = text
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types([gguf.TokenType.CONTROL if t in specials else gguf.TokenType.NORMAL for t in tokens])
    writer.add_token_merges([" ".join(pair) if isinstance(pair, list) else pair
                             for pair in tokenizer["model"]["merges"]])
    writer.add_eos_token_id(specials["<|im_end|>"])
    writer.add_pad_token_id(specials["<|endoftext|>"])
    writer.add_add_bos_token(False)
    for name, array in tensors.items():
        if name == "lm_head.weight":
            continue  # tied to the embeddings: llama.cpp uses token_embd when output is absent
        writer.add_tensor(names.get_name(name, try_suffixes=(".weight", ".bias")), array.astype("float32"))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


@pytest.fixture(scope="session")
def tiny_gguf() -> Path:
    """The tiny GGUF, written once next to the tiny model's folder (renamed into place when complete)."""
    folder = build_tiny("tiny-qwen2")
    out = folder.parent / f"{folder.name}-gguf{GGUF_VERSION}.gguf"
    if not out.is_file():
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        write_tiny_gguf(folder, tmp)
        os.replace(tmp, out)
    return out
