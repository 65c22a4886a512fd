"""Matrix products of the spaCy pipeline through numpy's BLAS instead of thinc's bundled BLIS.

thinc's ``NumpyOps.gemm`` calls the BLIS library bundled with the ``blis`` package. BLIS picks its
kernels by CPU model and, on a CPU it does not know, falls back to its portable reference kernel: on
this project's machine (AMD family 0x1A, Zen 5) ``BLIS_ARCH_DEBUG=1`` prints "selecting
sub-configuration 'generic'", and that kernel alone took a third of the NER component's time. numpy's
OpenBLAS has kernels for it and, on one thread, does the pipeline's products 2 to 5 times faster.

:func:`use_numpy_matmul` gives every model of the pipeline an :class:`NumpyMatmulOps`, which is thinc's
``NumpyOps`` with ``gemm`` done by ``numpy.dot``; every other op (maxout, hash embedding, the parser's
per-step loop) stays thinc's. The products are the same up to float32 rounding: on the 84 PolNeAR dev
texts (81,742 tokens) every tag, dependency, head, entity and sentence start came out the same, and a
full parse took about a quarter less CPU (``bench/extract_speed.py`` reports it).

OpenBLAS is limited to one thread per process (with ``threadpoolctl``): with two threads on this
2-core machine a parse took a tenth less wall time for 60 % more CPU, and ``--workers`` already puts one
process on each core.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from thinc.api import NumpyOps
from thinc.backends.ops import Ops

if TYPE_CHECKING:
    from spacy.language import Language
    from thinc.types import Floats2d

log = logging.getLogger("onrecord")

BLAS_THREADS = 1


class NumpyMatmulOps(NumpyOps):
    """thinc's ``NumpyOps`` whose ``gemm`` is ``numpy.dot`` (the generic ``Ops`` implementation)."""

    def gemm(
        self,
        x: Floats2d,
        y: Floats2d,
        out: Floats2d | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Floats2d:
        return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_matmul(nlp: Language) -> int:
    """Give every thinc model node of ``nlp`` a :class:`NumpyMatmulOps`; returns how many it changed.

    Nodes on other ops (a GPU, Apple's) are left alone. The process's BLAS runs one thread from here on.
    """
    from threadpoolctl import threadpool_limits

    ops = NumpyMatmulOps()
    changed = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed += 1
    if changed:
        threadpool_limits(limits=BLAS_THREADS, user_api="blas")
    log.debug("%d model nodes multiply through numpy's BLAS", changed)
    return changed
