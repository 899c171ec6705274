"""The brief engine: what the HTTP layer calls to load a model, generate, extract and evaluate.

The app only talks to an object with this shape, so tests can inject a deterministic double
and the real engine stays a thin wrapper around ``pressbrief.service.pipeline``. Heavy
modules (torch, the runtimes) are imported when the model loads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from pressbrief.eval.judge.harness import check_briefs
from pressbrief.models import get_entry, load_generator
from pressbrief.service import pipeline
from pressbrief.service.brief.translate import translate
from pressbrief.service.numeric import extract, extraction_to_json

from ..errors import ModelError
from ..progress import Progress


@dataclass(frozen=True)
class SummarizeArgs:
    """One /v1/briefs request, as the engine sees it."""

    text: str
    langs: tuple[str, ...]
    max_highlights: int
    traditional_variant: str
    en_path: str | None = None  # None: PRESSBRIEF_EN_PATH
    zh_path: str | None = None  # None: PRESSBRIEF_ZH_PATH


@runtime_checkable
class Engine(Protocol):
    """What the REST service needs from a brief engine.

    ``max_batch`` > 1 means ``summarize_batch`` can run several queued requests together.
    Generation methods must return soon after ``cancel`` is set (raising
    ``pressbrief.service.errors.PressbriefError`` or returning anything: the result is dropped).
    """

    model_name: str
    max_batch: int

    def load(self) -> None: ...

    def summarize(self, args: SummarizeArgs, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]: ...

    def translate(self, text: str, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]: ...

    def extract(self, text: str) -> dict[str, Any]: ...

    def evaluate(
        self, text: str, summary_en: str | None, summary_zh: str | None, summary_zh_hant: str | None = None
    ) -> dict[str, Any]: ...


class PipelineEngine:
    """The real engine: one model, loaded once, behind ``pressbrief.service.pipeline``."""

    def __init__(self, model_name: str):
        self.model_name = model_name
        self.max_batch = 1  # the pipeline briefs one release at a time
        self.tasks: tuple[str, ...] = ("brief", "translate")

    def load(self) -> None:
        """Load the model into the process-wide cache the pipeline uses, and import the pipeline."""

        self.tasks = tuple(get_entry(self.model_name).tasks)
        load_generator(self.model_name)

    def summarize(self, args: SummarizeArgs, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]:

        result = pipeline.summarize(
            args.text,
            langs=args.langs,
            max_highlights=args.max_highlights,
            model=self.model_name,
            traditional_variant=args.traditional_variant,
            en_path=args.en_path,
            zh_path=args.zh_path,
            cancel=cancel,
            progress=progress,
        )
        return result.to_json()

    def summarize_batch(
        self, batch: list[SummarizeArgs], cancels: list[threading.Event]
    ) -> list[dict[str, Any] | BaseException]:
        first = batch[0]
        results = pipeline.summarize_batch(
            [a.text for a in batch],
            langs=first.langs,
            max_highlights=first.max_highlights,
            model=self.model_name,
            traditional_variant=first.traditional_variant,
            cancels=cancels,
        )
        return [r if isinstance(r, BaseException) else r.to_json() for r in results]

    def translate(self, text: str, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]:

        if "translate" not in self.tasks:
            raise ModelError(f"model {self.model_name!r} does not translate; serve one that does")
        return translate(text, model=self.model_name, cancel=cancel, progress=progress).to_json()

    def extract(self, text: str) -> dict[str, Any]:
        return extraction_to_json(extract(text))

    def evaluate(
        self, text: str, summary_en: str | None, summary_zh: str | None, summary_zh_hant: str | None = None
    ) -> dict[str, Any]:
        return check_briefs(text, summary_en=summary_en, summary_zh=summary_zh, summary_zh_hant=summary_zh_hant)
