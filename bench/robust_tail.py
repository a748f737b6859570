"""The false-match tail of robust matching on a large unrelated set, near-duplicates apart.

Issue 5's two-decode agreement (jaga.robust.consensus) accepts a plain entry at 34 bits,
past the strict 31, from a tail measured on 11k-41k unrelated pairs of photos. This looks
at that tail on a larger pool that is rich in near-duplicates: every photo of --images
plus frames sampled from every video of --videos (written under /tmp, never in the repo).

Relatedness. Frames of one video are near-duplicates, and several videos are versions of
one content (chair-*, pattern-*, mdn_flower .mp4/.webm, ...): videos are grouped by name
stem (the part before the first '-' or '.'), then groups whose frames come within
--merge-bits of each other are merged (PDQ check, printed). A pair is RELATED when both
sides are of one group (the same photo, or frames of one content) and UNRELATED
otherwise; false matches are counted over unrelated pairs only, and related pairs'
distances are reported apart (the near-duplicate case).

Product code path. A seeded half of the pictures is listed, twice: a plain list (the
reference `pdqhash` of each, as bench/robustness.py) and a Jaga-built list
(jaga.robust.build.add_original: plain PDQ, stored crops, ORB features), each in its own
SQLite bank with robust matching at its defaults (agreement ON, 34 bits). Every picture,
listed or not, is edited (bench/robust_transforms.py, same seed as bench/robustness.py),
hashed as `jaga scan` hashes (`hash_bytes(dihedral=True, views=matcher.view_settings())`)
and matched with `BankMatcher.match(..., features=...)`. A match to an unrelated entry is
a false match.

Per step, the distance of every (copy, unrelated entry) pair: the best hash of that step
only (plain = the plain hash and its 7 orientations; de-bordered, rotated back, text
painted out, other views = those views and their orientations; crop = every query hash
against the entry's stored crops; agreement = the farther of the two decodes' best
upright text views, as consensus.agreements). Counts at 31-36 bits and a per-million
rate at 31, 32 and 34: observed, and when none is observed the 95% upper bound (3/N)
and a log-linear extrapolation of the lowest observed part of the tail (the lower tail of
a distance distribution falls faster than log-linear, so the extrapolation errs high).

    .venv/bin/python bench/robust_tail.py --images DIR --videos DIR [--fps 2] [--workers 2]
                                          [--out FILE]
    .venv/bin/python bench/robust_tail.py --report FILE
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pdqhash
from PIL import Image
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_consensus import _distances, _words
from robust_transforms import edits, seeded
from robustness import _bits_hex, _photos

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_bytes
from jaga.robust.build import add_original
from jaga.robust.consensus import AGREE_DISTANCE, decode_of
from jaga.robust.local_features import features_of_bytes
from jaga.robust.settings import RobustStore
from jaga.store import create_engine_for

SEED = 5
VIDEO_SUFFIXES = {".mp4", ".webm", ".mov", ".mkv", ".avi"}
DEFAULT_EDITS = (
    "jpeg q95",
    "text caption",
    "text large",
    "logo",
    "mirror",
    "rotate +2°",
    "rotate -2°",
    "rotate +4°",
    "rotate -4°",
    "rotate +8°",
    "rotate -8°",
    "crop 10% centred",
    "crop 10% off-centre",
    "pad 10% black",
    "pad 10% white",
    "pad 10% colour",
    "pad 10% blurred",
    "pad 20% black",
    "pad 20% white",
    "pad 20% colour",
    "pad 20% blurred",
    "pad 50% black",
    "pad 50% blurred",
    "pad 9:16 blurred",
    "pad 9:16 black",
    "screenshot light",
    "screenshot dark",
)
STEPS = ("plain", "de-bordered", "rotated back", "text painted out", "other view", "crop")
ANY = "any hash, plain list"
AGREEMENT = "agreement (2 decodes)"
ALL_STEPS = (*STEPS, ANY, AGREEMENT)
BITS = 257
SHOWN = (31, 32, 33, 34, 35, 36)


@dataclass(frozen=True)
class Picture:
    path: str
    group: str  # related pictures share it: one photo, or every frame of one content


@dataclass
class Tally:
    """Per step, histograms of pair distances (unrelated / related but not the same
    picture), the closest unrelated pair, and the matcher's matches."""

    unrelated: dict[str, np.ndarray] = field(
        default_factory=lambda: {s: np.zeros(BITS, np.int64) for s in ALL_STEPS}
    )
    related: dict[str, np.ndarray] = field(
        default_factory=lambda: {s: np.zeros(BITS, np.int64) for s in ALL_STEPS}
    )
    closest: dict[str, tuple[int, str]] = field(default_factory=dict)
    false_matches: list[str] = field(default_factory=list)
    related_matches: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    own_matches: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    copies: int = 0
    agree_copies: int = 0

    def add(self, other: Tally) -> None:
        for step in ALL_STEPS:
            self.unrelated[step] += other.unrelated[step]
            self.related[step] += other.related[step]
            if step in other.closest and (
                step not in self.closest or other.closest[step][0] < self.closest[step][0]
            ):
                self.closest[step] = other.closest[step]
        self.false_matches += other.false_matches
        for key, value in other.related_matches.items():
            self.related_matches[key] += value
        for key, value in other.own_matches.items():
            self.own_matches[key] += value
        self.copies += other.copies
        self.agree_copies += other.agree_copies


