"""The pure core of raqib: text analysis, extraction, event and conflict rules (no I/O)."""
