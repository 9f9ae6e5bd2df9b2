"""Where a profiled worker's time went, by layer: ours (Arabic analysis, events, glue) or
Faust's, the Kafka client's, the event loop's, JSON's.

When the pipeline runs far below the raw passthrough rate, the question is whether Faust
or our own code is the limit. A list of the top functions does not answer it; the same
profile summed by package does. Time spent inside
C functions (``re``, ``str.translate``, a socket's ``send``) is charged to the layer
that called them, in proportion to what each caller spent there. Waiting in ``epoll``
(or ``time.sleep``) is idle time, shown apart from the busy time the shares are of.
"""

from __future__ import annotations

import pstats
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

IDLE = "waiting for I/O (epoll)"
OTHER = "other"

# (layer, substrings of a source path); the first layer whose substring matches wins,
# so the more specific paths come first.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Arabic text and claim extraction (streams/core/text, core/extract, camel_tools)",
        ("/streams/core/text/", "/streams/core/extract/", "/camel_tools/"),
    ),
    ("event signature, resolution, contradictions (rest of streams/core)", ("/streams/core/",)),
    ("raqib agents, records, sinks (rest of streams/)", ("/streams/", "/connectors/")),
    ("Faust and mode", ("/faust/", "/mode/")),
    ("Kafka client (aiokafka)", ("/aiokafka/", "/kafka/")),
    ("JSON encoding and decoding", ("/json/",)),
    ("logging", ("/logging/", "/colorlog/")),
    ("asyncio event loop", ("/asyncio/", "/selectors.py")),
    ("metrics (prometheus_client)", ("/prometheus_client/",)),
    ("web server (aiohttp)", ("/aiohttp/", "/yarl/", "/multidict/")),
)
# C functions named after their own layer, whoever calls them
BUILTIN_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (IDLE, ("select.epoll", "time.sleep")),
    ("table store (RocksDB)", ("rocksdict", "Rdict")),
)

Func = tuple[str, int, str]


@dataclass(frozen=True)
class Layer:
    """A layer of the worker's code and its share of the busy time."""

    name: str
    seconds: float
    share: float  # of the busy (non-idle) time


def layer_of_path(path: str) -> str:
    """The layer a source file belongs to (the first of :data:`LAYERS` that matches)."""
    path = path.replace("\\", "/")
    for name, parts in LAYERS:
        if any(p in path for p in parts):
            return name
    return OTHER


def _is_builtin(func: Func) -> bool:
    return func[0] == "~"


def _layer_of_builtin(name: str) -> str | None:
    for layer, parts in BUILTIN_LAYERS:
        if any(p in name for p in parts):
            return layer
    return None


def time_by_layer(stats: pstats.Stats) -> tuple[list[Layer], float]:
    """Busy seconds per layer, most first, and the idle seconds."""
    raw = stats.stats  # type: ignore[attr-defined]  # {func: (cc, nc, tt, ct, callers)}
    seconds: defaultdict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, callers) in raw.items():
        if not _is_builtin(func):
            seconds[layer_of_path(func[0])] += tt
            continue
        named = _layer_of_builtin(func[2])
        if named is not None or not callers:
            seconds[named or OTHER] += tt
            continue
        # charge the C function to its callers' layers, by what each spent in it
        spent = {caller: entry[2] for caller, entry in callers.items()}
        total = sum(spent.values())
        for caller, t in spent.items():
            layer = OTHER if _is_builtin(caller) else layer_of_path(caller[0])
            seconds[layer] += tt * (t / total if total else 1 / len(spent))
    idle = seconds.pop(IDLE, 0.0)
    busy = sum(seconds.values()) or 1.0
    layers = [Layer(name, s, s / busy) for name, s in seconds.items() if s > 0]
    layers.sort(key=lambda layer: -layer.seconds)
    return layers, idle


def layer_table(path: Path) -> str:
    """The table ``raqib bench --profile`` prints under the top functions."""
    layers, idle = time_by_layer(pstats.Stats(str(path)))
    busy = sum(layer.seconds for layer in layers)
    lines = [f"where the profiled worker's busy time went ({busy:.1f} s busy, {idle:.1f} s idle):"]
    lines += [f"  {layer.share:6.1%}  {layer.seconds:7.2f} s  {layer.name}" for layer in layers]
    return "\n".join(lines)
