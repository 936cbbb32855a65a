"""numpy's BLAS runs on one thread, unless you chose a number yourself.

numpy hands every matrix product to its BLAS (OpenBLAS in numpy's wheels), which
starts one thread per core. For the small products of this course a second thread
gains little, and when another program holds a core it makes training several
times slower: that thread waits for a core it cannot get. So importing ``helpers``
sets numpy's BLAS to one thread, for the references and your own code alike.

If you set one of the variables below before starting Jupyter (for example
``OPENBLAS_NUM_THREADS=2``), your choice stands and nothing here changes it.
``benchmarks/threads.py`` measures one thread against two, idle and with a core busy.
"""

import os

import numpy  # noqa: F401 - loads numpy's BLAS, so that there is a BLAS to limit
from threadpoolctl import threadpool_limits

YOUR_CHOICE = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
               "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


def use_one_thread():
    """Limit numpy's BLAS to one thread, unless a variable of ``YOUR_CHOICE`` is set."""
    if not any(os.environ.get(name) for name in YOUR_CHOICE):
        threadpool_limits(limits=1, user_api="blas")
