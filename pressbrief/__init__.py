"""pressbrief: guarded briefs of Chinese press releases.

The code lives in the repository's top-level folders (service/, models/, prompts/,
eval/), installed as subpackages of this namespace.
"""

__version__ = "0.1.0"
