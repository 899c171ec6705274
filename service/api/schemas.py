"""Request bodies (strict JSON types, unknown fields refused) and documented responses."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from . import examples

# What the server enforces, said in the schema too (the checks themselves stay in the service, so
# the error codes stay: a text without Chinese is 422 no_chinese_text, not a generic one).
HAN_PATTERN = "[\u3400-\u9fff]"
_CHINESE_TEXT = {"minLength": 1, "pattern": HAN_PATTERN}
_NON_BLANK = {"minLength": 1, "pattern": "\\S"}

Lang = Literal["zh", "zh-Hant", "en"]


def _integral(value: Any) -> Any:
    """JSON Schema counts 45.0 as an integer; strict mode would refuse it. Anything else stays as is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


HighlightCount = Annotated[int, Field(ge=0), BeforeValidator(_integral)]
Variant = Literal["s2t", "s2tw", "s2twp", "s2hk"]
EnPath = Literal["evidence", "direct", "zh-translated", "lead-figures"]  # service/brief/writers.EN_PATHS
ZhPath = Literal["evidence", "model"]  # service/brief/writers.ZH_PATHS


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class BriefRequest(_Strict):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.BRIEF_REQUEST]})

    text: str = Field(description="The release, in Chinese (limit: PRESSBRIEF_MAX_INPUT_CHARS characters).",
                      json_schema_extra=_CHINESE_TEXT)
    langs: list[Lang] | None = Field(
        default=None,
        min_length=1,
        max_length=3,
        description="Brief languages; default all of zh, zh-Hant, en.",
    )
    max_highlights: HighlightCount | None = Field(
        default=None,
        description="Metric highlights to return (default PRESSBRIEF_DEFAULT_HIGHLIGHTS, "
        "at most PRESSBRIEF_MAX_HIGHLIGHTS).",
    )
    model: str | None = Field(default=None, description="Must be the model this server was started with (or omitted).")
    traditional_variant: Variant = Field(default="s2t", description="OpenCC conversion for zh-Hant.")
    en_path: EnPath | None = Field(
        default=None,
        description="How the English brief is written: evidence (one sentence per evidence unit — a source "
        "sentence and its actor — each checked against its own source), direct (the model's English brief), "
        "zh-translated (the guarded Chinese brief translated) or lead-figures (a lead sentence, then each key "
        "figure's clause translated); default PRESSBRIEF_EN_PATH (evidence).")
    zh_path: ZhPath | None = Field(
        default=None,
        description="How the Chinese brief is written: evidence (the release's own clauses, unit by unit, each "
        "actor named) or model (the model's guarded paraphrase); default PRESSBRIEF_ZH_PATH (evidence).")


class TextRequest(_Strict):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.EXTRACT_REQUEST]})

    text: str = Field(description="Chinese text (limit: PRESSBRIEF_MAX_INPUT_CHARS characters).",
                      json_schema_extra=_CHINESE_TEXT)


class TranslateRequest(TextRequest):
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.TRANSLATE_REQUEST]})


class EvaluateRequest(_Strict):
    # at least one brief to check: said in the schema as the server enforces it
    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={
        "examples": [examples.EVALUATE_REQUEST],
        "anyOf": [{"required": [name], "properties": {name: {"type": "string"}}}
                  for name in ("summary_en", "summary_zh", "summary_zh_hant")]})

    text: str = Field(description="The source release, in Chinese.", json_schema_extra=_CHINESE_TEXT)
    summary_en: str | None = Field(default=None, description="An English brief to check against the source.",
                                   json_schema_extra=_NON_BLANK)
    summary_zh: str | None = Field(default=None, description="A Chinese brief to check against the source.",
                                   json_schema_extra=_NON_BLANK)
    summary_zh_hant: str | None = Field(
        default=None, description="A Traditional-Chinese brief to check against the source.",
        json_schema_extra=_NON_BLANK,
    )


JobKind = Literal["brief", "translate"]
JobState = Literal["queued", "running", "done", "failed", "cancelled"]


_CALLBACK = Field(default=None, description="Called once (POST, JSON) when the job ends; its host must be in "
                  "PRESSBRIEF_CALLBACK_HOSTS.")


class BriefJobRequest(BriefRequest):
    """A brief job: the body of POST /v1/briefs, plus kind and an optional callback."""

    model_config = ConfigDict(strict=True, extra="forbid", json_schema_extra={"examples": [examples.JOB_REQUEST]})

    kind: Literal["brief"] = Field(description="brief: as POST /v1/briefs")
    callback_url: str | None = _CALLBACK


class TranslateJobRequest(_Strict):
    """A translation job: the body of POST /v1/translate, plus kind and an optional callback."""

    model_config = ConfigDict(strict=True, extra="forbid",
                              json_schema_extra={"examples": [{"kind": "translate", "text": examples.SENTENCE}]})

    kind: Literal["translate"] = Field(description="translate: as POST /v1/translate")
    text: str = Field(description="The release, in Chinese.", json_schema_extra=_CHINESE_TEXT)
    model: str | None = Field(default=None, description="Must be the model this server was started with (or omitted).")
    callback_url: str | None = _CALLBACK


JobRequest = Annotated[BriefJobRequest | TranslateJobRequest, Field(discriminator="kind")]


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
    sentences: dict[str, list[BriefSentenceOut]] = Field(
        default_factory=dict, description="Per language (zh, zh-Hant, en): the brief's sentences in order, each "
        "with the release's character ranges it rests on; the Traditional copy shares the Chinese sources.")


class SourceSpan(BaseModel):
    start: int = Field(description="First character of the input release (0-based).")
    end: int = Field(description="One past the last character.")


class SentenceActor(BaseModel):
    zh: str = Field(description="The body as the release writes it (经开区, 市市场监管局).")
    en: str = Field(description="Its English name ('' when the glossary has none).")
    place: bool = Field(description="True for a place (a zone, a county): its figures are in it.")


class BriefSentenceOut(_Open):
    """One sentence of a brief, in order: the items' texts joined make the brief."""

    text: str
    sources: list[SourceSpan] = Field(description="Character ranges of the input release this sentence rests on "
                                      "(empty only for a model-path sentence with no checked figure).")
    actor: SentenceActor | None = Field(description="Whose figures the sentence gives (the section's actor).")
    figures: list[dict[str, Any]] = Field(description="Each number of the sentence with the source mention that "
                                          "backs it: {text, source, start, end}.")
    checks: list[str] = Field(description="What it was checked against its own sources: figures, names, "
                              "direction, negation, plan/done, period, list items, actor.")
    repaired: list[str] = Field(description="What was changed to make it true (figures, actor).")
    fallback: bool = Field(description="Built by the core from the source's glossary-labelled figures.")


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


class JobResponse(_Open):
    """A job's state, progress and (when done) result: the result is what the synchronous route returns."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [examples.JOB_RESPONSE]})

    id: str
    kind: JobKind
    state: JobState
    progress: dict[str, Any]
    attempts: int
    created_at: float
    started_at: float | None = None
    finished_at: float | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


class JobList(BaseModel):
    jobs: list[JobResponse]


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
