"""claimex: claim and fact extraction from news text."""

__version__ = "0.1.0"
