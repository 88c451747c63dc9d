"""interview-sim: rehearse AI engineering interviews. Kept import-free so `interview --help` is fast."""

import os

# Retrieval multiplies matrices of a few hundred rows; OpenBLAS's worker threads cost more than they
# save there (a turn took 40% longer, and twice the CPU, with them) and busy-wait on the second core.
# Set before anything imports numpy; an explicit setting in the environment wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
