"""Do independent views agree? Per-view distances of every edited copy to every original.

Issue 5, large text on plain lists: a painted-out copy's best view can stay 32-40 bits
from its original, just past the strict 31. An idea to test is agreement at a looser
radius: the same listed entry nearest to two or more views of one copy, each within R.
This measures it honestly before any rule is built on it.

`hash` makes, for every photo of a set and every edit of bench/robust_transforms.py, the
copy exactly as bench/robustness.py does (same seed), hashes it with every robust view
(`hash_bytes(dihedral=True, views=ViewSettings())`) and stores each upright hash (the
plain one first, then the views, with how each was made) in a JSON cache, beside the
reference PDQ (`pdqhash`) of every original.

`analyse` reads one or more caches and treats every original of every cache as a listed
entry: a copy against its own original is a member pair; a copy against any other
original is an unrelated pair (the false-match pool: far more pairs than the benchmark's
listed half, the same kind of pictures). For each pair it takes each view's distance and
reports the best view's distance and the k-th best over *agreeing* views (k views within
R of the same entry), for several groupings of views:

  any        every upright view (the plain hash counts as one)
  text       the views with lettering painted out (`overlaid text ...`), either decode
  decodes    one text view of each decode (reduced and `finer decode`): the largest of the
             two decodes' best distances, so both must be within R

    .venv/bin/python bench/robust_consensus.py hash DIR [--glob G] --out FILE [--workers 2]
    .venv/bin/python bench/robust_consensus.py analyse FILE [FILE ...] [--member-edit E]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust.views import ViewSettings

SEED = 5
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"}
FINER = ", finer decode"


def _hex_bits(hex_hash: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(hex_hash), np.uint8))


def _one(task: tuple[str, tuple[str, ...]]) -> dict[str, object]:
    """Reference PDQ of one original and the upright hashes of each of its edited copies."""
    path_name, wanted = task
    path = Path(path_name)
    with Image.open(path) as opened:
        original = opened.convert("RGB")
    vector, _quality = pdqhash.compute(np.asarray(original))
    reference = np.packbits(np.asarray(vector, np.uint8)).tobytes().hex()
    copies = []
    for _group, name, edit in edits():
        if name not in wanted:
            continue
        copy = edit(original, seeded(path.name, name, SEED))
        hashed = hash_bytes(copy, "q", dihedral=True, views=ViewSettings())
        rows = [("plain", hashed.pdq[0].hex)] if hashed.pdq else []
        rows += [(how, pdq.hex) for how, pdq in hashed.views]
        copies.append({"edit": name, "rows": rows})
    return {"name": path.name, "reference": reference, "copies": copies}


def _photos(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.suffix.lower() in IMAGE_SUFFIXES)


def hash_set(folder: Path, pattern: str, out: Path, workers: int, names: Sequence[str]) -> None:
    files = _photos(folder, pattern)
    random.Random(SEED).shuffle(files)  # the benchmark's order: its first half is listed
    listed = set(range(len(files) // 2))
    wanted = tuple(names or [name for _g, name, _e in edits()])
    with Pool(max(1, workers)) as pool:
        found = pool.map(_one, [(str(p), wanted) for p in files], chunksize=1)
    for number, photo in enumerate(found):
        photo["listed"] = number in listed
    out.write_text(json.dumps({"folder": str(folder), "glob": pattern, "photos": found}))


def _words(hexes: Sequence[str]) -> np.ndarray:
    return np.frombuffer(b"".join(bytes.fromhex(h) for h in hexes), np.uint8).reshape(-1, 32)


_POP = np.array([bin(i).count("1") for i in range(256)], np.uint8)


def _distances(queries: np.ndarray, entries: np.ndarray) -> np.ndarray:
    """Hamming distance of every query row to every entry row (queries x entries)."""
    xor = queries[:, None, :] ^ entries[None, :, :]
    return _POP[xor].sum(axis=2, dtype=np.int32)


def _group(how: str, group: str) -> int | None:
    """Which vote a view casts in a grouping: None when it does not vote, else its class
    (views of one class are not independent of each other: only the best of a class counts
    in `decodes`)."""
    if group == "any":
        return 0
    if not how.startswith("overlaid text"):
        return None
    if group == "text":
        return 0
    return 1 if how.endswith(FINER) else 0


def _kth(distances: np.ndarray, classes: list[int], group: str, k: int) -> np.ndarray:
    """Per entry, the distance within which k agreeing votes lie (a large value if fewer)."""
    if not classes:
        return np.full(distances.shape[1], 999, np.int32)
    if group == "decodes":
        per_class = []
        for value in sorted(set(classes)):
            rows = [i for i, c in enumerate(classes) if c == value]
            per_class.append(distances[rows].min(axis=0))
        if len(per_class) < k:
            return np.full(distances.shape[1], 999, np.int32)
        return np.sort(np.stack(per_class), axis=0)[k - 1]
    if len(classes) < k:
        return np.full(distances.shape[1], 999, np.int32)
    return np.sort(distances, axis=0)[k - 1]


def analyse(caches: Sequence[Path], member_edit: str | None, radii: Sequence[int]) -> None:
    photos = [p for cache in caches for p in json.loads(cache.read_text())["photos"]]
    entries = _words([p["reference"] for p in photos])
    groups = ("any", "text", "decodes")
    ks = (1, 2, 3)
    # closest unrelated pair per (group, k), and counts of unrelated pairs within each radius
    closest: dict[tuple[str, int], tuple[int, str]] = {}
    within: dict[tuple[str, int, int], int] = {}
    copies_within: dict[tuple[str, int, int], int] = {}
    pairs = 0
    copies = 0
    members: dict[tuple[str, int], list[int]] = {}
    member_rows: list[str] = []
    for own, photo in enumerate(photos):
        for copy in photo["copies"]:
            rows = copy["rows"]
            if not rows:
                continue
            hows = [how for how, _hex in rows]
            dist = _distances(_words([h for _how, h in rows]), entries)
            others = np.ones(len(photos), bool)
            others[own] = False
            pairs += int(others.sum())
            copies += 1
            for group in groups:
                voting = [
                    (i, c) for i, how in enumerate(hows) if (c := _group(how, group)) is not None
                ]
                index = [i for i, _c in voting]
                classes = [c for _i, c in voting]
                sub = dist[index] if index else dist[:0]
                for k in ks:
                    kth = _kth(sub, classes, group, k)
                    unrelated = kth[others]
                    best = int(unrelated.min())
                    if (group, k) not in closest or best < closest[(group, k)][0]:
                        where = int(np.flatnonzero(others)[int(unrelated.argmin())])
                        closest[(group, k)] = (
                            best,
                            f"{photo['name']} {copy['edit']} ~ {photos[where]['name']}",
                        )
                    for radius in radii:
                        hit = int((unrelated <= radius).sum())
                        within[(group, k, radius)] = within.get((group, k, radius), 0) + hit
                        copies_within[(group, k, radius)] = copies_within.get(
                            (group, k, radius), 0
                        ) + int(hit > 0)
                    if member_edit and copy["edit"] == member_edit:
                        members.setdefault((group, k), []).append(int(kth[own]))
            if member_edit and copy["edit"] == member_edit:
                own_d = dist[:, own]
                text = sorted(
                    (int(d), how)
                    for d, how in zip(own_d.tolist(), hows, strict=True)
                    if how.startswith("overlaid text")
                )
                mark = " (bench-listed)" if photo.get("listed") else ""
                views = ", ".join(f"{d} ({h.replace('overlaid text ', '')})" for d, h in text[:6])
                member_rows.append(f"{photo['name']}{mark}: best {int(own_d.min())}; text {views}")
    print(f"{len(photos)} originals as entries; {copies} copies; {pairs:,} unrelated pairs")
    print("\nClosest unrelated pair (the k-th best agreeing vote's distance):")
    for group in groups:
        for k in ks:
            best, what = closest[(group, k)]
            print(f"  {group:8s} k={k}: {best:3d}  ({what})")
    print("\nUnrelated pairs (copies with any) within R:")
    header = "  group    k " + "".join(f"{r:>14d}" for r in radii)
    print(header)
    for group in groups:
        for k in ks:
            cells = "".join(
                f"{within[(group, k, r)]:>8d} ({copies_within[(group, k, r)]:>3d})" for r in radii
            )
            print(f"  {group:8s} {k} {cells}")
    if member_edit:
        print(f"\nListed copies of {member_edit!r} ({len(member_rows)}): own entry within R")
        print(header)
        for group in groups:
            for k in ks:
                values = np.asarray(members.get((group, k), [999]))
                cells = "".join(f"{int((values <= r).sum()):>14d}" for r in radii)
                print(f"  {group:8s} {k} {cells}")
        lost = [line for line in member_rows if int(line.split(": best ")[1].split(";")[0]) > 31]
        print("\nListed copies whose best view is past 31:")
        for line in lost:
            print("  " + line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("hash")
    make.add_argument("folder", type=Path)
    make.add_argument("--glob", default="*")
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--workers", type=int, default=2)
    make.add_argument("--edits", nargs="*", default=())
    read = sub.add_parser("analyse")
    read.add_argument("caches", type=Path, nargs="+")
    read.add_argument("--member-edit", default="text large")
    read.add_argument("--radii", type=int, nargs="*", default=(31, 34, 36, 40, 44, 48, 52))
    tail = sub.add_parser("tails")
    tail.add_argument("caches", type=Path, nargs="+")
    tail.add_argument("--points", type=int, nargs="*", default=(40, 50, 60, 70, 80, 90, 100))
    args = parser.parse_args(argv)
    if args.command == "tails":
        tails(args.caches, args.points)
    elif args.command == "hash":
        hash_set(args.folder, args.glob, args.out, args.workers, args.edits)
    else:
        analyse(args.caches, args.member_edit, args.radii)
    return 0


def tails(caches: Sequence[Path], points: Sequence[int]) -> None:
    """The lower tail of unrelated pairs' distances, on copies with both decodes' text views:
    share of pairs within d for one view (the best of all, or of the text views) and for
    the two decodes agreeing (both within d); and how the decodes' distances go together."""
    photos = [p for cache in caches for p in json.loads(cache.read_text())["photos"]]
    entries = _words([p["reference"] for p in photos])
    best_any, best_text, agree, reduced, finer = [], [], [], [], []
    for own, photo in enumerate(photos):
        for copy in photo["copies"]:
            hows = [how for how, _hex in copy["rows"]]
            classes = [_group(how, "decodes") for how in hows]
            if 0 not in classes or 1 not in classes:
                continue
            dist = _distances(_words([h for _how, h in copy["rows"]]), entries)
            dist = np.delete(dist, own, axis=1)
            red = dist[[i for i, c in enumerate(classes) if c == 0]].min(axis=0)
            fin = dist[[i for i, c in enumerate(classes) if c == 1]].min(axis=0)
            best_any.append(dist.min(axis=0))
            best_text.append(np.minimum(red, fin))
            agree.append(np.maximum(red, fin))
            reduced.append(red)
            finer.append(fin)
    cols = {
        "best of all views": np.concatenate(best_any),
        "best text view": np.concatenate(best_text),
        "both decodes": np.concatenate(agree),
    }
    n = len(cols["both decodes"])
    print(f"{n:,} unrelated pairs of copies with text views at both decodes")
    print("  share within d:  " + "".join(f"{d:>10d}" for d in points))
    for name, values in cols.items():
        print(f"  {name:17s}" + "".join(f"{np.mean(values <= d):>10.2e}" for d in points))
        print(f"  {'':17s}  mean {values.mean():.1f}, sd {values.std():.1f}, min {values.min()}")
    red, fin = np.concatenate(reduced), np.concatenate(finer)
    print(
        f"  reduced vs finer decode: correlation {np.corrcoef(red, fin)[0, 1]:.3f}, "
        f"mean |difference| {np.abs(red - fin).mean():.1f} bits"
    )
    low = red <= np.quantile(red, 0.001)
    print(
        f"  pairs in the reduced decode's closest 0.1%: finer decode's distance "
        f"median {np.median(fin[low]):.0f} vs reduced {np.median(red[low]):.0f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
