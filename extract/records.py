"""``record``: the dataclass decorator for the value records every stage passes on.

A record (a Location, a Quantity, a RawFigure, a Finding …) is never changed after it is built:
it is compared and hashed by its fields, kept in sets and caches, and shared between reports.
``@dataclass(frozen=True, slots=True)`` says so and enforces it, but at a price: a frozen class
refuses ``self.x = …``, so its ``__init__`` stores each field through ``object.__setattr__``,
which makes building a record about four times as slow as building a plain one (1.9 µs against
0.5 µs for a Location). A report builds about 1,100 records, and the guard cost a tenth of a
worker's CPU time.

So the guard is kept where it finds mistakes and dropped where it only costs:

* under the test suite (``JIXIAO_GUARD_RECORDS=1``, set by tests/conftest.py) a record is
  ``frozen=True``: any code that assigns to a record fails a test with FrozenInstanceError;
* in a run it is a plain slotted dataclass with the same ``__eq__`` and the same ``__hash__`` (from
  its fields, ``unsafe_hash=True``), so it behaves alike in every other way.

Pickles differ between the two (a frozen slotted class pickles its state as a list), so
``GUARDED`` is part of the cache fingerprint (``pipeline.tool_fingerprint``): a cache written
under the tests is never read by a run, nor the other way round.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Callable, TypeVar

__all__ = ["GUARDED", "GUARD_VARIABLE", "record"]

GUARD_VARIABLE = "JIXIAO_GUARD_RECORDS"
GUARDED = os.environ.get(GUARD_VARIABLE) == "1"

T = TypeVar("T")


def record(cls: type[T] | None = None, /, **options) -> type[T] | Callable[[type[T]], type[T]]:
    """``@record`` or ``@record(order=True)``: a slotted dataclass that is never changed once built.

    Frozen under the test suite, unguarded in a run (see the module docstring); equal and hashed
    by its fields either way, as ``@dataclass(frozen=True, slots=True)`` is.
    """

    def wrap(target: type[T]) -> type[T]:
        if GUARDED:
            return dataclass(target, frozen=True, slots=True, **options)
        made = dataclass(target, slots=True, unsafe_hash=options.get("eq", True), **options)
        _pickle_as_values(made)
        return made

    return wrap if cls is None else wrap(cls)


def _pickle_as_values(cls: type) -> None:
    """Pickle a record as the tuple of its field values, as a frozen one pickles as their list.

    A plain slotted class pickles by default as a dict from slot name to value: about a third
    slower to write and read, and a run writes every report's records to its cache.
    """
    names = tuple(field.name for field in fields(cls))
    if "__getstate__" in vars(cls) or "__setstate__" in vars(cls):
        return  # the class pickles itself
    values = attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))

    def __getstate__(self) -> tuple:
        return values(self)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(names, state):
            setattr(self, name, value)

    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__
