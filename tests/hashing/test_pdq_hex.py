from __future__ import annotations

import numpy as np
import pytest

from jaga.hashing.pdq import (
    bit_vector_to_hex,
    bits_to_hex,
    hamming_distance_hex,
    normalise_pdq_hex,
    pdq_hex_to_bits,
)

SAMPLE = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"


def test_packed_form_is_bytes_fromhex() -> None:
    packed = pdq_hex_to_bits(SAMPLE)
    assert packed.dtype == np.uint8
    assert packed.shape == (32,)
    assert np.array_equal(packed, np.frombuffer(bytes.fromhex(SAMPLE), np.uint8))


def test_round_trip_and_upper_case_input() -> None:
    assert bits_to_hex(pdq_hex_to_bits(SAMPLE.upper())) == SAMPLE
    assert normalise_pdq_hex(f"  {SAMPLE.upper()}\n") == SAMPLE


def test_bit_vector_order_puts_first_element_in_the_top_bit() -> None:
    vector = np.zeros(256, dtype=np.int64)
    vector[0] = 1
    vector[255] = 1
    assert bit_vector_to_hex(vector) == "8" + "0" * 62 + "1"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (SAMPLE[:32], "64 hex characters, got 32"),
        (SAMPLE + "0", "got 65"),
        ("g" + SAMPLE[1:], "non-hex character 'g'"),
        ("", "got 0"),
    ],
)
def test_malformed_hex_is_rejected(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pdq_hex_to_bits(value)
    with pytest.raises(ValueError, match=message):
        hamming_distance_hex(value, SAMPLE)


def test_bits_to_hex_rejects_wrong_shape() -> None:
    with pytest.raises(ValueError, match="shape"):
        bits_to_hex(np.zeros(31, dtype=np.uint8))


def test_hamming_distance() -> None:
    flipped = bytearray(bytes.fromhex(SAMPLE))
    flipped[0] ^= 0b1000_0001
    flipped[31] ^= 0b0000_0100
    assert hamming_distance_hex(SAMPLE, SAMPLE) == 0
    assert hamming_distance_hex(SAMPLE, flipped.hex()) == 3
    assert hamming_distance_hex("0" * 64, "f" * 64) == 256
