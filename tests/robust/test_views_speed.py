"""The fast helpers of jaga.robust.views give what the slower code they replaced gave."""

from __future__ import annotations

import numpy as np

from jaga.robust.views import _line_fit, _main_run, _median_of, _ring_colours


def _main_run_loop(profile: np.ndarray, length: int) -> tuple[int, int]:
    """The former loop: [start, end) of the heaviest run of strong entries."""
    strong = profile >= max(1.0, 0.25 * float(profile.max()))
    gap = max(2, length // 32)
    best, best_mass = (0, 0), -1.0
    start: int | None = None
    last = -gap - 1
    mass = 0.0
    for index in range(length + 1):
        if index < length and strong[index]:
            if start is None or index - last > gap:
                if start is not None and mass > best_mass:
                    best, best_mass = (start, last + 1), mass
                start, mass = index, 0.0
            mass += float(profile[index])
            last = index
    if start is not None and mass > best_mass:
        best = (start, last + 1)
    return best


def _ring_colours_masked(ring: np.ndarray, min_share: float) -> list[float]:
    """The former way: each bin's median from a masked copy."""
    bins = np.clip((ring // 8).astype(np.int64), 0, 31)
    counts = np.bincount(bins, minlength=32)
    colours: list[float] = []
    for peak in np.argsort(counts)[::-1][:3]:
        centre = float(np.median(ring[bins == peak])) if counts[peak] else 0.0
        near = np.abs(ring - centre) <= 12.0
        if near.mean() >= min_share and all(abs(centre - c) > 12.0 for c in colours):
            colours.append(centre)
    return colours


def test_median_of_is_numpys_median() -> None:
    rng = np.random.default_rng(1)
    for size in range(1, 60):
        for dtype in (np.float32, np.float64):
            values = np.round(rng.normal(0.0, 2.0, size), 1).astype(dtype)
            assert _median_of(values) == float(np.median(values))


def test_line_fit_agrees_with_polyfit() -> None:
    rng = np.random.default_rng(2)
    xs = np.flatnonzero(rng.random(200) > 0.3)
    ys = np.round(0.07 * xs + 4.0 + rng.normal(0.0, 0.4, xs.size))
    slope, offset = _line_fit(xs, ys)
    expected = np.polyfit(xs, ys, 1)
    assert abs(slope - expected[0]) < 1e-12 and abs(offset - expected[1]) < 1e-9


def test_main_run_is_the_former_loop() -> None:
    rng = np.random.default_rng(3)
    for trial in range(400):
        length = int(rng.integers(1, 200))
        profile = (rng.random(length) < rng.random()) * rng.integers(0, 40, length)
        if trial % 3 == 0:
            profile = np.repeat(rng.integers(0, 5, length // 8 + 1), 8)[:length]
        profile = profile.astype(np.int64)
        assert _main_run(profile, length) == _main_run_loop(profile, length)


def test_ring_colours_are_the_masked_medians() -> None:
    rng = np.random.default_rng(4)
    for trial in range(400):
        size = int(rng.integers(4, 800))
        if trial % 2:
            ring = (rng.integers(0, 256, size) + rng.choice([0.0, 0.25, 0.5], size)).astype(
                np.float32
            )
        else:
            flat = np.full(size // 2, rng.uniform(0, 255))
            ring = np.concatenate((flat, rng.normal(rng.uniform(0, 255), 6.0, size - size // 2)))
            ring = ring.astype(np.float32)
        for share in (0.25, 0.5):
            assert _ring_colours(ring, share) == _ring_colours_masked(ring, share)
