"""The spaCy pipeline built from rules/: its tokenizer, and saving and loading it."""

import spacy
from spacy.attrs import IDX, LIKE_NUM, NORM, ORTH
from spacy.tokens import Doc

from pipeline.nlp import build_nlp, process, spans

TEXT = (
    "Ciudad de México, a 2 de enero de 2018\nINAI/002/18\n\n  D.F. y Q. Roo: 1,250 personas; **26** entidades…"
    "  político-electoral (14:27 h), 30% y 2/01/2018.\t\u00a0Fin"
)


def test_tokens_reproduce_the_text_and_keep_numbers_identifiers_and_initials_whole():
    nlp = build_nlp()
    doc = nlp.make_doc(TEXT)
    assert doc.text == TEXT
    words = [t.text for t in doc if not t.is_space]
    for whole in ("INAI/002/18", "D.F.", "1,250", "político-electoral", "14:27", "2/01/2018", "…"):
        assert whole in words, whole
    assert words[words.index("30") + 1] == "%"
    assert words[words.index("Roo") + 1] == ":"
    assert words.count("*") == 4


def test_word_ids_give_the_doc_that_strings_give_on_first_sight_and_after():
    """The tokenizer hands Doc() ids from its own table; a word new to the vocabulary and a known one
    must both come out as Doc() would make them from the strings."""
    nlp = build_nlp()
    attrs = [ORTH, NORM, IDX, LIKE_NUM]
    for text in (TEXT, TEXT, "Palabranueva ÚNICA Zacatecas 2019 " + TEXT):
        doc = nlp.make_doc(text)
        from_strings = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        assert doc.to_array(attrs).tolist() == from_strings.to_array(attrs).tolist()
        assert [t.norm_ for t in doc] == [t.norm_ for t in from_strings]
    assert nlp.tokenizer.orths["Palabranueva"] == nlp.vocab.strings["Palabranueva"]
    assert (
        "Palabranueva" not in build_nlp().tokenizer.orths
    )  # a fresh pipeline: a fresh table with its fresh vocabulary


def test_the_pipeline_saves_and_loads(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names

    def matches(pipeline):
        doc = process(pipeline, TEXT)
        return [(s.label_, s.start_char, s.end_char) for s in spans(doc)]

    assert matches(loaded) == matches(nlp)
    assert ("state:09", 0, 16) in matches(loaded)


def test_the_senters_own_list_of_sentence_starts_is_the_doc_s():
    """extract reads sentence starts from the list bulletin_senter keeps, not from the Doc: they must agree."""
    import numpy
    from conftest import CORPUS_DEV
    from spacy.attrs import SENT_START

    from pipeline.ingest import ingest_file
    from pipeline.nlp import SENT_STARTS_KEY, sentence_starts

    nlp = build_nlp()
    checked = 0
    for path in sorted(CORPUS_DEV.glob("*.*")):
        if path.suffix not in (".txt", ".pdf"):
            continue
        doc = process(nlp, ingest_file(path).text)
        from_doc = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
        assert doc.user_data[SENT_STARTS_KEY] == from_doc == sentence_starts(doc)
        assert from_doc == [s.start for s in doc.sents]
        checked += 1
    assert checked >= 10  # the development bulletins, .txt and .pdf


def test_the_tokenizers_offsets_are_the_doc_s():
    """The senter and the rules read token ids and offsets from the lists the tokenizer hands over, not
    from the Doc: they must agree with it, and a Doc made without the tokenizer must give the same."""
    from conftest import CORPUS_DEV
    from spacy.tokens import Doc as SpacyDoc

    from pipeline.ingest import ingest_file
    from pipeline.nlp import TOKENS_KEY, token_columns

    nlp = build_nlp()
    checked = 0
    texts = [ingest_file(p).text for p in sorted(CORPUS_DEV.glob("*.*")) if p.suffix in (".txt", ".pdf")]
    for text in texts + ["", "  ", "Dos.  Tres\n\n– cuatro …"]:
        doc = process(nlp, text)
        from_doc = ([t.orth for t in doc], [t.idx for t in doc], [t.idx + len(t.text) for t in doc])
        assert doc.user_data[TOKENS_KEY] == from_doc
        plain = SpacyDoc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        assert token_columns(plain) == from_doc
        checked += 1
    assert checked >= 13  # the development bulletins, .txt and .pdf, and three edge cases
