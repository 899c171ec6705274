"""Deterministic numeric core: segmentation, numeric mentions, metrics, English rendering."""

from .cnnum import format_cn_number, parse_cn_number
from .extract import extract
from .glossary import glossary_lookup
from .mentions import parse_mentions
from .render import render_en
from .segment import segment
from .serialize import extraction_to_json, mention_to_json, metric_to_json
from .types import Change, Extraction, Mention, Metric, Rank, Section, Sentence, Span

__all__ = [
    "Change", "Extraction", "Mention", "Metric", "Rank", "Section", "Sentence", "Span",
    "extract", "extraction_to_json", "format_cn_number", "glossary_lookup", "mention_to_json",
    "metric_to_json", "parse_cn_number", "parse_mentions", "render_en", "segment",
]
