"""Errors that reach a user: a message and an exit code (CLI) or HTTP status (API)."""

from __future__ import annotations


class PressbriefError(Exception):
    """A failure with a message fit to show a user; never a traceback."""

    exit_code = 1
    http_status = 400
    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(PressbriefError):
    """The input text or file is unusable (empty, binary, not UTF-8, too long ...)."""

    exit_code = 2
    http_status = 422
    code = "invalid_input"


class InputTooLarge(InputError):
    http_status = 413
    code = "input_too_large"


class ModelError(PressbriefError):
    """A model is missing, corrupt or cannot be loaded."""

    exit_code = 3
    http_status = 503
    code = "model_unavailable"


class ModelServerError(ModelError):
    """The OpenAI-compatible model server failed a request after its retries (5xx, 429, timeout, refused)."""

    exit_code = 3
    http_status = 502
    code = "model_server_error"


class OutputError(PressbriefError):
    """An output file or folder cannot be written (no such folder, not a file, not writable, a full disk)."""

    exit_code = 1
    code = "output_error"


def os_reason(exc: OSError) -> str:
    """An OSError as a user reads it: 'No space left on device', not '[Errno 28] ...'."""
    return exc.strerror or type(exc).__name__
