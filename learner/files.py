"""Files the set-up writes whole or not at all, and the small JSON records it reads."""

import json
import os
from pathlib import Path


def write_atomically(path, text):
    """Write ``text`` to ``path`` through a temporary file: Ctrl+C never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_record(path):
    """The JSON object in the file at ``path``; None if it is missing, unreadable or not one."""
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None
