"""Rule packs. Each module holds one pack; ``PACK_CLASSES`` is the registry by id."""

from __future__ import annotations

from .adlaw import AdLawPack
from .base import Document, Pack
from .consistency import ConsistencyPack
from .names import NameEntry, NamesPack
from .numbers import NumbersPack
from .punctuation import PunctuationPack
from .sensitive import SensitivePack
from .typos import Correction, TyposPack
from .usage import UsagePack

PACK_CLASSES: dict[str, type[Pack]] = {
    cls.id: cls
    for cls in (
        TyposPack,
        SensitivePack,
        AdLawPack,
        PunctuationPack,
        NumbersPack,
        NamesPack,
        ConsistencyPack,
        UsagePack,
    )
}

__all__ = [
    "PACK_CLASSES",
    "AdLawPack",
    "ConsistencyPack",
    "Correction",
    "Document",
    "NameEntry",
    "NamesPack",
    "NumbersPack",
    "Pack",
    "PunctuationPack",
    "SensitivePack",
    "TyposPack",
    "UsagePack",
]
