"""Request bodies (strict JSON types, unknown fields refused) and documented responses."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import examples

Lang = Literal["zh", "zh-Hant", "en"]
Variant = Literal["s2t", "s2tw", "s2twp", "s2hk"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class BriefRequest(_Strict):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.BRIEF_REQUEST]})

    text: str = Field(description="The release, in Chinese (limit: PRESSBRIEF_MAX_INPUT_CHARS characters).")
    langs: list[Lang] | None = Field(
        default=None,
        min_length=1,
        max_length=3,
        description="Brief languages; default all of zh, zh-Hant, en.",
    )
    max_highlights: int | None = Field(
        default=None,
        ge=0,
        description="Metric highlights to return (default PRESSBRIEF_DEFAULT_HIGHLIGHTS, "
        "at most PRESSBRIEF_MAX_HIGHLIGHTS).",
    )
    model: str | None = Field(default=None, description="Must be the model this server was started with (or omitted).")
    traditional_variant: Variant = Field(default="s2t", description="OpenCC conversion for zh-Hant.")


class TextRequest(_Strict):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.EXTRACT_REQUEST]})

    text: str = Field(description="Chinese text (limit: PRESSBRIEF_MAX_INPUT_CHARS characters).")


class TranslateRequest(TextRequest):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.TRANSLATE_REQUEST]})


class EvaluateRequest(_Strict):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.EVALUATE_REQUEST]})

    text: str = Field(description="The source release, in Chinese.")
    summary_en: str | None = Field(default=None, description="An English brief to check against the source.")
    summary_zh: str | None = Field(default=None, description="A Chinese brief to check against the source.")
    summary_zh_hant: str | None = Field(
        default=None, description="A Traditional-Chinese brief to check against the source."
    )


# ---- responses (documentation; the body is the pipeline's JSON as is) ----------------------
class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class BriefResponse(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [examples.BRIEF_RESPONSE]})

    brief_zh: str | None
    brief_zh_hant: str | None
    brief_en: str | None
    highlights: list[dict[str, Any]]
    guard: dict[str, Any]
    coverage: dict[str, Any]
    timing: dict[str, Any]
    model: str


class TranslatedSentence(_Open):
    source: str
    target: str
    guard: Any


class TranslateResponse(_Open):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [examples.TRANSLATE_RESPONSE]})

    translation: str
    sentences: list[TranslatedSentence]


class ExtractResponse(_Open):
    """The numeric core's JSON (`pressbrief extract --json`): sections and metrics."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [examples.EXTRACT_RESPONSE]})


class EvaluateResponse(_Open):
    """The harness's verdicts (`pressbrief.eval.check_brief`)."""


class ErrorDetail(BaseModel):
    code: str = Field(examples=["input_too_large"])
    message: str = Field(
        examples=["text: 250,000 characters is over the limit of 200,000 (PRESSBRIEF_MAX_INPUT_CHARS)"]
    )


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Ready(BaseModel):
    status: str = Field(examples=["ready"])
    model: str
    load_s: float | None = None
