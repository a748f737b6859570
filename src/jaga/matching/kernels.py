"""Numba kernels for Hamming search over 256-bit hashes held as 4 x uint64 words.

Python loops over millions of hashes are far too slow, and numpy's vectorised scans
cannot skip work the way a multi-index probe does; so the inner loops live here,
compiled once (`cache=True` keeps the machine code on disk between processes) and
released from the GIL (`nogil=True`) so callers can search from several threads.

Bit numbering: bit `i` of a hash is bit `i % 64` of word `i // 64`, words being the
32 hash bytes read as little-endian uint64. Any fixed numbering works for Hamming
distance; this one makes chunk extraction two shifts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils as _cgutils
from numba.extending import intrinsic

cgutils: Any = _cgutils  # untyped numba helpers, used only inside code generation

_U64_ONE = np.uint64(1)
_U64_ZERO = np.uint64(0)
_WORD_BITS = np.uint64(64)


def _ctpop_typing(typingctx: Any, value: Any) -> Any:
    """LLVM's ctpop: one `popcnt` instruction on the host CPU instead of a bit-trick loop."""

    signature = types.uint64(types.uint64)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        return builder.ctpop(args[0])

    return signature, codegen


_ctpop: Any = intrinsic(_ctpop_typing)

PREFETCH_AHEAD = 16
"""Candidates fetched ahead of the one being verified; measured 1.3-1.9x faster at 10M rows."""


def _prefetch_typing(typingctx: Any, array: Any, index: Any) -> Any:
    """LLVM's prefetch of `array[index]` (first element of that row for 2-D arrays).

    Candidate rows are scattered over hundreds of MB, so each one is a cache miss; asking
    for them a few iterations early lets the misses overlap instead of queueing.
    """

    signature = types.void(array, index)

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        array_type = sig.args[0]
        array_value = context.make_array(array_type)(context, builder, args[0])
        zero = context.get_constant(types.intp, 0)
        indices = [args[1]] + [zero] * (array_type.ndim - 1)
        pointer = cgutils.get_item_pointer(context, builder, array_type, array_value, indices)
        byte_pointer = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        function_type = ir.FunctionType(ir.VoidType(), [byte_pointer, i32, i32, i32])
        function = cgutils.get_or_insert_function(builder.module, function_type, "llvm.prefetch.p0")
        # read (0), high temporal locality (3), data cache (1)
        builder.call(
            function,
            [
                builder.bitcast(pointer, byte_pointer),
                ir.Constant(i32, 0),
                ir.Constant(i32, 3),
                ir.Constant(i32, 1),
            ],
        )
        return context.get_dummy_value()

    return signature, codegen


_prefetch: Any = intrinsic(_prefetch_typing)


def _distance(a: Any, i: int, q: Any) -> int:
    """Hamming distance between row `i` of `a` and query words `q`."""
    return int(
        _ctpop(a[i, 0] ^ q[0])
        + _ctpop(a[i, 1] ^ q[1])
        + _ctpop(a[i, 2] ^ q[2])
        + _ctpop(a[i, 3] ^ q[3])
    )


distance = njit(cache=True, nogil=True, inline="always")(_distance)


def _extract(words: Any, start: int, width: int) -> np.uint64:
    """The `width`-bit chunk starting at bit `start` (may straddle two words)."""
    word_index = start >> 6
    offset = np.uint64(start & 63)
    value = words[word_index] >> offset
    if (start & 63) + width > 64:
        value |= words[word_index + 1] << (_WORD_BITS - offset)
    return value & ((_U64_ONE << np.uint64(width)) - _U64_ONE)  # type: ignore[no-any-return]


extract = njit(cache=True, nogil=True, inline="always")(_extract)


def _grow(array: Any, needed: int) -> Any:
    """A copy of `array` with room for at least `needed` items (amortised doubling)."""
    size = max(needed, 2 * array.shape[0])
    bigger = np.empty(size, dtype=array.dtype)
    bigger[: array.shape[0]] = array
    return bigger


grow = njit(cache=True, nogil=True)(_grow)


def _flat_scan_into(
    hashes: Any,
    dead: Any,
    count: int,
    queries: Any,
    max_distance: int,
    out_query: Any,
    out_row: Any,
    out_dist: Any,
) -> int:
    """Scan `hashes[:count]`, writing the first hits into the out arrays; returns all hits.

    The out arrays are never reassigned here: a loop that may swap an array (as a growing
    buffer does) makes numba keep reference counts inside the loop, which measured 30x
    slower than the scan itself (0.8 ms instead of 25 us for 15 queries x 1,600 rows).
    """
    found = 0
    capacity = out_row.shape[0]
    for qi in range(queries.shape[0]):
        q0, q1, q2, q3 = queries[qi, 0], queries[qi, 1], queries[qi, 2], queries[qi, 3]
        for row in range(count):
            d = int(
                _ctpop(hashes[row, 0] ^ q0)
                + _ctpop(hashes[row, 1] ^ q1)
                + _ctpop(hashes[row, 2] ^ q2)
                + _ctpop(hashes[row, 3] ^ q3)
            )
            if d <= max_distance and not dead[row]:
                if found < capacity:
                    out_query[found] = qi
                    out_row[found] = row
                    out_dist[found] = d
                found += 1
    return found


