"""Names of a package loaded when first used (PEP 562), so that importing the package for its
light parts does not load the heavy ones (tantivy, SQLAlchemy) on the thread that asked."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``where`` maps each lazy name to the submodule that
    defines it (relative: ``".index"``); a name, once loaded, stays in the package."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
