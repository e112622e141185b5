"""Question understanding on general phrasings, and the English -> Japanese lexicon (no report's names)."""

from __future__ import annotations

import pytest

from assistant import lexicon
from assistant.lexicon.corpus import CorpusGlossary, romaji, spelling
from assistant.understand import english_to_japanese, plain_target_actual, understand


@pytest.mark.parametrize(("english", "japanese"), [
    ("grant", "交付金"),
    ("KPI", "KPI"),
    ("indicator", "指標"),
    ("target", "目標"),
    ("actual", "実績"),
    ("achievement rate", "達成率"),
    ("achieved", "達成"),
    ("budget", "事業費"),
    ("cost", "経費"),
    ("department", "担当課"),
    ("period", "事業期間"),
    ("evaluation", "評価"),
    ("policy", "方針"),
    ("baseline", "基準値"),
    ("trend", "推移"),
    ("municipality", "市町村"),
    ("partner city", "連携"),
    ("purpose", "目的"),
    ("participants", "参加者"),
    ("consultations", "相談"),
    ("visitors", "来館者"),
    ("employment", "雇用"),
    ("tourism", "観光"),
    ("migration", "移住"),
    ("childcare", "子育て"),
    ("startups", "創業"),
    ("engineers", "エンジニア"),
    ("training", "研修"),
    ("AI", "AI"),
    ("cities", "市"),
])
def test_lexicon_translates_field_terms(english: str, japanese: str) -> None:
    assert japanese in lexicon.lookup(english)


def test_lexicon_prefers_the_longest_phrase() -> None:
    assert lexicon.lookup("achievement rate") == ["達成率"]
    assert lexicon.spans("What was the achievement rate of the budget?")[0] == (("achievement", "rate"), ("達成率",))


def test_lexicon_file_is_well_formed_and_holds_no_report_names() -> None:
    lex = lexicon.load_lexicon()
    assert len(lex) > 150
    assert all(k == k.lower() and terms for k, terms in lex.items())
    values = {t for terms in lex.values() for t in terms}
    # Words of the shipped reports' KPI names and titles come from the corpus at index-open time, never from here.
    for name in ("赤煉瓦", "文化館", "研修修了者", "行動変容", "エンジニアカフェ", "福岡", "八女", "門司"):
        assert not any(name in v for v in values), name


@pytest.mark.parametrize("bad", ["grant交付金", "\t交付金", "grant\t"])
def test_lexicon_parse_rejects_malformed_lines(bad: str) -> None:
    with pytest.raises(ValueError):
        lexicon.parse(bad)


def test_lexicon_parse_merges_repeated_keys_and_skips_comments() -> None:
    lex = lexicon.parse("# comment\n\nBudget\t予算\nbudget\t経費,予算\n")
    assert lex == {"budget": ("予算", "経費")}


@pytest.mark.parametrize(("word", "single"), [
    ("cities", "city"), ("visitors", "visitor"), ("classes", "class"), ("bus", "bus"), ("analysis", "analysis")])
def test_singular(word: str, single: str) -> None:
    assert lexicon.singular(word) == single


@pytest.mark.parametrize(("kana", "expected"), [
    ("イトシマ", "itoshima"), ("キョウト", "kyouto"), ("ガッコウ", "gakkou"), ("マッチャ", "matcha"), ("シャ", "sha")])
def test_romaji(kana: str, expected: str) -> None:
    assert romaji(kana) == expected


@pytest.mark.parametrize(("a", "b"), [("kyuushuu", "Kyūshū"), ("kyushu", "Kyuushuu"), ("shinbashi", "Shimbashi"),
                                      ("tokyo", "Tōkyō"), ("osaka", "Ohsaka")])
def test_spelling_unifies_romanizations(a: str, b: str) -> None:
    assert spelling(a) == spelling(b)


def test_corpus_glossary_reads_names_from_the_records_it_is_given() -> None:
    # Made-up records: the glossary knows only what these names say.
    g = CorpusGlossary(["スマート農業セミナーの参加者数", "湯布院温泉の宿泊者数", "大分県別府市"])
    assert "セミナー" in g.lookup("How many joined the seminars?")  # loanword by its English source
    assert "スマート" in g.lookup("smart farming")
    assert "湯布院" in g.lookup("Yufuin hot springs")  # a name by its reading
    assert "別府" in g.lookup("Beppu City")
    assert "シティ" not in "".join(g.lookup("Beppu City"))
    assert g.lookup("the same take") == []  # short common words never answer by their reading
    assert CorpusGlossary([]).lookup("Engineer Cafe") == []


