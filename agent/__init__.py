"""interview-sim: rehearse AI engineering interviews. Kept import-free so `interview --help` is fast."""

__version__ = "0.1.0"
