"""A small process-local cache of case views, least recently used first out.

The key says everything a view depends on: the case (its database key), ``Case.revision`` (grown by every
committed write, so a view computed for one revision is never shown for the next), the day, the reference
data's identity, and whatever else the caller puts in. A hit returns the same view object, with everything it
computed already: the warm dashboard costs a lookup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    """``get(key, make)``: the cached value for ``key``, or ``make()``'s, kept (at most ``size`` values)."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        value = make()  # outside the lock: building a view may take a while
        with self._lock:
            self.misses += 1
            if self.size > 0:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)
