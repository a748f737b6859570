"""Robustness benchmark (issue 5): recall per edit and false matches, plain PDQ vs Jaga.

A seeded half of the photos is "listed": the bank holds the reference PDQ (`pdqhash` on the
fully decoded original) of each. Every photo, listed or not, is then edited in every way of
bench/robust_transforms.py and each copy is a query. A listed photo's copy should match its
own entry (recall, per edit); an unlisted photo's copy must match nothing (false matches,
counted over all of them). All methods search at the strict distance 31 (the bank default).

PDQ quality, as a bank applies it. A photo whose reference PDQ quality is under 50 (a flat
picture: fog, a blank wall, a black frame) is never listed, since a bank with the default
quality floor refuses its hash (HMA and ThreatExchange drop such hashes too); it stays in the
run as an unlisted photo, so its copies still count for false matches, and the report names
it. Jaga's query hashes under the floor (less matcher.QUALITY_TOLERANCE) are dropped as
`BankMatcher` drops their hits; the two baselines keep every hash, as the published ones do.

Methods, same queries, same run:
  plain PDQ        reference pdqhash of the copy, one hash
  PDQ + dihedral   reference pdqhash's 8 orientation hashes of the copy
  Jaga (plain list)      Jaga's PDQ + dihedral + robust views (jaga.robust.views) of the
                         copy, against the plain list (only the reference PDQ per original)
  Jaga (Jaga-built list) the same queries against a list that also holds Jaga's crops of
                         each original (jaga.robust.views.region_views)
  Jaga (built + verified) the same, plus the local-feature stage (jaga.robust.verify): a copy
                         with no hash within 31 of the built list has its hashes searched at
                         the looser distance, and the closest few originals are accepted only
                         on a geometric fit of ORB keypoints. Run in the workers, exactly as
                         the matcher does it, against the listed originals' stored features.

Query cost: time per copy to decode + hash + search, in the worker processes (each method's
hashing timed on the same bytes), and the index search timed in this process. Ratios are
against plain PDQ as Jaga computes it (its fast hash + one search) and against the reference.

    .venv/bin/python bench/robustness.py [--images DIR] [--glob PATTERN] [--limit N | --quick]
                                         [--workers N]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image, ImageDraw
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.detection.matcher import QUALITY_TOLERANCE
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq_hex import bit_vector_to_hex
from jaga.matching.pdq_index import PdqIndex, pack_hex
from jaga.robust import local_features as lf
from jaga.robust.consensus import AGREE_DISTANCE, Agreement, agreements, decode_of
from jaga.robust.verify import Verifier, VerifySettings, query_rows
from jaga.robust.views import ViewSettings, region_views, work_image

REPO = Path(__file__).resolve().parents[1]
DEFAULT_IMAGES = REPO.parent / "shared" / "bench-data" / "images"
THRESHOLD = 31
QUALITY_FLOOR = 50
"""A bank's default PDQ quality floor (jaga.banks.service.BankService.create_bank)."""
MARGIN_RADIUS = 44  # non-member distances are also searched this far, to show the margin
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"}
METHODS = (
    "plain PDQ",
    "PDQ + dihedral",
    "Jaga (plain list)",
    "Jaga (Jaga-built list)",
    "Jaga (built + verified)",
)
VERIFIED = "Jaga (built + verified)"
STRESS_CANDIDATES = 3
"""Unlisted copies are also checked against this many nearest listed originals whatever the
distance, so the check's refusals are tested far more often than the looser search asks."""


@dataclass
class Query:
    image: int
    edit: str
    ref: list[str]  # reference plain hash first, then its 7 dihedral variants
    jaga: list[str]  # Jaga plain + dihedral + every view
    how: list[str]  # how each Jaga hash was made
    low_quality: int = 0  # Jaga hashes dropped under the quality floor, as the matcher does
    seconds: dict[str, float] = field(default_factory=dict)
    verified: list[int] = field(default_factory=list)  # entries the local features accepted
    checked: list[tuple[int, int, int, bool]] = field(default_factory=list)  # entry, dist,
    # inliers, accepted: every candidate the verification stage looked at
    strict_built: bool = False  # some hash within 31 of the built list (no verification)
    stress: tuple[int, int] = (0, 0)  # unlisted copies: (most inliers, accepted) against
    # their STRESS_CANDIDATES nearest listed originals at any distance


