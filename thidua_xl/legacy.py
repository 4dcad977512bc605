"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) → Unicode NFC: pure tables, detection and conversion.

Before Unicode, Vietnamese was typed in 8-bit fonts: TCVN3 (".VnTime", ".VnArial"; upper-case fonts
".VnTimeH", ".VnArialH") put every toned letter in one byte; VNI ("VNI-Times") writes a base letter
followed by a byte that the font draws as its marks. Excel keeps those bytes as the Windows-1252 letters
they stand for, so "Nguyễn" reads "NguyÔn" (TCVN3) or "Nguyeãn" (VNI).

- :func:`decode` — convert a text known to be in one encoding (from the cell's font name).
- :func:`detect` — the encoding of a text when no font is known, by character statistics: a legacy text
  holds letters no Vietnamese word uses, or words that are not Vietnamese syllables, and converts into
  valid syllables. Real Unicode Vietnamese and plain ASCII are never converted.
- :func:`to_unicode` — ``(converted text, encoding)`` or ``(text, "")`` when nothing is to convert.
- :func:`font_encoding` — a font name's encoding ("" for a Unicode font).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TCVN3 = "tcvn3"
VNI = "vni"

# ---------------------------------------------------------------- TCVN3 (ABC, one byte per letter)

# Lower-case letters in code order of the standard: each Unicode letter, then its TCVN3 character.
_TCVN3_PAIRS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ "
    "ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô "
    "ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
_TCVN3: dict[str, str] = {}
for _pair in _TCVN3_PAIRS.split(" "):
    _TCVN3[_pair[1]] = _pair[0]
# Capital + toned lower-case letter of the same base ("Aµ", "¢Ê"): how capitals with tones are typed.
_TCVN3_BASES = {"a": "A", "ă": "Ă", "â": "Â", "e": "E", "ê": "Ê", "i": "I", "o": "O", "ô": "Ô", "ơ": "Ơ",
                "u": "U", "ư": "Ư", "y": "Y"}

# ---------------------------------------------------------------- VNI (base letter + mark bytes)

# Mark bytes (lower-case form; the upper-case form follows a capital): Unicode combining marks.
_VNI_MARKS: dict[str, str] = {
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "ê": "\u0306",
    "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309", "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309", "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}
# Whole letters of their own.
_VNI_LETTERS: dict[str, str] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "ò": "ị", "ó": "ĩ", "æ": "ỉ", "î": "ỵ", "ì": "ì", "í": "í",
}
_VNI_VOWELS = set("aeiouyơưAEIOUYƠƯ")


def _vni_table() -> dict[str, str]:
    out: dict[str, str] = {}
    for low, up in ((k, k.upper()) for k in _VNI_LETTERS):
        out[low] = _VNI_LETTERS[low]
        out[up] = _VNI_LETTERS[low].upper()
    return out


_VNI_SINGLE = _vni_table()
_VNI_MARK_UP = {k.upper(): v for k, v in _VNI_MARKS.items()}

# ---------------------------------------------------------------- what Vietnamese looks like

_VI_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|oai|oay|oao|oeo|uây|uôi|ươi|ươu|yêu|iêu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    r"[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")


def _is_foreign(ch: str) -> bool:
    """A letter from the Windows-1252 range that no Vietnamese (or English) word uses."""
    return "\u00a0" < ch <= "\u00ff" and ch.lower() not in _VI_LETTERS


@lru_cache(maxsize=65536)
def _valid_word(word: str) -> bool:
    """A Vietnamese syllable (one tone at most, on a vowel); ASCII words (foreign names) always pass."""
    if word.isascii():
        return True
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def _badness(text: str) -> int:
    """How un-Vietnamese a text is: each foreign letter and each word that is no syllable counts."""
    foreign = sum(1 for ch in text if _is_foreign(ch) or ch == "\u00ad")
    words = _WORD.findall(text)
    return 2 * foreign + sum(1 for w in words if not _valid_word(w))


