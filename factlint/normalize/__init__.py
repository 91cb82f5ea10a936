"""Stage 2 — normalize: working text (NFC, LF) with a map back to the file as written,
comparison keys for Vietnamese, and the document's structure (zones and sentences)."""

from factlint.normalize.keys import Folder, fold_syllable_tone
from factlint.normalize.text import Document, make_document

__all__ = ["Document", "Folder", "fold_syllable_tone", "make_document"]
