"""`pressbrief serve`: the REST service (FastAPI on uvicorn). The model loads in the background."""

from __future__ import annotations

import argparse

from ..settings import get_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--model", default=None, help="model registry name (default: PRESSBRIEF_MODEL or the default model)"
    )
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"], help="log level"
    )


def run(args: argparse.Namespace) -> int:
    # deferred: fastapi and uvicorn load only to serve
    from ..api import create_app, serving
    from ..api.logs import configure_logging

    settings = get_settings()
    if args.model:
        settings = settings.with_changes(default_model=args.model)
    log_config = configure_logging(args.log_level)
    app = create_app(settings)
    serving.run(app, host=args.host, port=args.port, header_timeout_s=settings.header_timeout_s,
                log_config=log_config)
    return 0
