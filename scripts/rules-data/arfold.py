"""Arabic folding used only to compare patterns (duplicates, collisions).

Mirrors the engine's matching normalization described in shared/docs/arabic-text.md:
diacritics and tatweel removed, alef variants -> ا, ى -> ي, ة -> ه, Persian letters
folded, joiners removed, whitespace collapsed. Standard library only.
"""
import re
import unicodedata

_DIACRITICS = re.compile(
    "[\u064B-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u200C-\u200F\u061C\uFEFF]"
)
_MAP = str.maketrans({
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    "\u0672": "\u0627", "\u0673": "\u0627", "\u0675": "\u0627",
    "\u0649": "\u064A", "\u0629": "\u0647",
    "\u06CC": "\u064A", "\u06CD": "\u064A", "\u06CE": "\u064A", "\u06D0": "\u064A",
    "\u06D1": "\u064A", "\u06D2": "\u064A",
    "\u06A9": "\u0643", "\u06AA": "\u0643", "\u06AB": "\u0643", "\u06AC": "\u0643",
    "\u06AD": "\u0643", "\u06AE": "\u0643", "\u06AF": "\u0643", "\u06B0": "\u0643",
    "\u06B1": "\u0643", "\u06B2": "\u0643", "\u06B3": "\u0643", "\u06B4": "\u0643",
    "\u06C1": "\u0647", "\u06C0": "\u0647", "\u06C2": "\u0647", "\u06BE": "\u0647",
    "\u067E": "\u0628", "\u0686": "\u062C", "\u0698": "\u0632", "\u06A4": "\u0641",
    "\u00A0": " ", "\u202F": " ",
})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_MAP)
    return " ".join(text.split())


def strip_marks(text: str) -> str:
    """Remove harakat/tatweel only (keeps hamza letters and teh marbuta)."""
    return " ".join(_DIACRITICS.sub("", text).split())
