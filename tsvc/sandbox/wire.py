"""Messages between the suite and a worker process: a JSON header plus numpy arrays.

No pickle crosses the boundary: the worker runs untrusted code, so what it
sends back is parsed as JSON and `.npy` data only (allow_pickle=False).
"""
from __future__ import annotations

import io
import json
import struct
from typing import Any, BinaryIO

import numpy as np

_LEN = struct.Struct("<Q")


class WireError(EOFError):
    """The other side closed the channel or sent something malformed."""


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise WireError("channel closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def send(stream: BinaryIO, header: dict[str, Any], arrays: dict[str, np.ndarray] | None = None) -> None:
    arrays = arrays or {}
    blobs = []
    for name, arr in arrays.items():
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
        blobs.append((name, buf.getvalue()))
    head = json.dumps({**header, "_arrays": [name for name, _ in blobs]}).encode()
    stream.write(_LEN.pack(len(head)) + head)
    for _, blob in blobs:
        stream.write(_LEN.pack(len(blob)) + blob)
    stream.flush()


def receive(stream: BinaryIO, max_bytes: int = 1 << 34) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    def frame() -> bytes:
        (n,) = _LEN.unpack(_read_exact(stream, _LEN.size))
        if n > max_bytes:
            raise WireError(f"frame of {n} bytes is too large")
        return _read_exact(stream, n)

    try:
        header = json.loads(frame())
        names = header.pop("_arrays")
        arrays = {str(name): np.load(io.BytesIO(frame()), allow_pickle=False) for name in names}
    except (ValueError, KeyError, TypeError) as exc:
        raise WireError(f"malformed message: {exc}") from exc
    return header, arrays
