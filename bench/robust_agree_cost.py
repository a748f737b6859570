"""What the two-decode agreement (jaga.robust.consensus) costs the matcher, in process.

The views are the same with it on or off (it only searches the text views once more, at
the agreement distance), so this times `BankMatcher.match` alone on hashes made once:
bsds500 photos 40-69 of the seeded shuffle (as bench/robust_cost_ab.py), every edit of
bench/robust_transforms.py, against a plain list of their references plus N random
hashes (a list's size is what a looser search pays for), with the bank's agreement on
and off, alternating.

    .venv/bin/python bench/robust_agree_cost.py [--entries 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pdqhash
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_bytes
from jaga.robust.consensus import decode_of
from jaga.robust.settings import RobustStore
from jaga.robust.views import ViewSettings
from jaga.store import create_engine_for

IMAGES = Path("/work/shared/bench-data/images")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(IMAGES.glob("bsds500_*"))
    random.Random(5).shuffle(files)
    references, copies = [], []
    for path in files[40:70]:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        vector, _quality = pdqhash.compute(np.asarray(original))
        references.append(np.packbits(np.asarray(vector, np.uint8)).tobytes().hex())
        for _group, name, edit in edits():
            data = edit(original, seeded(path.name, name, 5))
            copies.append(hash_bytes(data, "q", dihedral=True, views=ViewSettings()))
    voting = sum(1 for c in copies if len({decode_of(how) for how, _p in c.views} - {None}) == 2)
    rng = np.random.default_rng(0)
    noise = [bytes(row).hex() for row in rng.integers(0, 256, (args.entries, 32), np.uint8)]
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine_for(f"sqlite:///{folder}/cost.db")
        service = BankService(engine)
        service.create_bank("plain")
        service.add_entries(
            "plain", [EntryInput("pdq", h) for h in [*references, *noise]], source="bench"
        )
        store = RobustStore(engine)
        seconds: dict[bool, list[float]] = {True: [], False: []}
        found: dict[bool, int] = {}
        for _round in range(args.rounds):
            for agree in (True, False):
                store.update("plain", agree=agree)
                matcher = BankMatcher(service, ["plain"])
                matcher.warm_up()
                for content in copies[:51]:  # untimed: kernels and entry records loaded
                    matcher.match(content)
                started = time.process_time()
                found[agree] = sum(1 for content in copies if matcher.match(content).matches)
                seconds[agree].append((time.process_time() - started) / len(copies))
        engine.dispose()
    print(
        f"{len(copies)} copies ({voting} with text views at both decodes), plain list of "
        f"{len(references)} references + {args.entries:,} random hashes"
    )
    for agree in (True, False):
        ms = ", ".join(f"{1000 * s:.3f}" for s in seconds[agree])
        print(
            f"  agreement {'on ' if agree else 'off'}: match() CPU ms per copy {ms}; "
            f"copies matched {found[agree]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