@dataclass
class ImageResult:
    image: int
    bank_ref: str
    regions: list[str]
    queries: list[Query]
    features_bytes: int = 0


@dataclass
class BankSide:
    """What a Jaga-built list holds for one listed photo."""

    image: int
    ref: str
    regions: list[str]
    features: bytes


_BUILT: dict[str, object] = {}  # per worker: the built list's strict index and verifier


def _reference_quality(path: str) -> int:
    """The reference PDQ quality of a photo as a bank would be given it."""
    with Image.open(path) as opened:
        return int(pdqhash.compute(np.asarray(opened.convert("RGB")))[1])


def _bank_side(task: tuple[int, str]) -> BankSide:
    """Worker: the reference PDQ, Jaga's crops and ORB features of one listed photo."""
    index, path = task
    data = Path(path).read_bytes()
    with Image.open(path) as opened:
        vectors, _quality = pdqhash.compute(np.asarray(opened.convert("RGB")))
    with open_image(data) as image:
        frame = next(iter_luma_frames(image))
    work = work_image(frame)
    regions = [view.pdq.hex for view in region_views(work)]
    features = lf.pack(lf.extract(work.luma, lf.STORED_FEATURES))
    return BankSide(index, _bits_hex(vectors), regions, features)


def _init_worker(bank: list[BankSide], warm_up_photo: str) -> None:
    """Per worker: the built list (plain + crops) for the strict search, and the verifier
    over the same rows with every original's features (what BankMatcher loads)."""
    ids = np.asarray([b.image for b in bank for _ in range(1 + len(b.regions))], dtype=np.int64)
    hashes = pack_hex(h for b in bank for h in (b.ref, *b.regions))
    features = {b.image: lf.unpack(b.features) for b in bank}
    _BUILT["strict"] = PdqIndex.from_arrays(ids, hashes)
    plain = (np.asarray([b.image for b in bank], dtype=np.int64), pack_hex(b.ref for b in bank))
    _BUILT["verifier"] = Verifier(
        lambda wanted: {i: features[i] for i in wanted if i in features},
        {b.image: 0 for b in bank},
        plain,
        {0: VerifySettings()},
    )
    _BUILT["stress"] = Verifier(
        lambda wanted: {i: features[i] for i in wanted if i in features},
        {b.image: 0 for b in bank},
        plain,
        {0: VerifySettings(distance=256, candidates=STRESS_CANDIDATES)},
    )
    # Load the compiled search kernels now, not inside the first timed query.
    _BUILT["strict"].search_arrays(hashes[:1], THRESHOLD)  # type: ignore[attr-defined]
    _BUILT["verifier"].warm_up()  # type: ignore[attr-defined]
    hash_bytes(b"", "warm-up")
    # Compiled hashing and view kernels (numba) load, or after a code change compile, on
    # their first call: make every one of them here, untimed, for the plain and the robust
    # hash alike. A noise picture reaches only some (no frame, text or tilt to find), and a
    # kernel first met inside a timed query put seconds of compiling into the first run
    # after each change; so every edit of the benchmark is applied to drawn scenes and to
    # one photo of the run (the photos' copies reach argument types the scenes do not).
    for copy in _warm_up_copies(warm_up_photo):
        hash_bytes(copy, "warm-up")
        hash_bytes(copy, "warm-up", dihedral=True, views=ViewSettings())


