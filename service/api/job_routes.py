"""/v1/jobs: durable jobs for work that takes minutes (service/jobs), with live progress over SSE."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse
from sse_starlette.sse import EventSourceResponse

from ..errors import PressbriefError
from ..jobs.callbacks import check_callback_url
from ..jobs.store import STATES, TERMINAL
from .errors import shown
from .queues import QueueFull
from .routes import ALL_LANGS, _errors, _svc
from .schemas import BriefJobRequest, ErrorBody, JobList, JobRequest, JobResponse, JobState, TranslateJobRequest

EVENT_POLL_S = 0.25
LAST_EVENT_ID_PATTERN = "^[0-9]{1,15}$"  # an event sequence number; longer is no event of ours (422)


class JobNotFound(PressbriefError):
    http_status = 404
    code = "job_not_found"


class JobFinished(PressbriefError):
    http_status = 409
    code = "job_finished"


def _normalized(svc, body: BriefJobRequest | TranslateJobRequest) -> dict[str, Any]:
    """The request as the job runs it, defaults filled in, so identical work hashes the same."""
    text = svc.check_text(body.text)
    svc.check_model(body.model)
    model = svc.engine.model_name  # the same text on another model is other work
    if isinstance(body, TranslateJobRequest):
        return {"text": text, "model": model}
    return {"text": text, "model": model, "langs": list(dict.fromkeys(body.langs)) if body.langs else list(ALL_LANGS),
            "max_highlights": svc.check_highlights(body.max_highlights),
            "traditional_variant": body.traditional_variant,
            "en_path": body.en_path or svc.settings.en_path, "zh_path": body.zh_path or svc.settings.zh_path}


def _job(svc, job_id: str):
    job = svc.jobs.get(job_id)
    if job is None:
        raise JobNotFound(f"no job {shown(job_id)} (unknown, or purged PRESSBRIEF_JOB_TTL_S after it ended)")
    return job


def build_jobs_router() -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["jobs"])

    @router.post("/jobs", summary="Start a brief or translation job; poll it, stream its events, or get a callback",
                 status_code=202, response_model=JobResponse,
                 responses={200: {"model": JobResponse, "description": "An identical job exists; that job"},
                            **_errors(401, 413, 422, 503)})
    async def submit(body: JobRequest, request: Request) -> JSONResponse:
        svc = _svc(request)
        normalized = _normalized(svc, body)
        callback = None if body.callback_url is None else check_callback_url(body.callback_url,
                                                                             svc.settings.callback_hosts)
        # one short transaction, on the event loop: a thread hop costs more than it (measured under load)
        job, created = svc.jobs.submit(body.kind, normalized, callback, max_queued=svc.settings.max_jobs_queued)
        if job is None:
            svc.metrics.rejected.inc(reason="jobs_queue_full")
            raise QueueFull(f"{svc.settings.max_jobs_queued} jobs are queued (PRESSBRIEF_MAX_JOBS_QUEUED); "
                            "retry later", retry_after=30)
        location = f"/v1/jobs/{job.id}"
        return JSONResponse(job.to_json() | {"existing": not created}, status_code=202 if created else 200,
                            headers={"Location": location})

    @router.get("/jobs", summary="List jobs (newest first), optionally by state", response_model=JobList,
                responses=_errors(401, 422))
    async def list_jobs(request: Request, state: Annotated[JobState | None, Query()] = None,
                        limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
        jobs = await asyncio.to_thread(_svc(request).jobs.list, state, limit)
        return {"jobs": [j.to_json(with_result=False) for j in jobs]}

    @router.get("/jobs/{job_id}", summary="A job's state, progress and, when done, its result",
                response_model=JobResponse,
                responses={404: {"model": ErrorBody, "description": "No such job"}, **_errors(401)})
    async def get_job(job_id: str, request: Request) -> dict[str, Any]:
        return _job(_svc(request), job_id).to_json()

    @router.delete("/jobs/{job_id}", summary="Cancel a job: a queued one at once, a running one at its next token",
                   response_model=JobResponse,
                   responses={404: {"model": ErrorBody, "description": "No such job"},
                              409: {"model": ErrorBody, "description": "The job had already ended"},
                              **_errors(401)})
    async def cancel_job(job_id: str, request: Request) -> dict[str, Any]:
        svc = _svc(request)
        job = _job(svc, job_id)
        if job.state in TERMINAL:
            raise JobFinished(f"job {job_id} already ended ({job.state})")
        return (await asyncio.to_thread(svc.jobs.cancel, job_id)).to_json(with_result=False)

    @router.get("/jobs/{job_id}/events", summary="Server-Sent Events as the job moves (ends with its final state)",
                response_class=EventSourceResponse,
                responses={200: {"content": {"text/event-stream": {}},
                                 "description": "events: queued, running, extracted, prompt, chunk, tokens, guard, "
                                                "done | failed | cancelled; `id` is the event's sequence number"},
                           404: {"model": ErrorBody, "description": "No such job"}, **_errors(401)})
    async def job_events(job_id: str, request: Request,
                         last_event_id: Annotated[str, Header(
                             pattern=LAST_EVENT_ID_PATTERN,
                             description="Resume after this event's sequence number (what EventSource sends back "
                                         "on a reconnect)")] = "0") -> EventSourceResponse:
        svc = _svc(request)
        _job(svc, job_id)
        after = int(last_event_id)

        async def stream() -> AsyncIterator[dict[str, Any]]:
            nonlocal after
            while True:
                events = await asyncio.to_thread(svc.jobs.events, job_id, after)
                for seq, type_, data in events:
                    after = seq
                    yield {"event": type_, "id": str(seq), "data": json.dumps(data, ensure_ascii=False)}
                    if type_ in TERMINAL:
                        return
                if not events:
                    job = svc.jobs.get(job_id)
                    if job is None or (job.state in TERMINAL and not svc.jobs.events(job_id, after)):
                        return
                if await request.is_disconnected():
                    return
                await asyncio.sleep(EVENT_POLL_S)

        return EventSourceResponse(stream(), ping=15)

    assert set(STATES) == set(JobState.__args__)  # the schema's states are the store's
    return router
