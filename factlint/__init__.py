"""factlint: a source-consistency linter for news text (Vietnamese first)."""

__version__ = "0.2.0"
