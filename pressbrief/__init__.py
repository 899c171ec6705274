"""pressbrief: guarded briefs of Chinese press releases.

The code lives in the repository's top-level folders (service/, models/, prompts/,
eval/), installed as subpackages of this namespace.
"""

from pathlib import Path as _Path

__version__ = "0.1.0"

# Run from a checkout (``python -m pytest`` in the repository root), this folder shadows the
# installed package, and its subpackages are the repository's top-level folders: look there too,
# so a plain (non-editable) install and a checkout behave the same.
_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "service" / "__init__.py").is_file() and (_checkout / "pyproject.toml").is_file():
    __path__.append(str(_checkout))  # noqa: F821 - a package's __path__