flat_scan_into = njit(cache=True, nogil=True)(_flat_scan_into)


def _flat_search_many(
    hashes: Any, dead: Any, count: int, queries: Any, max_distance: int
) -> tuple[Any, Any, Any]:
    """Every live row of `hashes[:count]` within `max_distance` of each query.

    Returns parallel arrays (query index, row, distance). Used for the delta and small
    segments, and as the exact fall-back when the multi-index would probe more than a scan.
    A scan that finds more hits than the buffer holds runs again with an exact-size buffer.
    """
    capacity = 256
    while True:
        out_query = np.empty(capacity, dtype=np.int64)
        out_row = np.empty(capacity, dtype=np.int64)
        out_dist = np.empty(capacity, dtype=np.int64)
        found = flat_scan_into(
            hashes, dead, count, queries, max_distance, out_query, out_row, out_dist
        )
        if found <= capacity:
            return out_query[:found], out_row[:found], out_dist[:found]
        capacity = found


flat_search_many = njit(cache=True, nogil=True)(_flat_search_many)


def _found_earlier(xor: Any, chunk: int, width: int, radii: Any) -> bool:
    """True when an earlier probed chunk already reached this row (so it is a duplicate).

    A row is reported by the first chunk `j` (in probe order) where its chunk distance
    is within that chunk's radius; checking this instead of keeping a `seen` set costs
    nothing for non-matches, which are almost all candidates.
    """
    for j in range(chunk):
        if radii[j] >= 0 and _ctpop(extract(xor, j * width, width)) <= radii[j]:
            return True
    return False


found_earlier = njit(cache=True, nogil=True, inline="always")(_found_earlier)


def _mih_scan_into(
    hashes: Any,
    dead: Any,
    offsets: Any,
    positions: Any,
    width: int,
    radii: Any,
    masks: Any,
    mask_counts: Any,
    queries: Any,
    max_distance: int,
    first_query: int,
    found: int,
    out_query: Any,
    out_row: Any,
    out_dist: Any,
    candidates: Any,
    begins: Any,
    ends: Any,
) -> tuple[int, int, int]:
    """The multi-index search of queries `first_query..` into fixed buffers.

    Returns (next query, hits kept, candidates wanted). It stops before a query whose hits
    or candidates do not fit, keeping only the hits of whole queries, so the caller grows
    that buffer and resumes at that query. No array is reassigned in here: a loop that may
    swap an array makes numba keep reference counts inside it, which costs far more than
    the search of a small segment.
    """
    xor = np.empty(4, dtype=np.uint64)
    n_chunks = radii.shape[0]
    capacity = out_row.shape[0]
    for qi in range(first_query, queries.shape[0]):
        q = queries[qi]
        query_found = found
        for chunk in range(n_chunks):
            radius = radii[chunk]
            if radius < 0:
                continue
            value = extract(q, chunk * width, width)
            n_probes = mask_counts[radius]
            n_candidates = 0
            for m in range(n_probes):
                bucket = value ^ masks[m]
                begins[m] = offsets[chunk, bucket]
                ends[m] = offsets[chunk, bucket + _U64_ONE]
                n_candidates += ends[m] - begins[m]
            if n_candidates > candidates.shape[0]:
                return qi, query_found, n_candidates
            n_candidates = 0
            for m in range(n_probes):
                if chunk == 0:
                    for slot in range(begins[m], ends[m]):
                        candidates[n_candidates] = slot
                        n_candidates += 1
                else:
                    if m + PREFETCH_AHEAD < n_probes:
                        _prefetch(positions[chunk - 1], begins[m + PREFETCH_AHEAD])
                    for slot in range(begins[m], ends[m]):
                        candidates[n_candidates] = positions[chunk - 1, slot]
                        n_candidates += 1
            for c in range(n_candidates):
                if c + PREFETCH_AHEAD < n_candidates:
                    _prefetch(hashes, candidates[c + PREFETCH_AHEAD])
                row = candidates[c]
                d = distance(hashes, row, q)
                if d > max_distance or dead[row]:
                    continue
                if chunk > 0:
                    for w in range(4):
                        xor[w] = hashes[row, w] ^ q[w]
                    if found_earlier(xor, chunk, width, radii):
                        continue
                if found == capacity:
                    return qi, query_found, 0
                out_query[found] = qi
                out_row[found] = row
                out_dist[found] = d
                found += 1
    return queries.shape[0], found, 0


mih_scan_into = njit(cache=True, nogil=True)(_mih_scan_into)


