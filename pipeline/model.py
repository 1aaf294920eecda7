"""Old name of :mod:`pipeline.document`, kept only until ``segment`` imports the new name."""

from .document import Block, BlockKind, Document, Segment, SegmentedDocument, SourceLine

__all__ = ["Block", "BlockKind", "Document", "Segment", "SegmentedDocument", "SourceLine"]
