"""Two decodes agree: lettering painted out at both decodes lands near the same entry.

Large meme text is found and painted out twice, at the reduced decode and again, found
anew, at a 2x finer one (jaga.robust.views). Painting out leaves an error where the letters
were, so a listed copy's best view can stay a few bits past the strict 31. The two decodes'
masks and fills are made independently, on different pixel grids; when both land close to
the same listed entry, that agreement is evidence the strict distance alone does not use.

How much evidence was measured, not assumed (bench/robust_consensus.py, docs/benchmarks.md
"Two decodes agree"): over the unrelated pairs of copies with text views at both decodes
(bsds500 tuning 40,795; urban100 11,610; held-out bsds500 17,292), the decodes' distances
to an unrelated original go together (correlation 0.86-0.88, mean difference 3.3-3.6
bits): for an unrelated photo both views are views of the same picture, so their nearest
entries are not independent draws. At every share of unrelated pairs that could be
measured (1% down to 0.01%), "both decodes within d" was as rare as "the best text view
within d - s" with s 2-4.5 bits (median 4; PDQ's distances come in steps of 2: two hashes
with 128 bits set each differ by an even count). So agreement buys about 4 bits, no more:
`AGREE_DISTANCE` is the strict 31 (30 on the even grid) plus 4, where an agreement is about
as rare by chance as one strict text view, and a lettered picture's chance of a false
match at most about doubles (under half a bit of the strict distance, by the tails' slope).
The bench photos' closest unrelated pairs are 74-92 bits apart, so the bench cannot show
this tail itself; it only checks that nothing unrelated agrees. Banks can switch it off or
narrow it (`jaga robust set BANK --no-agree`, `--agree-distance`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

AGREE_DISTANCE = 34
"""Both decodes' best text views within this many bits of one entry (see the module doc)."""

AGREE_DISTANCE_LIMIT = 40
"""Settings refuse wider: beyond it agreement is a plain loosening of the strict distance
(measured: agreement buys 2-4 bits of chance rate, so 40 is a single view at about 36)."""

FINER_SUFFIX = ", finer decode"
"""What views.py appends to the name of a view made from the finer decode."""

DECODES = ("reduced decode", "finer decode")


def decode_of(how: str) -> str | None:
    """Which decode a view with lettering removed comes from; None for any other view.

    Only views of lettering vote: they are the only views made twice, from two decodes
    found independently. Views of one decode (the whole mask, its core, its inner core,
    the stroke filter) share that decode's pixels and found mask, so they count as one vote:
    the best of them."""
    if not how.startswith("overlaid text"):
        return None
    return DECODES[1] if how.endswith(FINER_SUFFIX) else DECODES[0]


@dataclass(frozen=True, slots=True)
class Agreement:
    """An entry that both decodes' views came close to."""

    entry_id: int
    distance: int  # the farther of the two decodes' best distances
    views: tuple[str, str]  # the best view of each decode, as named in views.py

    def how(self) -> str:
        """The match report's words, e.g. 'text painted out, 2 views agree, distance 34'."""
        return (
            f"overlaid text painted out at two decodes, 2 views agree "
            f"({self.views[0]}; {self.views[1]}), distance {self.distance}"
        )


def agreements(hits: Iterable[tuple[str, int, int]], radius: int) -> list[Agreement]:
    """Entries within `radius` of the best views of both decodes.

    `hits` are (view name, entry id, distance) for every view searched at `radius` or
    wider; views that do not vote (see decode_of) are ignored."""
    best: dict[int, dict[str, tuple[int, str]]] = {}
    for how, entry_id, distance in hits:
        decode = decode_of(how)
        if decode is None or distance > radius:
            continue
        per_decode = best.setdefault(entry_id, {})
        if decode not in per_decode or distance < per_decode[decode][0]:
            per_decode[decode] = (distance, how)
    found = []
    for entry_id, per_decode in best.items():
        if len(per_decode) < len(DECODES):
            continue
        (_near, near_how), (far, far_how) = sorted(per_decode[d] for d in DECODES)
        found.append(Agreement(entry_id, far, (near_how, far_how)))
    return sorted(found, key=lambda a: (a.distance, a.entry_id))
