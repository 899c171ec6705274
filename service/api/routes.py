"""HTTP routes: /v1 work routes and the health/metrics probes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from .engine import SummarizeArgs
from .errors import InvalidRequest
from .middleware import CLIENT_CLOSED
from .schemas import (
    BriefRequest,
    BriefResponse,
    ErrorBody,
    EvaluateRequest,
    EvaluateResponse,
    ExtractResponse,
    Health,
    Ready,
    TextRequest,
    TranslateRequest,
    TranslateResponse,
)
from .service import ClientGone, Service

ALL_LANGS = ("zh", "zh-Hant", "en")


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {
        401: "Missing or invalid API key (only when PRESSBRIEF_API_KEYS is set)",
        413: "Body or text over its limit (PRESSBRIEF_MAX_BODY_BYTES / PRESSBRIEF_MAX_INPUT_CHARS)",
        422: "Malformed body, wrong field types, no Chinese text, or a value over its limit",
        503: "Model still loading or queue full (see Retry-After)",
        504: "No answer within PRESSBRIEF_REQUEST_TIMEOUT_S; the generation was stopped",
    }
    return {s: {"model": ErrorBody, "description": described[s]} for s in statuses}


def _svc(request: Request) -> Service:
    return request.app.state.service


async def _respond(work: Awaitable[dict[str, Any]]) -> Response:
    """The work's result as JSON, or, when the client left before it ended, the client-closed status
    (nobody reads that answer; the status is what the access log and metrics record)."""
    try:
        return JSONResponse(await work)
    except ClientGone:
        return Response(status_code=CLIENT_CLOSED)


def _work_route(router: APIRouter, path: str, summary: str, response_model: type, **kwargs: Any) -> Callable:
    """A POST work route: its 200 model and the error statuses every work route can answer."""
    return router.post(path, summary=summary, responses={200: {"model": response_model},
                                                         **_errors(401, 413, 422, 503, 504)}, **kwargs)


def build_v1_router() -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["v1"])

    work = partial(_work_route, router)

    @work("/briefs", "Guarded briefs (zh, zh-Hant, en) with metric highlights", BriefResponse,
          response_description="As `pressbrief summarize --json`")
    async def briefs(body: BriefRequest, request: Request) -> Response:
        svc = _svc(request)
        text = svc.check_text(body.text)
        svc.check_model(body.model)
        args = SummarizeArgs(
            text=text,
            langs=tuple(dict.fromkeys(body.langs)) if body.langs else ALL_LANGS,
            max_highlights=svc.check_highlights(body.max_highlights),
            traditional_variant=body.traditional_variant,
            en_path=body.en_path,
            zh_path=body.zh_path,
        )
        key = ("summarize", args.langs, args.max_highlights, args.traditional_variant, args.en_path, args.zh_path)
        return await _respond(svc.generate(request, "briefs", partial(svc.engine.summarize, args), payload=args,
                                           batch_key=key))

    @work("/translate", "Guarded zh→en translation, sentence by sentence", TranslateResponse)
    async def translate(body: TranslateRequest, request: Request) -> Response:
        svc = _svc(request)
        text = svc.check_text(body.text)
        return await _respond(svc.generate(request, "translate", partial(svc.engine.translate, text)))

    @work("/extract", "The numeric core: sections, mentions and metrics (no model; never queued behind generation)",
          ExtractResponse)
    async def extract(body: TextRequest, request: Request) -> Response:
        svc = _svc(request)
        text = svc.check_text(body.text)
        return await _respond(svc.run_cpu(request, svc.engine.extract, text))

    @work("/evaluate", "The harness's verdicts for a brief written by anyone (no model)", EvaluateResponse)
    async def evaluate(body: EvaluateRequest, request: Request) -> Response:
        svc = _svc(request)
        text = svc.check_text(body.text)
        names = ("summary_en", "summary_zh", "summary_zh_hant")
        if all(getattr(body, name) is None for name in names):
            raise InvalidRequest("summary_en, summary_zh: give at least one brief to evaluate")
        for name in names:
            value = getattr(body, name)
            if value is not None:
                svc.check_text(value, name, need_chinese=False)
        return await _respond(
            svc.run_cpu(request, svc.engine.evaluate, text, body.summary_en, body.summary_zh, body.summary_zh_hant)
        )

    return router


def build_probe_router() -> APIRouter:
    router = APIRouter(tags=["probes"])

    @router.get("/healthz", summary="The process is up", response_model=Health)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="The model is loaded and jobs can run (503 with the reason: model loading or failed, a job worker "
                "stopped, the job store cannot be written)",
        response_model=Ready,
        responses={503: {"model": ErrorBody}},
    )
    async def readyz(request: Request) -> dict[str, Any]:
        svc = _svc(request)
        svc.require_ready()
        await asyncio.to_thread(svc.require_jobs)
        return {"status": "ready", "model": svc.engine.model_name, "load_s": svc.model.load_s}

    @router.get(
        "/metrics",
        summary="Prometheus metrics",
        response_class=PlainTextResponse,
        responses={200: {"content": {"text/plain": {}}}},
    )
    async def metrics(request: Request) -> PlainTextResponse:
        return PlainTextResponse(_svc(request).metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")

    return router
