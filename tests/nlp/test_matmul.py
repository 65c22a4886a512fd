"""Matrix products through numpy's BLAS give the parse that thinc's BLIS gives."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from onrecord.nlp import load_pipeline, use_numpy_matmul
from onrecord.nlp.matmul import NumpyMatmulOps

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ATTRS = [ORTH, TAG, DEP, HEAD, POS, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    stock, fast = load_pipeline(), load_pipeline()
    assert use_numpy_matmul(fast) > 0
    return stock, fast


def test_every_numpy_model_node_multiplies_through_numpy(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    for name, component in fast.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        assert all(isinstance(node.ops, NumpyMatmulOps) for node in model.walk()), name
    stock_ops = {type(node.ops) for node in stock.get_pipe("ner").model.walk()}
    assert stock_ops == {NumpyOps}  # the other pipeline is untouched


def test_gemm_matches_numpy_dot_with_transposes_and_out() -> None:
    ops = NumpyMatmulOps()
    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5), dtype="float32")
    y = rng.random((6, 5), dtype="float32")
    numpy.testing.assert_allclose(ops.gemm(x, y, trans2=True), x @ y.T, rtol=1e-6)
    numpy.testing.assert_allclose(ops.gemm(x.T, y.T, trans1=True), x @ y.T, rtol=1e-6)
    out = numpy.zeros((7, 6), dtype="float32")
    assert ops.gemm(x, y, out=out, trans2=True) is out
    numpy.testing.assert_allclose(out, x @ y.T, rtol=1e-6)


def test_sample_articles_parse_the_same(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    assert texts, "the bundled samples are missing"
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all()
        assert [(e.text, e.label_) for e in expected.ents] == [(e.text, e.label_) for e in got.ents]


def test_blas_runs_one_thread_after_setup(pipelines: tuple[Language, Language]) -> None:
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS was not found"
    assert all(pool["num_threads"] == 1 for pool in blas)