# ---------------------------------------------------------------- conversion


def _tcvn3(text: str, upper_font: bool = False) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        cap = _TCVN3.get(ch, ch)
        low = _TCVN3.get(nxt, "")
        if cap != ch or ch in "AEIOUY":  # a capital vowel: "Aµ" → "À"
            plain = unicodedata.normalize("NFD", low)
            base = unicodedata.normalize("NFC", "".join(c for c in plain if c not in _TONE_MARKS))
            if low and _TCVN3_BASES.get(base) == cap and plain != base:
                out.append(low.upper())
                i += 2
                continue
        out.append(cap)
        i += 1
    result = "".join(out)
    return result.upper() if upper_font else result


def _vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        mark = _VNI_MARKS.get(ch) or _VNI_MARK_UP.get(ch)
        if mark and out and unicodedata.normalize("NFD", out[-1])[0] in _VNI_VOWELS:
            base = out[-1]
            nfd = unicodedata.normalize("NFD", base)
            if not any(c in _TONE_MARKS for c in nfd):  # one tone per letter
                out[-1] = unicodedata.normalize("NFC", base + mark)
                continue
        out.append(_VNI_SINGLE.get(ch, ch))
    return "".join(out)


def decode(text: str, encoding: str, upper_font: bool = False) -> str:
    """``text`` read as ``encoding`` (TCVN3 or VNI), in Unicode NFC; ``upper_font`` for ".VnTimeH"-style
    fonts that draw every letter as a capital."""
    if encoding == TCVN3:
        out = _tcvn3(text, upper_font)
    elif encoding == VNI:
        out = _vni(text)
    else:
        raise ValueError(f"unknown legacy encoding: {encoding}")
    return unicodedata.normalize("NFC", out)


def _caps_words(text: str, converted: str) -> str:
    """Words typed all in capitals stay all in capitals ("NGUYÔN" → "NGUYỄN", not "NGUYễN")."""
    src, dst = text.split(" "), converted.split(" ")
    if len(src) != len(dst):
        return converted
    out = []
    for s, d in zip(src, dst):
        letters = [c for c in s if c.isascii() and c.isalpha()]
        out.append(d.upper() if len(letters) >= 2 and all(c.isupper() for c in letters) else d)
    return " ".join(out)


@lru_cache(maxsize=65536)
def detect(text: str) -> str:
    """TCVN3, VNI or "" (Unicode or ASCII) for a text without a known font, by character statistics."""
    if text.isascii() or _LEGACY_CHARS.isdisjoint(text):
        return ""  # no character either encoding uses ("QĐ-UBND"): nothing to look at
    bad = _badness(text)
    if bad == 0:
        return ""  # real Unicode Vietnamese: never touched
    best, best_bad = "", bad
    for enc in (TCVN3, VNI):
        out = decode(text, enc)
        if out == text:
            continue
        score = _badness(out)
        # the conversion must read as Vietnamese (a stray word allowed in a long text only)
        words = len(_WORD.findall(out))
        if score < best_bad and (score == 0 or (words >= 5 and 5 * score < words)) and not any(
                _is_foreign(c) or c == "\u00ad" for c in out):
            best, best_bad = enc, score
    return best


# Every non-ASCII character a TCVN3 or VNI text can hold.
_LEGACY_CHARS = frozenset(_TCVN3) | frozenset(_VNI_MARKS) | frozenset(_VNI_MARK_UP) | frozenset(_VNI_SINGLE)


def column_encoding(texts: list[str]) -> str:
    """The legacy encoding of a whole column: the one detected in its cells, when no cell holds a letter
    that only Unicode has (ư, đ, ạ, ế ...). Then cells that read as Unicode too ("Thò Hoàng", VNI for
    "Thị Hồng") are that encoding as well; "" when the column is Unicode or mixed."""
    found: set[str] = set()
    for text in texts:
        if any(ch > "\u00ff" for ch in text):
            return ""  # a real Unicode letter: the column is (at least partly) typed in Unicode
        enc = detect(text)
        if enc:
            found.add(enc)
    return found.pop() if len(found) == 1 else ""


