"""One module per ``raqib`` command; each has ``register(subparsers)`` and a ``run`` function.

``COMMANDS`` lists them in the order ``raqib --help`` shows them.
"""

COMMANDS = (
    "run",
    "replay",
    "extract",
    "poll",
    "watch",
    "silence",
    "worker",
    "broker",
    "bench",
)
