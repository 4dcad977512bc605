"""MS-OVBA compression (the format of VBA source streams inside vbaProject.bin), [MS-OVBA] 2.4.1.

The ``ms-ovba`` package writes the project structure correctly, but its compressor (package
``ms-ovba-compression`` 0.0.x) corrupts longer sources: oletools decompresses them to different text.
This is a small, spec-following compressor used in its place; tests decompress its output with
oletools and require the exact input back.
"""

from __future__ import annotations

CHUNK = 4096
MIN_MATCH = 3
_MAX_CANDIDATES = 64  # positions tried per 3-byte prefix (enough for source code; keeps it fast)


def _bit_count(pos: int) -> int:
    """Number of offset bits of a copy token at ``pos`` bytes into the decompressed chunk."""
    bits = 4
    while (1 << bits) < pos:
        bits += 1
    return bits


def _compress_chunk(data: bytes) -> bytes:
    out = bytearray()
    heads: dict[bytes, list[int]] = {}
    i, n = 0, len(data)
    while i < n:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if i >= n:
                break
            best_len, best_off = 0, 0
            if i > 0 and i + MIN_MATCH <= n:
                bits = _bit_count(i)
                max_len = (0xFFFF >> bits) + 3
                limit = min(max_len, n - i)
                for j in reversed(heads.get(data[i:i + MIN_MATCH], [])[-_MAX_CANDIDATES:]):
                    length = 0
                    while length < limit and data[j + length] == data[i + length]:
                        length += 1
                    if length > best_len:
                        best_len, best_off = length, i - j
                        if length == limit:
                            break
            if best_len >= MIN_MATCH:
                bits = _bit_count(i)
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                step = best_len
            else:
                out.append(data[i])
                step = 1
            for k in range(i, min(i + step, n - MIN_MATCH + 1)):
                heads.setdefault(data[k:k + MIN_MATCH], []).append(k)
            i += step
        out[flag_at] = flags
    return bytes(out)


def compress(data: bytes) -> bytes:
    """A CompressedContainer holding ``data``."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        packed = _compress_chunk(chunk)
        if len(packed) > CHUNK - 2 and len(chunk) == CHUNK:  # raw chunk: header flag 0, 4096 bytes
            out += (0x3000 | (CHUNK - 1)).to_bytes(2, "little") + chunk
        else:
            if len(packed) + 2 > CHUNK + 2:
                raise ValueError("chunk does not compress")
            out += (0xB000 | (len(packed) + 2 - 3)).to_bytes(2, "little") + packed
    return bytes(out)


class MsOvba:
    """Drop-in for ``ms_ovba_compression.ms_ovba.MsOvba`` (only ``compress`` is used by ms-ovba)."""

    def compress(self, data: bytes) -> bytes:
        return compress(bytes(data))
