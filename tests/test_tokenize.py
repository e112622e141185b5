"""Table-driven tests of the Japanese tokenizer (fugashi + unidic-lite)."""

import pytest

from assistant.tokenize import JapaneseTokenizer, normalize


@pytest.fixture(scope="module")
def lemma() -> JapaneseTokenizer:
    return JapaneseTokenizer("lemma")


@pytest.fixture(scope="module")
def surface() -> JapaneseTokenizer:
    return JapaneseTokenizer("surface")


LEMMA_CASES = [
    # particles, auxiliaries and the final 。 dropped
    ("日本語ですよ。", "日本 語"),
    ("エンジニアの相談に対応した", "エンジニア 相談 対応 為る"),
    # thousands separators removed before tagging (full-width comma too)
    ("入館者数は51,402人", "入館 者 数 51402 人"),
    ("1,234,567円と１２，３４５円", "1234567 円 12345 円"),
    ("1,2,3", "1 2 3"),
    # full-width digits and letters: NFKC, then ASCII lowercased
    ("ＡＩ人材１２３人", "ai 人材 123 人"),
    ("ＫＰＩの達成率", "kpi 達成 率"),
    # katakana loanwords: the "-engineer" gloss of the unidic lemma is stripped
    ("エンジニアカフェ", "エンジニア カフェ"),
    ("スタートアップのワークショップ", "スタートアップ ワークショップ"),
    # orthographic variants meet in the lemma
    ("赤煉瓦文化館", "赤 煉瓦 文化 館"),
    ("赤レンガ", "赤 煉瓦"),
    # conjugated verbs reduced to the dictionary form
    ("研修を行いました", "研修 行う"),
    # mixed English; unknown words keep their surface (lemma is None)
    ("Engineer Cafeで相談", "engineer cafe 相談"),
    ("髙橋さん", "髙橋 さん"),
    # proper nouns keep their spelling, not unidic's katakana reading
    ("福岡市（代表）、糸島市", "福岡 市 代表 糸島 市"),
    # decimals, percent and fiscal-year codes stay whole; dotted dates do not
    ("達成率は95.0％", "達成 率 95.0 %"),
    ("R2n目標", "r2n 目標"),
    ("R2.5.20に開設", "r2 5 20 開設"),
    # nothing to index
    ("", ""),
    ("   \n\t　", ""),
    ("※【】・〜「」。、", ""),
]


@pytest.mark.parametrize(("text", "expected"), LEMMA_CASES)
def test_lemma_tokens(lemma: JapaneseTokenizer, text: str, expected: str) -> None:
    assert lemma(text) == expected.split()


SURFACE_CASES = [
    ("赤レンガ", "赤 レンガ"),
    ("研修を行いました", "研修 行い"),
    ("エンジニアカフェの相談件数は120件でした。", "エンジニア カフェ 相談 件数 120 件"),
    ("ＡＩ", "ai"),
]


@pytest.mark.parametrize(("text", "expected"), SURFACE_CASES)
def test_surface_tokens(surface: JapaneseTokenizer, text: str, expected: str) -> None:
    assert surface(text) == expected.split()


CONTENT_CASES = [
    ("エンジニアカフェの相談件数は何件ですか？", "エンジニア カフェ 相談 件数 件"),
    ("研修を行うことができる", "研修 行う"),
    ("赤レンガの入館者数", "赤 煉瓦 入館 数"),
]


@pytest.mark.parametrize(("text", "expected"), CONTENT_CASES)
def test_content_words(lemma: JapaneseTokenizer, text: str, expected: str) -> None:
    assert lemma.content_words(text) == expected.split()


def test_content_words_surface_form_matches_raw_text(lemma: JapaneseTokenizer) -> None:
    assert lemma.content_words("赤レンガの入館者数", form="surface") == ["赤", "レンガ", "入館", "数"]


def test_normalize() -> None:
    assert normalize("２年度　67,055") == "2年度 67055"


def test_bad_form() -> None:
    with pytest.raises(ValueError, match="lemma"):
        JapaneseTokenizer("base")  # type: ignore[arg-type]


def test_id_names_form(lemma: JapaneseTokenizer, surface: JapaneseTokenizer) -> None:
    assert lemma.id != surface.id