@pytest.mark.parametrize(("question", "lang", "asks"), [
    ("この事業の予算はいくら？", "ja", {"budget"}),
    ("事業期間はいつまで？", "ja", {"period"}),
    ("担当の部署はどこ？", "ja", {"department"}),
    ("連携している自治体は？", "ja", {"partner"}),
    ("事業の目的を教えて", "ja", {"purpose"}),
    ("今後の方針は？", "ja", {"policy"}),
    ("What is the budget of the tourism project?", "en", {"budget"}),
    ("Which department is in charge of the migration project?", "en", {"department"}),
    ("What is the purpose of the childcare project?", "en", {"purpose"}),
    ("How long is the project period?", "en", {"period"}),
])
def test_cues(question: str, lang: str, asks: set[str]) -> None:
    q = understand(question)
    assert q.lang == lang
    assert set(q.asks) == asks


@pytest.mark.parametrize(("question", "field", "value"), [
    ("目標を達成したKPIは？", "achieved", True),
    ("目標に届かなかった指標はどれ？", "achieved", False),
    ("Which KPIs missed their targets?", "achieved", False),
    ("達成率が一番低いKPIは？", "rank", "min"),
    ("Which indicator had the highest achievement rate?", "rank", "max"),
    ("達成率50%未満の指標は？", "threshold", ("<", 50.0)),
    ("KPIs below 80%", "threshold", ("<", 80.0)),
    ("参加者数の推移は？", "trend", True),
    ("How did the visitors change year by year?", "trend", True),
    ("基準値は？", "baseline", True),
    ("What was the baseline?", "baseline", True),
    ("相談件数は何件？", "quantity", True),
    ("How many consultations were there?", "quantity", True),
    ("その事業の実績は？", "followup", True),
    ("令和2年度の実績は？", "years", ("R2",)),
])
def test_question_flags(question: str, field: str, value: object) -> None:
    assert getattr(understand(question), field) == value


def test_english_question_carries_general_terms_only() -> None:
    q = understand("What was the achievement rate of the tourism KPI?")
    assert "達成率" in q.text and "観光" in q.text
    assert english_to_japanese("Did the startup support reach its target?").split() == ["創業", "起業", "支援", "目標"]
    assert understand("観光客数は？").text == "観光客数は?"  # Japanese questions are left as written


def test_western_fiscal_years_and_words_that_only_look_like_places():
    assert understand("空き店舗数、2021年度の実績は？").years == ("R3",)
    assert understand("令和2年度と2021年度").years == ("R2", "R3")
    assert understand("2021年4月に開始した事業").years == ()  # a date, not a fiscal year
    assert understand("中心市街地の空き店舗数").places == ()
    assert understand("福岡市内の大学").places == ("福岡市",)


def test_fiscal_years_written_fy_or_fiscal():
    assert understand("How much was the FY2020 budget for X?").years == ("R2",)
    assert understand("fiscal 2021 budget").years == ("R3",)
    assert "FY2020" in understand("FY2020の予算は？").cue_spans  # form, not a topic word


def test_jissai_asks_for_the_actual():
    q = understand("行動が変わった市民は実際何人だった？")
    assert q.kpi_words and plain_target_actual(q.text) == ["実際"]


def test_field_words_typed_in_kana_are_read_as_printed() -> None:
    q = understand("相談件数のたっせいりつは？")
    assert "達成率" in q.text and understand("達成りつは？").text.startswith("達成率")
    assert "budget" in understand("この事業のよさんはいくら？").asks


def test_an_amount_put_in_the_budget_is_a_budget_question() -> None:
    assert "budget" in understand("外国人材の受入・共生事業、３年度の事業費はいくら計上されてる？").asks
    assert "budget" in understand("令和6年度はいくら計上してるの？").asks


def test_everyday_verb_phrases_are_read_as_the_nouns_reports_count_in() -> None:
    assert "宿泊者" in understand("門司港のあたりに泊まった人、R4は何人？").text
    assert "観光入込客数" in understand("温泉街に来た観光客の数は？").text
    assert "歩行者" in understand("休みの日に歩いてる人はどれくらい？").text
    assert understand("泊まるところはある？").text == "泊まるところはある?"  # no 人 or 客 after it: as it is


def test_a_change_in_points_of_a_share_named_kpi_and_growth_in_english_are_differences() -> None:
    assert understand("町外へ通勤する就業者の割合、基準値から何ポイント改善した？").derived == "diff"  # 割合: its name
    assert understand("How much did it grow from the baseline?").derived == "diff"
    assert understand("達成した指標の割合は？").derived == "share"


def test_cue_windows_tell_a_cue_inside_a_title_from_the_questions_own() -> None:
    from assistant.understand import cue_windows
    title = "高齢者の就労継続支援事業"
    own = [w for w in cue_windows("policy", "高齢者の就労継続支援事業の今後の方針は？") if w not in title]
    assert own  # 「の方針は」: asked, though 継続 of the title is a policy cue too
    assert all(w in "GIGAスクール構想と連携したふるさと学習推進事業"
               for w in cue_windows("partner", "GIGAスクール構想と連携したふるさと学習の事業、未達の指標は？"))