def to_unicode(text: str, encoding: str = "") -> tuple[str, str]:
    """``(Unicode NFC text, encoding used)``; ``encoding`` from the cell's font (``font_encoding``), else
    detected. ``(text, "")`` when there is nothing to convert."""
    upper_font = encoding == TCVN3 + "H"
    enc = TCVN3 if upper_font else encoding
    if not enc:
        enc = detect(text)
        if not enc:
            return text, ""
    if text.isascii() and not upper_font:
        return text, ""
    out = decode(text, enc, upper_font)
    if not upper_font:
        out = _caps_words(text, out)
    return (out, enc) if out != text else (text, "")


@lru_cache(maxsize=256)
def font_encoding(font: str | None) -> str:
    """"tcvn3", "tcvn3H" (upper-case TCVN3 font), "vni" or "" for a font name."""
    if not font:
        return ""
    name = font.strip().lower()
    if name.startswith(".vn") or name.startswith("vn3") or name.startswith("abc"):
        return TCVN3 + "H" if name.endswith("h") else TCVN3
    if name.startswith("vni-") or name.startswith("vni "):
        return VNI
    return ""


# ---------------------------------------------------------------- the other way (tests, demo data)

_TCVN3_ENCODE = {u: c for c, u in _TCVN3.items()}


def encode(text: str, encoding: str) -> str:
    """Unicode text as it is typed in a TCVN3 or VNI font (the inverse of :func:`decode`)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if encoding == TCVN3:
            if ch in _TCVN3_ENCODE:
                out.append(_TCVN3_ENCODE[ch])
            elif ch.lower() in _TCVN3_ENCODE and ch.isupper():  # "À" → "Aµ", "Ầ" → "¢Ç"
                plain = unicodedata.normalize("NFD", ch.lower())
                base = unicodedata.normalize("NFC", "".join(c for c in plain if c not in _TONE_MARKS))
                out.append(_TCVN3_ENCODE.get(_TCVN3_BASES[base], _TCVN3_BASES[base]) + _TCVN3_ENCODE[ch.lower()])
            else:
                out.append(ch)
        elif encoding == VNI:
            out.append(_vni_encode(ch))
        else:
            raise ValueError(f"unknown legacy encoding: {encoding}")
    return "".join(out)


_VNI_LETTER_ENCODE = {v: k for k, v in _VNI_LETTERS.items() if k not in "ìí"}
_VNI_MARK_ENCODE = {v: k for k, v in _VNI_MARKS.items()}


def _vni_encode(ch: str) -> str:
    up = ch.isupper()
    low = ch.lower()
    if low in _VNI_LETTER_ENCODE:
        out = _VNI_LETTER_ENCODE[low]
        return out.upper() if up else out
    nfd = unicodedata.normalize("NFD", low)
    if len(nfd) == 1 or low in "ìí":
        return ch
    base = nfd[0]
    marks = "".join(c for c in nfd[1:] if c not in _TONE_MARKS) + "".join(c for c in nfd[1:] if c in _TONE_MARKS)
    if base in "ou" and marks[0] == "\u031b":  # ơ, ư + tone
        base, marks = ("ô" if base == "o" else "ö"), marks[1:]
    if base == "i" and marks in _VNI_ENCODE_I:
        base, marks = _VNI_ENCODE_I[marks], ""
    if base == "y" and marks == "\u0323":
        base, marks = "î", ""
    mark = _VNI_MARK_ENCODE.get(marks, "") if marks else ""
    return (base.upper() + mark.upper()) if up else base + mark


_VNI_ENCODE_I = {"\u0323": "ò", "\u0303": "ó", "\u0309": "æ"}