def _warm_up_copies(photo: str) -> list[bytes]:
    """Every edit of the benchmark applied to `photo` and to a drawn scene at a small and a
    large size: small pictures take the enlarged view, large ones the finer decode."""
    with Image.open(photo) as opened:
        pictures = [opened.convert("RGB")]
    for width, height in ((320, 240), (1024, 768)):
        scene = Image.new("RGB", (width, height), (70, 110, 150))
        pen = ImageDraw.Draw(scene)
        pen.rectangle((width // 16, height // 2, width * 15 // 16, height - 10), fill=(90, 140, 60))
        pen.ellipse(
            (width * 5 // 8, height // 12, width * 7 // 8, height * 5 // 12), fill=(240, 210, 80)
        )
        pen.polygon(
            [(width // 8, height // 2), (width // 3, height // 5), (width // 2, height // 2)],
            fill=(120, 90, 70),
        )
        pictures.append(scene)
    return [
        edit(picture, seeded("warm-up", name, 0))
        for picture in pictures
        for _group, name, edit in edits()
    ]


def _reference_hashes(data: bytes, time_plain: bool) -> tuple[list[str], float | None, float]:
    """Reference PDQ (plain, then dihedral) of a copy, and the time of each way of hashing
    (the plain way only when asked: it is timed on a sample, to keep the run short)."""
    plain_seconds = None
    if time_plain:
        started = time.perf_counter()
        with Image.open(io.BytesIO(data)) as image:
            pixels = np.asarray(image.convert("RGB"))
        pdqhash.compute(pixels)
        plain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with Image.open(io.BytesIO(data)) as image:
        pixels = np.asarray(image.convert("RGB"))
    vectors, _quality = pdqhash.compute_dihedral(pixels)
    dihedral_seconds = time.perf_counter() - started
    hexes = [_bits_hex(v) for v in vectors]
    return hexes, plain_seconds, dihedral_seconds


def _bits_hex(bits: np.ndarray) -> str:
    """pdqhash's bit vector -> the reference hex (ThreatExchange's conversion)."""
    return bit_vector_to_hex(np.asarray(bits, dtype=np.uint8))


def _hash_image(task: tuple[int, str, bool, int, tuple[str, ...]]) -> ImageResult:
    """Worker: the bank side of one photo (if listed) and every edited copy's hashes."""
    index, path, listed, seed, edit_names = task
    # The bank side was computed first (_bank_side) and is the same in every worker.
    with Image.open(path) as opened:
        original = opened.convert("RGB")
    settings = ViewSettings()
    strict = _BUILT["strict"]
    verifier, stress = _BUILT["verifier"], _BUILT["stress"]
    assert isinstance(strict, PdqIndex) and isinstance(verifier, Verifier)
    assert isinstance(stress, Verifier)
    queries = []
    chosen = set(edit_names)
    for number, (_group, name, edit) in enumerate(edits()):
        if name not in chosen:
            continue
        copy = edit(original, seeded(Path(path).name, name, seed))
        ref, ref_plain_s, ref_dihedral_s = _reference_hashes(copy, (number + index) % 4 == 0)
        started = time.perf_counter()
        hash_bytes(copy, "q")
        jaga_plain_s = time.perf_counter() - started
        started = time.perf_counter()
        robust = hash_bytes(copy, "q", dihedral=True, views=settings)
        jaga_robust_s = time.perf_counter() - started
        # The verification stage as the matcher runs it: only when nothing is within 31
        # of the built list; the copy's ORB features (a second decode) only when the
        # looser search found a candidate. Timed as a whole, on top of the robust hashing.
        started = time.perf_counter()
        rows = [*robust.pdq[:1], *(pdq for _how, pdq in robust.views)]
        packed = pack_hex(h for p in rows for h in (p.hex, *p.dihedral))
        strict_hit = bool(len(strict.search_arrays(packed, THRESHOLD)[0]))
        loose = query_rows(rows[0], rows[1:]) if rows else []
        picked = [] if strict_hit else verifier.candidates(loose)
        checked = (
            verifier.examine(loose, lf.unpack(lf.features_of_bytes(copy)), picked) if picked else []
        )
        verify_s = time.perf_counter() - started
        stressed = (0, 0)
        if not listed:  # not timed: a safety margin, not what the product does
            tried = stress.examine(loose, lf.unpack(lf.features_of_bytes(copy)))
            stressed = (
                max((c.verdict.inliers for c in tried), default=0),
                sum(1 for c in tried if c.verdict.accepted),
            )
        jaga: list[str] = []
        how: list[str] = []
        low_quality = 0
        for view_how, pdq in [("plain", p) for p in robust.pdq[:1]] + list(robust.views):
            if pdq.quality < QUALITY_FLOOR - QUALITY_TOLERANCE:
                low_quality += 1 + len(pdq.dihedral)
                continue
            jaga += [pdq.hex, *pdq.dihedral]
            turned = "dihedral" if view_how == "plain" else f"{view_how}, dihedral"
            how += [view_how] + [turned] * len(pdq.dihedral)
        queries.append(
            Query(
                index,
                name,
                ref,
                jaga,
                how,
                low_quality,
                {
                    **({"ref plain": ref_plain_s} if ref_plain_s is not None else {}),
                    "ref dihedral": ref_dihedral_s,
                    "jaga plain": jaga_plain_s,
                    "jaga robust": jaga_robust_s,
                    "strict + verification": verify_s,
                },
                verified=[c.entry_id for c in checked if c.verdict.accepted],
                checked=[
                    (c.entry_id, c.distance, c.verdict.inliers, c.verdict.accepted) for c in checked
                ],
                strict_built=strict_hit,
                stress=stressed,
            )
        )
    return ImageResult(index, "", [], queries)


def _photos(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.suffix.lower() in IMAGE_SUFFIXES)


def run(
    images: Path,
    limit: int | None,
    seed: int,
    workers: int,
    edit_names: Sequence[str] | None,
    pattern: str = "*",
) -> dict[str, object]:
    """Hash everything on `workers` processes, then match; returns every figure."""
    files = _photos(images, pattern)
    random.Random(seed).shuffle(files)
    if limit:
        files = files[:limit]
    if len(files) < 2:
        raise SystemExit(
            f"need at least 2 photos matching {pattern!r} in {images}, found {len(files)}"
        )
    names = tuple(edit_names or [name for _g, name, _e in edits()])
    results: list[ImageResult] = []
    console = Console(stderr=True)
    with Pool(workers) as pool:
        qualities = pool.map(_reference_quality, [str(p) for p in files])
        listable = [i for i, quality in enumerate(qualities) if quality >= QUALITY_FLOOR]
        listed = set(listable[: len(files) // 2])
        tasks = [(i, str(p), i in listed, seed, names) for i, p in enumerate(files)]
        bank = sorted(
            pool.map(_bank_side, [(i, str(files[i])) for i in sorted(listed)]),
            key=lambda b: b.image,
        )
    with (
        Pool(workers, initializer=_init_worker, initargs=(bank, str(files[0]))) as pool,
        Progress(console=console, transient=True) as progress,
    ):
        task = progress.add_task(
            f"Editing and hashing {len(files)} photos x {len(names)} edits", total=len(files)
        )
        for result in pool.imap_unordered(_hash_image, tasks):
            results.append(result)
            progress.advance(task)
    results.sort(key=lambda r: r.image)
    sides = {b.image: b for b in bank}
    for result in results:
        if result.image in sides:
            result.bank_ref = sides[result.image].ref
            result.regions = sides[result.image].regions
            result.features_bytes = len(sides[result.image].features)
    figures = _evaluate(results, listed, names, len(files))
    figures["flat_unlisted"] = [
        (files[i].name, q) for i, q in enumerate(qualities) if q < QUALITY_FLOOR
    ]
    return figures


def _agreed(queries: list[Query], bank: PdqIndex, radius: int) -> dict[int, list[Agreement]]:
    """Per copy, the entries both decodes' text views came within `radius` of, as the
    matcher finds them (jaga.robust.consensus: one search of the voting views, then the
    best view of each decode per entry). Agreement is sought among the plain entries only."""
    rows: list[str] = []
    row_owner: list[int] = []
    row_how: list[str] = []
    for owner, query in enumerate(queries):
        voters = [
            (how, value)
            for how, value in zip(query.how, query.jaga, strict=True)
            if not how.endswith(", dihedral") and decode_of(how) is not None
        ]
        if len({decode_of(how) for how, _value in voters}) < 2:
            continue
        for how, value in voters:
            rows.append(value)
            row_owner.append(owner)
            row_how.append(how)
    if not rows:
        return {}
    q_index, ids, dists = bank.search_arrays(pack_hex(rows), radius)
    hits: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for qi, entry, dist in zip(q_index.tolist(), ids.tolist(), dists.tolist(), strict=True):
        hits[row_owner[qi]].append((row_how[qi], int(entry), int(dist)))
    return {owner: agreements(found, radius) for owner, found in hits.items()}


def _evaluate(
    results: list[ImageResult], listed: set[int], names: Sequence[str], n_photos: int
) -> dict[str, object]:
    bank_ids = np.array([r.image for r in results if r.image in listed], dtype=np.int64)
    bank_hashes = pack_hex(r.bank_ref for r in results if r.image in listed)
    plain_bank = PdqIndex.from_arrays(bank_ids, bank_hashes)
    region_ids = [r.image for r in results for _ in r.regions]
    built_bank = PdqIndex.from_arrays(
        np.concatenate((bank_ids, np.asarray(region_ids, dtype=np.int64))),
        np.concatenate((bank_hashes, pack_hex(h for r in results for h in r.regions))),
    )
    queries = [q for r in results for q in r.queries]
    # Per method: the query rows (hash arrays) and which copy each row belongs to.
    method_rows = {
        "plain PDQ": ([q.ref[0] for q in queries], [i for i, _ in enumerate(queries)]),
        "PDQ + dihedral": (
            [h for q in queries for h in q.ref],
            [i for i, q in enumerate(queries) for _ in q.ref],
        ),
        "Jaga": (
            [h for q in queries for h in q.jaga],
            [i for i, q in enumerate(queries) for _ in q.jaga],
        ),
    }
    row_how = [h for q in queries for h in q.how]
    found: dict[str, dict[int, set[int]]] = {}
    search_seconds: dict[str, float] = {}
    how_found: dict[str, dict[int, str]] = {}
    margin: dict[str, int] = {}
    for method, bank in (
        ("plain PDQ", plain_bank),
        ("PDQ + dihedral", plain_bank),
        ("Jaga (plain list)", plain_bank),
        ("Jaga (Jaga-built list)", built_bank),
    ):
        rows, owners = method_rows["Jaga" if method.startswith("Jaga") else method]
        array = pack_hex(rows)
        started = time.perf_counter()
        q_index, ids, dists = bank.search_arrays(array, THRESHOLD)
        # Both decodes' text views agreeing on a plain entry (jaga.robust.consensus).
        agreed = _agreed(queries, plain_bank, AGREE_DISTANCE) if method.startswith("Jaga") else {}
        search_seconds[method] = (time.perf_counter() - started) / len(queries)
        hits: dict[int, set[int]] = defaultdict(set)
        best: dict[int, tuple[int, str]] = {}
        for qi, entry, dist in zip(q_index.tolist(), ids.tolist(), dists.tolist(), strict=True):
            owner = owners[qi]
            hits[owner].add(entry)
            if method.startswith("Jaga") and entry == queries[owner].image:
                kind = _how_kind(row_how[qi])
                if owner not in best or dist < best[owner][0]:
                    best[owner] = (dist, kind)
        for owner, found_agreed in agreed.items():
            hits[owner] |= {a.entry_id for a in found_agreed}
            own = [a for a in found_agreed if a.entry_id == queries[owner].image]
            if own and owner not in best:
                best[owner] = (own[0].distance, "two decodes agree")
        found[method] = hits
        how_found[method] = {owner: kind for owner, (_d, kind) in best.items()}
        if method == "Jaga (plain list)":
            far = _agreed(queries, plain_bank, MARGIN_RADIUS)
            agree_margin = min(
                (
                    a.distance
                    for owner, found_far in far.items()
                    if queries[owner].image not in listed
                    for a in found_far
                ),
                default=MARGIN_RADIUS + 1,
            )
            agree_examples = sorted(
                (a.distance, queries[owner].edit, a.how())
                for owner, found_agreed in agreed.items()
                if queries[owner].image in listed
                for a in found_agreed
                if a.entry_id == queries[owner].image and best[owner][1] == "two decodes agree"
            )
        if method == "Jaga (Jaga-built list)":
            # The verified column: the built list's strict hits, plus what the stage accepted
            # for copies with none (the stage only runs then, as in the matcher).
            verified_hits: dict[int, set[int]] = defaultdict(set)
            for owner, entries in hits.items():
                verified_hits[owner] |= entries
            for owner, query in enumerate(queries):
                verified_hits[owner] |= set(query.verified)
            found[VERIFIED] = verified_hits
            search_seconds[VERIFIED] = search_seconds[method]
            margin[VERIFIED] = -1
        # The closest any unlisted copy came to any listed hash (the safety margin).
        q_far, _ids_far, d_far = bank.search_arrays(array, MARGIN_RADIUS)
        nonmember = [
            d
            for qi, d in zip(q_far.tolist(), d_far.tolist(), strict=True)
            if queries[owners[qi]].image not in listed
        ]
        margin[method] = min(nonmember) if nonmember else MARGIN_RADIUS + 1
    recall: dict[str, dict[str, float]] = {m: {} for m in METHODS}
    false_matches: dict[str, int] = {}
    wrong_entry: dict[str, int] = {}
    for method in METHODS:
        hits = found[method]
        for name in names:
            member = [i for i, q in enumerate(queries) if q.edit == name and q.image in listed]
            good = sum(1 for i in member if queries[i].image in hits.get(i, set()))
            recall[method][name] = good / len(member) if member else float("nan")
        false_matches[method] = sum(
            1 for i, q in enumerate(queries) if q.image not in listed and hits.get(i)
        )
        wrong_entry[method] = sum(
            1 for i, q in enumerate(queries) if q.image in listed and hits.get(i, set()) - {q.image}
        )
    seconds = {
        key: float(np.mean([q.seconds[key] for q in queries if key in q.seconds]))
        for key in (
            "ref plain",
            "ref dihedral",
            "jaga plain",
            "jaga robust",
            "strict + verification",
        )
    }
    cost = {
        "plain PDQ": seconds["ref plain"] + search_seconds["plain PDQ"],
        "PDQ + dihedral": seconds["ref dihedral"] + search_seconds["PDQ + dihedral"],
        "Jaga plain PDQ (fast hash)": seconds["jaga plain"] + search_seconds["plain PDQ"],
        "Jaga (plain list)": seconds["jaga robust"] + search_seconds["Jaga (plain list)"],
        "Jaga (Jaga-built list)": seconds["jaga robust"] + search_seconds["Jaga (Jaga-built list)"],
        VERIFIED: seconds["jaga robust"] + seconds["strict + verification"],
    }
    kinds: dict[str, dict[str, int]] = {}
    for method in ("Jaga (plain list)", "Jaga (Jaga-built list)"):
        counter: dict[str, int] = defaultdict(int)
        for kind in how_found[method].values():
            counter[kind] += 1
        kinds[method] = dict(counter)
    return {
        "photos": n_photos,
        "listed": len(listed),
        "queries": len(queries),
        "member_queries": sum(1 for q in queries if q.image in listed),
        "names": list(names),
        "recall": recall,
        "false_matches": false_matches,
        "wrong_entry": wrong_entry,
        "margin": margin,
        "cost": cost,
        "search_seconds": search_seconds,
        "hashes_per_query": len(method_rows["Jaga"][0]) / len(queries),
        "low_quality_per_query": sum(q.low_quality for q in queries) / len(queries),
        "copies_all_low_quality": sum(1 for q in queries if not q.jaga),
        "bytes_per_entry": _bytes_per_entry(len(region_ids) / len(bank_ids)),
        "region_hashes_per_entry": len(region_ids) / len(bank_ids),
        "how": kinds,
        "verification": _verification_figures(queries, listed, results),
        "agreement": {
            "copies_with_both_decodes": sum(
                1
                for q in queries
                if len({decode_of(h) for h in q.how if not h.endswith(", dihedral")} - {None}) == 2
            ),
            "closest_unlisted": agree_margin,
            "found_only_by_agreement": agree_examples,
        },
    }


def _mean_ms(values: list[float]) -> float:
    return 1000 * float(np.mean(values)) if values else 0.0


def _verification_figures(
    queries: list[Query], listed: set[int], results: list[ImageResult]
) -> dict[str, float]:
    """What the local-feature stage did: how often it ran, what it cost, how close the
    unlisted copies came (most inliers of any refused candidate), and stored bytes."""
    ran = [q for q in queries if not q.strict_built]
    unlisted = [q for q in ran if q.image not in listed]
    member = [q for q in ran if q.image in listed]
    own_candidate = [q for q in member if any(c[0] == q.image for c in q.checked)]
    own_accepted = [q for q in member if q.image in q.verified]
    features = [r.features_bytes for r in results if r.image in listed]
    return {
        "ran": len(ran),
        "ran_unlisted": len(unlisted),
        "ran_member": len(member),
        "member_own_candidate": len(own_candidate),
        "member_accepted": len(own_accepted),
        "candidates_per_run": float(np.mean([len(q.checked) for q in ran])) if ran else 0.0,
        "stage_ms_when_run": _mean_ms([q.seconds["strict + verification"] for q in ran]),
        "stage_ms_per_copy": _mean_ms([q.seconds["strict + verification"] for q in queries]),
        "with_candidates": sum(1 for q in ran if q.checked),
        "unlisted_max_inliers": float(max((c[2] for q in unlisted for c in q.checked), default=0)),
        "unlisted_checked": float(sum(len(q.checked) for q in unlisted)),
        "listed_wrong_accepted": float(
            sum(1 for q in queries if q.image in listed and set(q.verified) - {q.image})
        ),
        "features_bytes": float(np.mean(features)) if features else 0.0,
        "stress_checked": float(sum(1 for q in queries if q.image not in listed)),
        "stress_max_inliers": float(
            max((q.stress[0] for q in queries if q.image not in listed), default=0)
        ),
        "stress_accepted": float(sum(q.stress[1] for q in queries if q.image not in listed)),
    }


MEMORY_ENTRIES = 100_000


def _bytes_per_entry(regions_per_entry: float) -> dict[str, float]:
    """Index memory per listed original at 100k originals (a bench-sized bank is all fixed
    overhead): random hashes, plain list = 1 hash each, Jaga-built = 1 + its crops."""
    rng = np.random.default_rng(0)
    figures = {}
    for name, per_entry in (("plain list", 1.0), ("Jaga-built list", 1.0 + regions_per_entry)):
        rows = round(MEMORY_ENTRIES * per_entry)
        index = PdqIndex.from_arrays(
            np.arange(rows, dtype=np.int64), rng.integers(0, 256, (rows, 32), dtype=np.uint8)
        )
        figures[name] = index.memory_bytes() / MEMORY_ENTRIES
    return figures


def _how_kind(how: str) -> str:
    """The kind of view, without angles and sides: a compact tally for the report."""
    for kind in ("rotated back", "de-bordered", "dihedral", "plain"):
        if how.startswith(kind) or (kind == "dihedral" and kind in how):
            return kind
    return how


def print_report(figures: dict[str, object], console: Console) -> None:
    recall = figures["recall"]
    assert isinstance(recall, dict)
    names = figures["names"]
    assert isinstance(names, list)
    table = Table(
        title=(
            f"Recall at distance {THRESHOLD}: {figures['photos']} photos, "
            f"{figures['listed']} listed, {figures['queries']} copies "
            f"({figures['member_queries']} of listed photos)"
        )
    )
    table.add_column("edit")
    for method in METHODS:
        table.add_column(method, justify="right")
    for name in names:
        table.add_row(name, *(f"{100 * recall[m][name]:.1f}%" for m in METHODS))
    overall = {m: float(np.mean([recall[m][n] for n in names])) for m in METHODS}
    table.add_row(
        "[bold]all edits[/bold]", *(f"[bold]{100 * overall[m]:.1f}%[/bold]" for m in METHODS)
    )
    false_matches = figures["false_matches"]
    wrong = figures["wrong_entry"]
    margin = figures["margin"]
    assert isinstance(false_matches, dict) and isinstance(wrong, dict) and isinstance(margin, dict)
    table.add_row("false matches (unlisted copies)", *(str(false_matches[m]) for m in METHODS))
    table.add_row("listed copies matching another entry", *(str(wrong[m]) for m in METHODS))
    table.add_row(
        f"closest unlisted copy (bits, searched to {MARGIN_RADIUS})",
        *(
            "see below"
            if margin[m] < 0
            else str(margin[m])
            if margin[m] <= MARGIN_RADIUS
            else f">{MARGIN_RADIUS}"
            for m in METHODS
        ),
    )
    console.print(table)
    cost = figures["cost"]
    assert isinstance(cost, dict)
    base = cost["Jaga plain PDQ (fast hash)"]
    ref = cost["plain PDQ"]
    cost_table = Table(title="Query cost per copy (decode + hash + search, one core)")
    cost_table.add_column("method")
    cost_table.add_column("ms", justify="right")
    cost_table.add_column("x Jaga plain PDQ", justify="right")
    cost_table.add_column("x reference plain PDQ", justify="right")
    for method, seconds in cost.items():
        cost_table.add_row(
            method, f"{1000 * seconds:.2f}", f"{seconds / base:.2f}", f"{seconds / ref:.2f}"
        )
    console.print(cost_table)
    per_entry = figures["bytes_per_entry"]
    assert isinstance(per_entry, dict)
    console.print(
        f"Hashes searched per copy by Jaga: {figures['hashes_per_query']:.1f}; "
        f"index memory per listed original (at {MEMORY_ENTRIES:,} originals): "
        f"plain list {per_entry['plain list']:.0f} B, "
        f"Jaga-built list {per_entry['Jaga-built list']:.0f} B "
        f"({figures['region_hashes_per_entry']:.1f} crop hashes per entry)."
    )
    flat = figures.get("flat_unlisted") or []
    assert isinstance(flat, list)
    console.print(
        f"PDQ quality floor {QUALITY_FLOOR}: "
        + (
            "photos never listed (a bank refuses their hash; their copies count as unlisted): "
            + ", ".join(f"{name} (quality {quality})" for name, quality in flat)
            if flat
            else "every photo's reference hash is above it"
        )
        + f"; Jaga hashes dropped per copy {figures['low_quality_per_query']:.2f}, copies left "
        f"with none {figures['copies_all_low_quality']}."
    )
    console.print(
        f"How Jaga's matches were found (closest hash per matched copy): {figures['how']}"
    )
    agreement = figures["agreement"]
    assert isinstance(agreement, dict)
    closest = agreement["closest_unlisted"]
    console.print(
        f"Two decodes agree (text painted out at both decodes, each within {AGREE_DISTANCE} of "
        f"one plain entry): {agreement['copies_with_both_decodes']} copies had text views at "
        f"both decodes; closest unlisted copy's agreement "
        f"{closest if closest <= MARGIN_RADIUS else f'>{MARGIN_RADIUS}'} bits (searched to "
        f"{MARGIN_RADIUS}); listed copies found only that way (plain list): "
        f"{len(agreement['found_only_by_agreement'])}"
    )
    for _distance, edit, how in agreement["found_only_by_agreement"]:
        console.print(f"  {edit}: {how}")
    v = figures["verification"]
    assert isinstance(v, dict)
    console.print(
        f"Local-feature stage: ran for {v['ran']} copies with no hash within {THRESHOLD} of the "
        f"built list ({v['ran_unlisted']} unlisted, {v['ran_member']} listed); "
        f"{v['candidates_per_run']:.2f} candidates checked per run; listed copies whose own "
        f"original was a candidate {v['member_own_candidate']}, accepted {v['member_accepted']}; "
        f"listed copies accepted for another original {v['listed_wrong_accepted']:.0f}. "
        f"Unlisted copies: {v['unlisted_checked']:.0f} candidates checked, most inliers of any "
        f"{v['unlisted_max_inliers']:.0f} (accepts need {VerifySettings().min_inliers}). "
        f"Cost: the stage (strict check, looser search, and for the {v['with_candidates']} "
        f"copies with a candidate their ORB features and checks) {v['stage_ms_per_copy']:.2f} "
        f"ms per copy on average, {v['stage_ms_when_run']:.2f} ms when it ran. Stored "
        f"features {v['features_bytes']:.0f} B per original."
    )
    console.print(
        f"Stress test of the check: each of the {v['stress_checked']:.0f} unlisted copies "
        f"against its {STRESS_CANDIDATES} nearest listed originals at any distance: most "
        f"inliers {v['stress_max_inliers']:.0f}, accepted {v['stress_accepted']:.0f}."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--limit", type=int, default=None, help="use only N photos")
    parser.add_argument(
        "--glob",
        default="*",
        help="only photos whose names match (e.g. 'urban100_*' for a held-out set)",
    )
    parser.add_argument("--quick", action="store_true", help="40 photos (under a minute)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--edits", nargs="*", help="only these edits (names as in the table)")
    args = parser.parse_args(argv)
    if not args.images.is_dir():
        print(f"no such folder: {args.images}", file=sys.stderr)
        return 2
    limit = args.limit or (40 if args.quick else None)
    started = time.perf_counter()
    figures = run(args.images, limit, args.seed, max(1, args.workers), args.edits, args.glob)
    console = Console()
    print_report(figures, console)
    console.print(f"Run took {time.perf_counter() - started:.0f} s on {args.workers} processes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
