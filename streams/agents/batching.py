"""Taking a stream in batches while keeping Faust's table writes on the right partition.

Faust sends a table write to the changelog partition of the *current event*
(``Table.partition_for_key`` reads the ``faust.streams.current_event()`` context
variable). Inside a ``take_events`` loop no event is current in the agent's task (the
stream fills the batch from a task of its own), and a batch mixes partitions anyway. So
before writing a key the agent makes an event of that key current (same key, same
partition: the topics are co-partitioned with the tables).

Reads need it too. With an event current, Faust's RocksDB store looks a key up in that
event's partition only. After a write for another partition, a read of this key finds
nothing, and the event's state would start again empty. So the agent sets the event
before it reads a key, and again before it writes the key.

Only the agent task's context variable is set, never ``Stream.current_event``: the
stream's buffering task reads that attribute to record which event each buffered value
came from, and changing it under the buffer would swap one message for another.
"""

from __future__ import annotations

import weakref
from typing import Any

from faust import streams as faust_streams


def set_current_event(event: Any) -> None:
    """Make ``event`` current in this task (what table writes are partitioned by)."""
    # Faust has no public setter for the current event (module docstring)
    faust_streams._current_event.set(weakref.ref(event))  # noqa: SLF001
