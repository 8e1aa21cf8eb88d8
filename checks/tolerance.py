"""Tolerances taken from the report's own precision.

A report that writes 61.9% claims only that the rate rounds to 61.9, i.e. lies within ±0.05; one
that writes 93% claims ±0.5. A sum of amounts written to 0.01万元 may be off by half a cent per
part. Every rule that compares a stated number with one it computes uses these, so that a correctly
rounded figure is never flagged.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

# Half a unit in the last written decimal place: the rounding a written number allows.
HALF = Decimal("0.5")
# Computed rates are shown to this many decimals in messages (61.89%).
RATE_DISPLAY = Decimal("0.01")
# The ratio between a stated and a computed amount that betrays a 元/万元 slip.
UNIT_SLIP_FACTOR = Decimal(10000)


def decimals_of(raw: str) -> int:
    """Decimal places written in a raw number (“61.92%” → 2, “93%” → 0, “1,234.5万元” → 1)."""
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == ".")
    if "." not in digits:
        return 0
    return len(digits.split(".", 1)[1].rstrip(".").split(".")[0])


@lru_cache(maxsize=4096)
def rounding_of(raw: str) -> Decimal:
    """The ± a written number allows: half a unit in its last decimal place.

    Memoised per worker: every amount a rule reads asks for it, and the raw numbers (“387.27”,
    “93%”) are short strings that recur across a report's rules."""
    return HALF * Decimal(10) ** -decimals_of(raw)


def explain_slip(stated: Decimal, computed: Decimal, exact: bool = False) -> str:
    """A Chinese hint when a mismatch is a unit slip or a decimal shift, else "".

    A value computed from rounded ones is a shift when within SLIP_TOLERANCE of one; with
    ``exact``, for two values as written (736.1万元 and 0.07361万元), only an exact shift counts:
    100 and 1000.82 are two different values, not a decimal slip."""
    if stated == 0 or computed == 0:
        return ""
    ratio = stated / computed
    tolerance = 0 if exact else SLIP_TOLERANCE
    for factor, hint in ((UNIT_SLIP_FACTOR, "相差正好一万倍，疑似元与万元混用"), (Decimal(100), "相差一百倍，疑似小数点错位"),
                         (Decimal(10), "相差十倍，疑似小数点错位")):
        for candidate in (factor, 1 / factor):
            if abs(ratio - candidate) <= candidate * tolerance:
                return hint
    return ""


# How far, as a fraction, a computed value may be from an exact shift and still be called one.
SLIP_TOLERANCE = Decimal("0.001")