def _mih_search_many(
    hashes: Any,
    dead: Any,
    offsets: Any,
    positions: Any,
    width: int,
    radii: Any,
    masks: Any,
    mask_counts: Any,
    queries: Any,
    max_distance: int,
) -> tuple[Any, Any, Any]:
    """Multi-index hashing (Norouzi et al.) over one segment; exact for any radius.

    Chunk `k` covers bits [k*width, (k+1)*width). If every chunk distance exceeded its
    radius `radii[k]`, the total distance would be at least sum(radii + 1) > max_distance,
    so probing each chunk's buckets within its radius finds every row in range (chunks
    with radius -1 are skipped). `masks` lists all `width`-bit values by popcount;
    `mask_counts[t]` is how many have popcount <= t. Rows are stored sorted by chunk 0,
    so chunk 0's buckets are row ranges; other chunks map bucket -> rows via `positions`.

    Each chunk runs in three passes (bucket bounds, candidate rows, verification) so the
    loads inside a pass do not depend on each other: the CPU overlaps their cache misses
    instead of waiting for each in turn, which is where the time goes at 10M rows.
    The work is in `mih_scan_into`; this grows its buffers when a query does not fit.
    """
    out_query = np.empty(256, dtype=np.int64)
    out_row = np.empty(256, dtype=np.int64)
    out_dist = np.empty(256, dtype=np.int64)
    candidates = np.empty(4096, dtype=np.int64)
    begins = np.empty(masks.shape[0], dtype=np.int64)
    ends = np.empty(masks.shape[0], dtype=np.int64)
    found = 0
    next_query = 0
    while next_query < queries.shape[0]:
        next_query, found, wanted = mih_scan_into(
            hashes,
            dead,
            offsets,
            positions,
            width,
            radii,
            masks,
            mask_counts,
            queries,
            max_distance,
            next_query,
            found,
            out_query,
            out_row,
            out_dist,
            candidates,
            begins,
            ends,
        )
        if next_query < queries.shape[0]:
            if wanted:
                candidates = np.empty(2 * wanted, dtype=np.int64)
            else:
                out_query = grow(out_query, found + out_query.shape[0])
                out_row = grow(out_row, found + out_row.shape[0])
                out_dist = grow(out_dist, found + out_dist.shape[0])
    return out_query[:found], out_row[:found], out_dist[:found]


mih_search_many = njit(cache=True, nogil=True)(_mih_search_many)


def _chunk_values(hashes: Any, chunk: int, width: int) -> Any:
    """Chunk `chunk` of every row, as bucket numbers."""
    values = np.empty(hashes.shape[0], dtype=np.uint32)
    for row in range(hashes.shape[0]):
        values[row] = extract(hashes[row], chunk * width, width)
    return values


chunk_values = njit(cache=True, nogil=True)(_chunk_values)


def _counting_sort(values: Any, n_buckets: int) -> tuple[Any, Any]:
    """Stable counting sort: (bucket offsets [n_buckets + 1], rows in bucket order).

    Linear time in rows + buckets, which is what keeps a 10M-row segment build in seconds.
    """
    offsets = np.zeros(n_buckets + 1, dtype=np.uint32)
    for row in range(values.shape[0]):
        offsets[values[row] + 1] += 1
    for bucket in range(n_buckets):
        offsets[bucket + 1] += offsets[bucket]
    cursor = offsets[:-1].copy()
    order = np.empty(values.shape[0], dtype=np.uint32)
    for row in range(values.shape[0]):
        bucket = values[row]
        order[cursor[bucket]] = row
        cursor[bucket] += 1
    return offsets, order


counting_sort = njit(cache=True, nogil=True)(_counting_sort)


def _gather_rows(hashes: Any, order: Any) -> Any:
    """`hashes[order]` without numpy's temporary index conversion (saves memory at 10M)."""
    out = np.empty((order.shape[0], 4), dtype=np.uint64)
    for i in range(order.shape[0]):
        row = order[i]
        for w in range(4):
            out[i, w] = hashes[row, w]
    return out


gather_rows = njit(cache=True, nogil=True)(_gather_rows)


def _mark_dead(ids: Any, dead: Any, count: int, sorted_removed: Any) -> int:
    """Set `dead` for rows whose id is in `sorted_removed`; returns how many were live.

    One pass over the rows: a 1 MB filter (a bit per hashed id, cache-resident) rejects
    almost every row, and only filter hits pay a binary search. Tens of ms at 10M rows for
    any batch size, where numpy's isin makes one full pass per id for small batches.
    """
    filter_bits = 20
    shift = np.uint64(64 - filter_bits)
    spread = np.uint64(0x9E3779B97F4A7C15)
    maybe = np.zeros(1 << filter_bits, dtype=np.bool_)
    for i in range(sorted_removed.shape[0]):
        maybe[(np.uint64(sorted_removed[i]) * spread) >> shift] = True
    newly = 0
    n_removed = sorted_removed.shape[0]
    for row in range(count):
        entry = ids[row]
        if not maybe[(np.uint64(entry) * spread) >> shift]:
            continue
        slot = np.searchsorted(sorted_removed, entry)
        if slot < n_removed and sorted_removed[slot] == entry and not dead[row]:
            dead[row] = True
            newly += 1
    return newly


mark_dead = njit(cache=True, nogil=True)(_mark_dead)