# ---------------------------------------------------------------- the picture set


def sample_frames(videos: Path, out: Path, fps: float) -> list[tuple[Path, str]]:
    """Frames of every video at about `fps` per second, as PNG under `out` (OpenCV)."""
    out.mkdir(parents=True, exist_ok=True)
    frames: list[tuple[Path, str]] = []
    for video in sorted(p for p in videos.iterdir() if p.suffix.lower() in VIDEO_SUFFIXES):
        capture = cv2.VideoCapture(str(video))
        rate = capture.get(cv2.CAP_PROP_FPS) or 30.0
        step = max(1, round(rate / fps))
        number = 0
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            if number % step == 0:
                name = f"{video.name.replace('.', '_')}__f{number:05d}.png"
                target = out / name
                if not target.exists():
                    cv2.imwrite(str(target), frame)
                frames.append((target, video.name))
            number += 1
        capture.release()
    return frames


def _stem(video_name: str) -> str:
    """chair-19-sd-bar.mp4 -> chair; mdn_flower.webm -> mdn_flower."""
    return re.split(r"[-.]", video_name, maxsplit=1)[0]


def _reference(path: Path) -> str:
    with Image.open(path) as opened:
        vector, _quality = pdqhash.compute(np.asarray(opened.convert("RGB")))
    return _bits_hex(vector)


def group_videos(
    frames: list[tuple[Path, str]], references: dict[str, str], merge_bits: int, console: Console
) -> dict[str, str]:
    """Video -> content group: by name stem, then merged where frames of two groups come
    within `merge_bits` (the PDQ check). Prints the closest frames of every two groups."""
    group = {video: _stem(video) for _path, video in frames}
    names = sorted(set(group.values()))
    hashes: dict[str, list[str]] = defaultdict(list)
    for path, video in frames:
        hashes[group[video]].append(references[str(path)])
    words = {g: _words(h) for g, h in hashes.items()}
    parent = {g: g for g in names}

    def root(g: str) -> str:
        while parent[g] != g:
            g = parent[g]
        return g

    table = Table(
        title=f"Video groups by name stem: closest frames of two groups (merged if <= {merge_bits})"
    )
    table.add_column("group")
    table.add_column("videos", justify="right")
    table.add_column("frames", justify="right")
    table.add_column("closest other group (bits)")
    table.add_column("within group: median / max of each frame's nearest other frame")
    for a in names:
        closest = []
        for b in names:
            if a != b:
                d = int(_distances(words[a], words[b]).min())
                closest.append((d, b))
                if d <= merge_bits:
                    parent[root(a)] = root(b)
        inner = _distances(words[a], words[a])
        np.fill_diagonal(inner, 999)
        nearest = inner.min(axis=1) if len(inner) > 1 else np.array([999])
        d, b = min(closest)
        table.add_row(
            a,
            str(sum(1 for v in group.values() if v == a)),
            str(len(hashes[a])),
            f"{b} {d}",
            f"{int(np.median(nearest))} / {int(nearest.max())}",
        )
    console.print(table)
    return {video: f"video:{root(g)}" for video, g in group.items()}


