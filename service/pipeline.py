"""Old import path of the pipeline, kept so that existing code goes on working.

Use ``pressbrief.service.brief.pipeline`` (``summarize``, ``translate``, ``BriefResult`` ...) in new
code. This module *is* that module: importing it here gives the same module object, so monkeypatching
and ``isinstance`` checks behave exactly as on the new path.
"""

import sys

from .brief import pipeline as _pipeline

sys.modules[__name__] = _pipeline
