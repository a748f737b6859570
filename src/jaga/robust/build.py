"""Adding an original to a Jaga-built list: its plain PDQ entry, crop hashes and features."""

from __future__ import annotations

from pathlib import Path

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.hashing.errors import ImageError
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import hash_frame
from jaga.robust.local_features import STORED_FEATURES, extract, pack
from jaga.robust.settings import RobustStore
from jaga.robust.verify import VerifyStore
from jaga.robust.views import region_views, work_image

SOURCE = "jaga robust add-images"


def add_original(
    service: BankService, store: RobustStore, bank: str, path: Path, *, category: str = ""
) -> str | None:
    """Hash the image at `path` into `bank`; returns why it was skipped, or None when added.

    The entry is the plain PDQ, exactly what a received list would hold, so the bank keeps
    working with plain matching; the crops and the local features (ORB keypoints) are extra
    rows that only robust matching reads.
    """
    try:
        with open_image(path.read_bytes()) as image:
            frame = next(iter_luma_frames(image, max_frames=1))
            plain = hash_frame(frame)
            work = work_image(frame)
    except (ImageError, StopIteration) as error:
        return str(error) or "no image frame"
    except OSError as error:
        return f"could not read the file: {error.strerror or error}"
    report = service.add_entries(
        bank,
        [
            EntryInput(
                "pdq", plain.hex, category=category, original_id=path.name, quality=plain.quality
            )
        ],
        source=SOURCE,
    )
    if report.quarantined_count:
        reasons = "; ".join(row.reason for row in report.quarantined[:1])
        return f"not added: {reasons}"
    bank_id = service.get_bank(bank, with_counts=False).bank_id
    entry = next((e for e in service.lookup("pdq", [plain.hex]) if e.bank_id == bank_id), None)
    if entry is None:
        return "not added (the bank does not keep PDQ hashes, or the entry is disabled)"
    store.replace_regions(
        bank_id, entry.entry_id, [(view.how, view.pdq.hex) for view in region_views(work)]
    )
    # ORB keypoints of the original, for the local-feature check (jaga.robust.verify).
    features = pack(extract(work.luma, STORED_FEATURES))
    VerifyStore(service.engine).replace_features(bank_id, entry.entry_id, features)
    return None