# ---------------------------------------------------------------- banks


def build_banks(folder: Path, listed: list[Picture], references: dict[str, str]) -> None:
    """A plain list (reference PDQ) and a Jaga-built list (add_original) of `listed`."""
    for name in ("plain", "built"):
        engine = create_engine_for(f"sqlite:///{folder}/{name}.db")
        service = BankService(engine)
        service.create_bank(name)
        if name == "plain":
            service.add_entries(
                name,
                [
                    EntryInput("pdq", references[p.path], original_id=Path(p.path).name)
                    for p in listed
                ],
                source="bench",
            )
        else:
            store = RobustStore(engine)
            for picture in listed:
                add_original(service, store, name, Path(picture.path))
        engine.dispose()


_W: dict[str, object] = {}


def _init(folder: str, groups: dict[str, str]) -> None:
    """Per worker: each bank's matcher (robust defaults, agreement on) and, per entry, the
    picture it was made from, its plain hash and its stored crops."""
    for name in ("plain", "built"):
        engine = create_engine_for(f"sqlite:///{folder}/{name}.db")
        service = BankService(engine)
        matcher = BankMatcher(service, [name])
        matcher.warm_up()
        bank_id = service.get_bank(name, with_counts=False).bank_id
        rows = list(service.active_hashes([bank_id]))
        ids = [r[0] for r in rows]
        records = service.entries_by_ids(ids)
        owner = {i: records[i].original_id for i in ids}
        regions = RobustStore(engine).regions([bank_id])
        _W[name] = {
            "matcher": matcher,
            "ids": np.asarray(ids),
            "entries": _words([r[3] for r in rows]),
            "owner": owner,
            "group": np.asarray([groups.get(owner[i], "?" + owner[i]) for i in ids]),
            "region_words": _words([r.value for r in regions]) if regions else None,
            "region_entry": np.asarray([ids.index(r.entry_id) for r in regions]),
            "settings": matcher.view_settings(),
        }
    _W["groups"] = groups


def _step(how: str) -> str:
    if how.startswith("overlaid text"):
        return "text painted out"
    if how.startswith("rotated back"):
        return "rotated back"
    if how.startswith("de-bordered"):
        return "de-bordered"
    return "other view"


def _best_per_entry(dist: np.ndarray, rows: list[int], n: int) -> np.ndarray:
    return dist[rows].min(axis=0) if rows else np.full(n, 999, np.int32)


def _one(task: tuple[str, str, tuple[str, ...]]) -> Tally:
    """Worker: every edit of one picture, matched and measured against both lists."""
    path, group, names = task
    tally = Tally()
    with Image.open(path) as opened:
        original = opened.convert("RGB")
    label = Path(path).name
    for _g, name, edit in edits():
        if name not in names:
            continue
        data = edit(original, seeded(label, name, SEED))
        bank = _W["plain"]
        assert isinstance(bank, dict)
        content = hash_bytes(data, "q", dihedral=True, views=bank["settings"])
        if not content.pdq:
            continue
        tally.copies += 1
        # hashes of the copy, each with its step; upright text views also vote
        rows: list[str] = []
        steps: list[str] = []
        upright_decode: list[str | None] = []
        for how, pdq in [("", content.pdq[0]), *content.views]:
            step = "plain" if how == "" else _step(how)
            for k, value in enumerate((pdq.hex, *pdq.dihedral)):
                rows.append(value)
                steps.append(step)
                upright_decode.append(decode_of(how) if k == 0 else None)
        words = _words(rows)
        if len({d for d in upright_decode if d}) == 2:
            tally.agree_copies += 1
        for bank_name in ("plain", "built"):
            bank = _W[bank_name]
            assert isinstance(bank, dict)
            matcher = bank["matcher"]
            assert isinstance(matcher, BankMatcher)
            result = matcher.match(content, features=lambda d=data: features_of_bytes(d))
            for match in result.matches:
                entry_name = bank["owner"][match.entry_id]
                entry_group = _W["groups"].get(entry_name, "?")  # type: ignore[attr-defined]
                if entry_name == label:
                    tally.own_matches[bank_name] += 1
                elif entry_group == group:
                    tally.related_matches[bank_name] += 1
                else:
                    tally.false_matches.append(
                        f"{bank_name}: {label} {name} ~ {entry_name}: "
                        f"{match.distance} ({match.how})"
                    )
            if bank_name == "built":  # crops: only the built list stores them
                region_words = bank["region_words"]
                n = len(bank["ids"])
                best = np.full(n, 999, np.int32)
                if region_words is not None:
                    d = _distances(words, region_words).min(axis=0)
                    np.minimum.at(best, bank["region_entry"], d)
                per_step = {"crop": best}
            else:
                dist = _distances(words, bank["entries"])
                n = dist.shape[1]
                per_step = {
                    s: _best_per_entry(dist, [i for i, t in enumerate(steps) if t == s], n)
                    for s in STEPS
                    if s != "crop"
                }
                per_step[ANY] = dist.min(axis=0)
                reduced = _best_per_entry(
                    dist, [i for i, d in enumerate(upright_decode) if d == "reduced decode"], n
                )
                finer = _best_per_entry(
                    dist, [i for i, d in enumerate(upright_decode) if d == "finer decode"], n
                )
                per_step[AGREEMENT] = np.maximum(reduced, finer)
            entry_groups = bank["group"]
            own = np.asarray([bank["owner"][i] == label for i in bank["ids"]])
            unrelated = entry_groups != group
            related = (~unrelated) & (~own)
            for step, values in per_step.items():
                values = np.minimum(values, BITS - 1)
                tally.unrelated[step] += np.bincount(values[unrelated], minlength=BITS)
                tally.related[step] += np.bincount(values[related], minlength=BITS)
                if unrelated.any():
                    at = int(np.argmin(np.where(unrelated, values, 999)))
                    best_d = int(values[at])
                    if step not in tally.closest or best_d < tally.closest[step][0]:
                        other = bank["owner"][int(bank["ids"][at])]
                        tally.closest[step] = (best_d, f"{label} {name} ~ {other}")
    return tally


# ---------------------------------------------------------------- report


def _per_million(hist: np.ndarray, d: int) -> tuple[float, str]:
    """Pairs within d per million: observed; else extrapolated from the lowest part of
    the tail (log-linear fit of the cumulative count from 5 pairs to the lowest 0.1%)."""
    total = int(hist.sum())
    cumulative = np.cumsum(hist)
    seen = int(cumulative[d])
    if seen:
        return 1e6 * seen / total, "observed"
    ceiling = max(50, total // 1000)  # the lowest 0.1% of pairs (at least 50)
    usable = [x for x in range(len(cumulative)) if 5 <= cumulative[x] <= ceiling]
    if len(usable) < 3:
        return 3e6 / total, "3/N bound"
    xs = np.asarray(usable, float)
    ys = np.log10(cumulative[usable] / total)
    slope, intercept = np.polyfit(xs, ys, 1)
    return 1e6 * 10 ** (intercept + slope * d), f"extrapolated from {usable[0]}-{usable[-1]}"


def report(tally: Tally, console: Console, pictures: int, listed: int) -> None:
    table = Table(
        title=(
            f"Unrelated (copy, entry) pairs within d bits, per matcher step "
            f"({tally.copies} copies of {pictures} pictures, {listed} listed)"
        )
    )
    table.add_column("step")
    table.add_column("pairs", justify="right")
    for d in SHOWN:
        table.add_column(f"<={d}" if d == SHOWN[0] else f"{d}", justify="right")
    table.add_column("closest (bits)", justify="right")
    table.add_column("per 1M at 34: 95% bound", justify="right")
    for rate in (31, 32, 34):
        table.add_column(f"per 1M at {rate}: extrap.", justify="right")
    notes = []
    for step in ALL_STEPS:
        hist = tally.unrelated[step][: BITS - 1]
        cumulative = np.cumsum(hist)
        valid = int(hist.sum())
        cells = [str(int(cumulative[SHOWN[0]]))] + [str(int(hist[d])) for d in SHOWN[1:]]
        seen = int(cumulative[34])
        bound = (3.0 if seen == 0 else seen) * 1e6 / max(valid, 1)
        rates = []
        for d in (31, 32, 34):
            value, how = _per_million(hist, d)
            rates.append(f"{value:.2g}" + ("" if how == "observed" else "*"))
            if how != "observed" and d == 34:
                notes.append(f"{step}: {how}")
        closest = tally.closest.get(step, (999, ""))
        table.add_row(
            step,
            f"{valid:,}",
            *cells,
            str(closest[0]),
            f"{bound:.2g}" + ("" if seen else " (0 seen)"),
            *rates,
        )
    console.print(table)
    console.print(
        "95% bound: 3/N when no pair is within 34 (the rule of three). * not observed; "
        "extrapolated log-linearly from the lowest part of the tail: " + "; ".join(notes)
    )
    shape = Table(
        title="Where the unrelated tail starts: bits within which the closest n pairs lie"
    )
    shape.add_column("step")
    for n in (1, 10, 100, 1000):
        shape.add_column(f"n={n}", justify="right")
    for share in (1e-6, 1e-5, 1e-4):
        shape.add_column(f"share {share:g}", justify="right")
    for step in ALL_STEPS:
        cumulative = np.cumsum(tally.unrelated[step][: BITS - 1])
        total = max(int(cumulative[-1]), 1)

        def reach(count: float, cumulative: np.ndarray = cumulative) -> str:
            at = int(np.searchsorted(cumulative, count))
            return str(at) if at < BITS - 1 else "-"

        shape.add_row(
            step,
            *(reach(n) for n in (1, 10, 100, 1000)),
            *(reach(max(1.0, share * total)) for share in (1e-6, 1e-5, 1e-4)),
        )
    console.print(shape)
    for step in ALL_STEPS:
        if step in tally.closest:
            bits, pair = tally.closest[step]
            console.print(f"  closest unrelated, {step}: {bits} bits ({pair})")
    near = Table(
        title="Related pairs that are not the same picture (frames of one content): within d bits"
    )
    near.add_column("step")
    near.add_column("pairs", justify="right")
    for d in (*SHOWN, 44, 64):
        near.add_column(f"<={d}", justify="right")
    for step in ALL_STEPS:
        hist = tally.related[step][: BITS - 1]
        cumulative = np.cumsum(hist)
        near.add_row(
            step, f"{int(hist.sum()):,}", *(f"{int(cumulative[d]):,}" for d in (*SHOWN, 44, 64))
        )
    console.print(near)
    console.print(
        f"Matcher (agreement on, {AGREE_DISTANCE} bits; strict 31): false matches "
        f"{len(tally.false_matches)}; matches of a related picture (not itself) "
        f"{dict(tally.related_matches)}; matches of itself {dict(tally.own_matches)}; "
        f"copies with text views at both decodes {tally.agree_copies}"
    )
    for line in tally.false_matches:
        console.print("  FALSE: " + line)


def _to_json(tally: Tally, pictures: int, listed: int) -> dict[str, object]:
    return {
        "pictures": pictures,
        "listed": listed,
        "unrelated": {k: v.tolist() for k, v in tally.unrelated.items()},
        "related": {k: v.tolist() for k, v in tally.related.items()},
        "closest": tally.closest,
        "false_matches": tally.false_matches,
        "related_matches": dict(tally.related_matches),
        "own_matches": dict(tally.own_matches),
        "copies": tally.copies,
        "agree_copies": tally.agree_copies,
    }


def _from_json(saved: dict[str, Any]) -> tuple[Tally, int, int]:
    tally = Tally()
    tally.unrelated = {k: np.asarray(v, np.int64) for k, v in saved["unrelated"].items()}
    tally.related = {k: np.asarray(v, np.int64) for k, v in saved["related"].items()}
    tally.closest = {k: (int(v[0]), str(v[1])) for k, v in saved["closest"].items()}
    tally.false_matches = list(saved["false_matches"])
    tally.related_matches.update(saved["related_matches"])
    tally.own_matches.update(saved["own_matches"])
    tally.copies, tally.agree_copies = saved["copies"], saved["agree_copies"]
    return tally, int(saved["pictures"]), int(saved["listed"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path)
    parser.add_argument("--videos", type=Path)
    parser.add_argument("--fps", type=float, default=2.0)
    parser.add_argument("--frames", type=Path, default=Path("/tmp/jaga-robust-tail-frames"))
    parser.add_argument("--merge-bits", type=int, default=63)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--edits", nargs="*", default=list(DEFAULT_EDITS))
    parser.add_argument("--limit", type=int, default=None, help="only N pictures (a try-out)")
    parser.add_argument("--out", type=Path, default=None, help="save the tallies (JSON)")
    parser.add_argument("--report", type=Path, default=None, help="print saved tallies only")
    args = parser.parse_args(argv)
    console = Console(width=170)
    if args.report:
        tally, pictures, listed = _from_json(json.loads(args.report.read_text()))
        report(tally, console, pictures, listed)
        return 0
    if args.images is None or args.videos is None:
        parser.error("--images and --videos are needed (or --report FILE)")
    started = time.perf_counter()
    frames = sample_frames(args.videos, args.frames, args.fps)
    photos = _photos(args.images)
    references = {str(p): _reference(p) for p in [*photos, *(f for f, _v in frames)]}
    by_video = group_videos(frames, references, args.merge_bits, console)
    pictures = [Picture(str(p), f"photo:{p.name}") for p in photos]
    pictures += [Picture(str(f), by_video[v]) for f, v in frames]
    random.Random(SEED).shuffle(pictures)
    if args.limit:
        pictures = pictures[: args.limit]
    listed = pictures[: len(pictures) // 2]
    groups = {Path(p.path).name: p.group for p in pictures}
    console.print(
        f"{len(photos)} photos + {len(frames)} frames of "
        f"{len({g for g in by_video.values()})} video contents; {len(listed)} listed"
    )
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        build_banks(Path(folder), listed, references)
        names = tuple(args.edits)
        tasks = [(p.path, p.group, names) for p in pictures]
        with Pool(args.workers, initializer=_init, initargs=(folder, groups)) as pool:
            for done, part in enumerate(pool.imap_unordered(_one, tasks, chunksize=2), 1):
                tally.add(part)
                if done % 100 == 0:
                    console.print(f"  {done}/{len(tasks)} pictures", style="dim")
    if args.out:
        args.out.write_text(json.dumps(_to_json(tally, len(pictures), len(listed))))
    report(tally, console, len(pictures), len(listed))
    console.print(f"Run took {time.perf_counter() - started:.0f} s on {args.workers} processes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
