"""Question understanding: what is asked (intent, ranking, threshold, follow-up) and which words carry the topic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import eras, lexicon
from .reading import normalize

# Each cue list is about the *kind* of question, never about a particular report's names. Weak cues (いくら,
# 申請) also occur in KPI questions (輸出額はいくら, オンライン申請の利用率): they only count when no KPI is named.
_CUES: dict[str, str] = {
    # 実績額 / 決算額 are how summary tables head the money column (実績額（単位:円）): money, not a KPI's 実績.
    "budget": r"交付対象事業経費|交付対象経費|予算|経費|事業費|じぎょうひ|費用|交付額|交付金額|実績額|決算額|決算(?!書)|計上|予定額|計画額|budget|cost|spend|spent|expens",
    "period": r"期間|いつから|いつまで|何年度まで|何年間|開始年度|終了年度|"
              r"(事業|取り?組み?|プロジェクト)[^。?]{0,6}(いつ|何年度)[^。?]{0,3}(始|終|開始|終了)|"
              r"(始まる|始まった|終わる|終わった|終了する)(のは)?(何年度|いつ)|^(で、?|じゃあ、?)?いつ(終わ|始ま)|"
              r"period|how long|which years",
    "department": r"担当|部署|所管|どこの課|どの課|どの部|課は|department|responsible|in charge",
    "partner": r"連携(先|して|する|している|した)|共同|一緒に|代表|どこの(市|町|自治体)|どの(市|町|自治体)|自治体|"
               r"(市|町|村)以外に?は?(どこ|どの)|どこ(が|と)参加|相手(は|って|の)?(どこ|誰|だれ)|"
               r"(市|町|村)だけ|単独|ほかの(市|町|村)|他の(市|町|村)|partner|which cities|municipalit",
    "purpose": r"目的|ねらい|狙い|何のため|何をめざ|何を目指|(なんで|なぜ|どうして)[^。?]{0,12}(事業|取り?組)[^。?]{0,8}(やる|始め|実施す)|"
               r"(事業|取り?組)[^。?]{0,8}(なんで|なぜ|どうして)[^。?]{0,6}(やる|始め|実施す)|purpose|aim|goal|why",
    "grant": r"交付金(の(種類|タイプ)|は(?!いくら|何円|どれだけ))|タイプ|先駆|横展開|grant type",
    # The report's own verdicts on a project (効果検証): 事業の評価, 今後の方針, 事業の成果.
    # 重要業績評価指標 / 評価指標 is what a KPI is called, not the project's evaluation.
    "evaluation": r"評価(?!指標)|(効果)?検証(の)?結果|効果(が|は|の)?(あっ|なかっ|な(い|し)|的で)|(最も|一番|いちばん)効果的|有識者|外部委員|evaluation|evaluated|"
                  r"rated|most effective",
    "policy": r"方針|方向性|終わった(あと|後)[^。?？]{0,6}どう|終了後[^。?？]{0,6}どう|(なぜ|なんで|どうして)終了|終了(なの|になった|の理由|した理由)|継続|見直|廃止|中止|打ち切|今後(どう|は(どう|\?|？|$)|の予定)|(このまま|今後も|来年度も)続け|"
              r"(この(あと|後|先)|これから)[^。?？]{0,8}(どう|続)|future plan|be continued",
    "outcome": r"(事業|取り?組み?)の(成果|効果)|成果(は|を|が|って)(?!指標)|事業効果|どんな(成果|効果)|(?<!解決)課題(?!数)(?![^。?]*(何|いくつ))|問題点|反省点|outcome",
}
# The grant's share of a project's cost (うち交付金), asked in so many words.
GRANT_SHARE = (r"(?:うち(?:国の)?)?交付金(?:の|部分の?)?(?:合計|総)?(?:額|金額)|うち(?:国の)?交付金|"
               r"交付金(?:は|って|が)?(?:いくら|何円|どれだけ|どのくらい)|交付額|国(?:から)?の(?:交付金|補助)(?:は|って|が)?(?:いくら|何円|どれだけ)|"
               r"(?:事業費|経費|決算額?|予算額?)(?:と|、)(?:国の)?交付金(?:額)?(?:は|を|って|\?|$)")  # 「事業費と国の交付金は？」


def count_words(text: str) -> str:
    """The words that ask for a count (「の数」「いくつ」 of 「KPIの数は？」): form, not a topic."""
    m = re.search(_COUNT, text, re.IGNORECASE)
    return m.group(2) if m and m.group(2) else ""


def asks_grant_share(text: str) -> bool:
    """Does the question ask for the grant's share of the cost (not which grant: 「そのうち交付金がSociety5.0タイプなのは？」)?"""
    return _has(GRANT_SHARE, text) and not _has(r"タイプ|種類|先駆|横展開|名称", text)


_FEE = r"受講料|参加費|利用料|入場料|手数料|会費|運賃|料金|無料|有料"
_WEAK_CUES: dict[str, str] = {
    "budget": r"金額|いくら|幾ら|お金|money",
    "partner": r"申請",
}
_ACHIEVED = r"目標(を)?割れ|達成(?!率|状況|度)|目標(値)?に達し|目標[にはを]?(いった|行った|到達)|未達|届い|届か|クリア|上回|下回|超え|満た|achiev|met|meet|miss|reach|exceed"
_NOT_ACHIEVED = r"目標(を)?割れ|目標(値)?に達し(なかった|ていない|てない|ない|ません)|未達|届か|届いてい?ない|超えてい?ない|超えなかった|下回|満たな|達成(でき|し)てい?ない|達成しなかった|達成でき(なかった|ず|ません)|未達成|missed|not (met|achiev|reach)|fell short|below target"
_RANK_MIN = r"(一番|最も|もっとも|いちばん)[^、。?]{0,8}?(低|悪|少な|小さ|ひど|酷|よくな|良くな|ひく|わる|すくな|ちいさ)|最低|最小|下位|(低|悪|少な|小さ)い[^。、?]{0,8}?\d+\s*(つ|件|個)|ワースト|最下位|lowest|worst|least|smallest"
_RANK_MAX = r"(一番|最も|もっとも|いちばん)[^、。?]{0,8}?(高|良|多|大き|かけ|掛け|使っ|費や|たか|おお)|最高|上位|(高|良|多|大き)い[^。、?]{0,8}?\d+\s*(つ|件|個)|ベスト|(?<![ァ-ヶ])トップ|最大|highest|best|most|largest|biggest"
_LIST = (r"どれ|該当する|挙げ|(って|は|が)(ある|あります)(\?|か|の|$)|どの|一覧|すべて|全て|全部|リスト|いくつ|何個|何件ある|ものは|KPIは\?|指標は\?|KPIを|指標を|"
         r"教えて|並べ|which|list|all\b|how many kpi|それぞれ(何|なに|どれ)|\d+(つの)?(指標|KPI)(は|を|って|が)")
_KPI_WORD = r"重要業績評価指標|KPI|kpi|指標|目標|実績(?!額)|達成率|達成度|数値|成果|基準値|現状値|やる予定|する予定|実際(は|に|何|の数|いくつ)"
# Over the years: each fiscal year's 目標・実績 of a KPI, in year order.
_TREND = (r"推移|経年|年次|年度(ごと|毎|別)|各年度|毎年度?|年(ごと|毎)|移り変わ|変遷|(どう|どのように)変わ|変化|"
          r"trend|over the years|each year|year by year|by year")
_BASELINE = r"基準値|基準年|基準(から|と比べ|より)|現状値|当初値|ベースライン|baseline"
_QUANTITY = r"何(人|名|件|回|世帯|社|団体|か所|箇所|校|本|台|戸|日|%|％)|人数|数(は|を|って|が)|どれくらい|どのくらい|どこまで|いくつ|how many|how much"
_TOPIC_STRONG = (r"(事業|施策|取り?組み?)(には|として|で)?[^。]{0,4}(何が|なにが|どんな|どういう)|"
                 r"(事業|取り?組み?|プロジェクト|施策)(は|って|を|が)?(ある|あり|ありますか|どれ|何|なに|教えて|まとめて|\?|$)|"
                 r"(事業|取り?組み?|プロジェクト|施策)(について|の概要|の一覧)|"
                 r"(事業|プロジェクト)[^。?]{0,12}(全部|ぜんぶ|すべて|全て|一覧|並べ|ならべ|挙げ|あげて|リストアップ|列挙|ひととおり|一通り)|"
                 r"which projects?|projects? (about|on|deal|related)")
_TOPIC = _TOPIC_STRONG + r"|関係|関連|扱|についての事業|related to"
_DETAIL = r"いつ|どこ|誰|何を|どんな|どのような|内容|何人|何名|何回|開催|実施した|やった|行った|when|where|who|what"
_FOLLOWUP = r"^(その|この|それ|これ|そこ|同じ|上記|さっき|先ほど|前の|じゃあ|では|では、|それでは|あと|他に|ほかに)|その|この事業|それぞれ|\b(it|its|that|those|them|this|these)\b"
_LOWER_BETTER = r"下回[^。]*(のに|けど|ながら)[^。]*達成|達成[^。]*(のに|けど)[^。]*下回|低いほど|少ないほど|小さいほど|逆の指標|減少を(目指|めざ)|減らすことを目標|lower is better|lower-is-better|低い方が良い|目標値?\s*[÷/]\s*実績値?"
_COMPARE = r"どっち|どちら|比べ|比較|compare|which is higher"
_COUNT = r"(KPI|kpi|指標|事業(?![者所主費]))[^。]{0,8}(いくつ|幾つ|何件|何個|数は|の数)|how many (kpis|projects|indicators)"
_ACTIVITIES = r"何をやった|何をした|何をして|何をやって|(やった|した|行った|実施した)(こと|内容)|具体的|取り?組み?内容|活動内容|事業内容|どんなこと|what did|activities"
_MISSING = r"(実績|値|数値|数字)が?(入って|書かれて|記入されて|載って)(い)?ない|記載(が)?ない|未記載|実績がない|(実績|達成率)が(出て(い)?ない|まだ)|欠損|空欄|未確定|わからない|不明|missing|not reported"
_THRESHOLD = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:%|パーセント|％)\s*(未満|以下|以上|超|を超え|より(?:低|少|下)|より(?:高|多|上)|に満たない|を下回|を上回|を?切|を?割)"
    r"|(below|under|less than|above|over|more than|at least)\s*(\d+(?:\.\d+)?)\s*%")
_VALUE_WORD = r"基準値|現状値|目標(?!を?達成|に(?:届|達))値?|実績|達成率"  # (「目標達成したKPIの数」 counts KPIs)
# 「基準値はいくつ？」 asks a value, not a list (いくつ is also 「どれがいくつある」)
_VALUE_HOW_MUCH = r"(基準値|現状値|目標値?|実績値?|達成率|達成度)(は|って|が)(いくつ|何)"
_HALF = r"(目標|達成率)?の?半分(に|にも|を)?(届いてい?ない|届かない|届かなかった|満たない|未満|以下|を?下回|を?切)"
# Arithmetic a question asks for on figures the reports print (differences, sums, averages, shares, conversions).
_DIFF = (r"差(は|を|が|って|額|分)?|増減|(増加|減少)(額|分|数|幅)|からの(増加|減少)|"
         r"(令和|平成|R|H)\s*(元|\d{1,2})\s*(年度)?\s*(→|⇒|->|から)\s*(令和|平成|R|H)?\s*(元|\d{1,2})\s*(年度)?\s*(の|で|に)?(増|減|変化|差)|ギャップ|(前の年|前年度?|昨年度?|去年)(と比べ|より|比)|あと(何|どれ|いくら|いくつ)|足りな|足りませ|"
         r"不足(分|数|量|額)?|届かなかった(分|数|量)|"
         r"(何|どれだけ|どれくらい|どのくらい|いくら|いくつ)[^。、]{0,4}"
         r"(多|少な|上回|下回|超え|超過|オーバー|増え|増加|減(っ|る|り|少)|届か|届いてい?な|短(く|縮)|長く|伸び|縮|低か|高か|未達)|"
         r"(上回|下回|超え|増え|減っ)(た|る)(分|数|量|額)|何(%|％|パーセント|割)[^。、]{0,3}(増|減|伸|アップ|ダウン)|"
         r"(何|どれだけ|どれくらい|どのくらい|いくら|いくつ)[^。、]{0,4}(届きませ|上回りま|下回りま|超えま)|"
         r"何ポイント[^。、]{0,4}(改善|悪化|上が|下が|増|減|伸|低下|上昇|縮)|"
         r"how (many|much) (more|less|fewer)|short of|difference|by how (much|many)|\bgap\b|how far (off|short|from)|"
         r"how (much|many)\b[^?]{0,30}\b(grow|grew|increase|decrease|drop|fall|fell|rise|rose|improve)|"
         r"how (much|many)\b[^?]{0,60}\b(exceed|surpass|beat|miss|fall short|fell short|go over|went over)")
_SUM = r"合計|合わせ|あわせ|(?<!不)足す|たす|(?<!不)足し|総額|総計|トータル|全部で|\btotal\b|\bsum\b"
_AVG = r"平均|average|mean"
_RATIO = r"何倍|倍(くらい|ぐらい|ほど)?(に|で)?(なっ|増え|伸び)|how many times"
_SHARE = r"何割|割合|比率|シェア|占め|うち[^。?]*何(%|パーセント)|share of|proportion"
_CONVERT = r"換算|円で(は|言うと|いうと)?|円単位|千円単位|in yen"
# A reference to what the previous answer listed: 「その2つ」「上の3つ」「その中で」「それぞれ」.
# 上の / 上記 as a word of their own: not the tail of 以上の, 向上の, 売上の (「所得向上の事業」 refers to nothing).
_UP = r"(?<![一-龥々ァ-ヺ])"
REF = (rf"(その|{_UP}上の|{_UP}上記の?|これらの?|それらの?|前の|最初の|先の)\s*(\d+|[一二三四五六七八九十]|ふた|みっ|よっ|いつ)\s*(つ|件|個|事業|指標)|"
       rf"その(中|うち)|そのなか|これらの?(中|うち)|{_UP}上の|{_UP}上記|それぞれ|両方|どちらも|前者|後者")
# 「それに対してどうする？」「対策は？」: the question asks what the report says will be done.
WHAT_NEXT = re.compile(r"(どう|何を)(する|していく|対応|改善|手を打)|対策|対応策|改善策|打ち手|テコ入れ")
KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "ふた": 2, "みっ": 3, "よっ": 4, "いつ": 5}
# Words of a question's form that name no topic (the reports never need to print them).
# Words that ask (名称 → a name, 内容 → what): when the reports never use them they name nothing to look for.
_FORM = (r"(?:ブランド|商品|施設|拠点|アプリ|サイト|イベント)名|タイトル|題名|演題|重要業績評価指標|リストアップ|設定され|設定して|報告書全体|資料全体|全体で|全体の中で|該当|複数|単位|額|実施分|示され|伺い|お示し|説明を求め|挙げられ|名称|名前|内容|詳細|概要|"
         r"方法|形式|形態|手段|具体的|テーマ|会場|場所|言語|何語|どういう形|どんな形|頻度|ペース|相手|時点|日時|時期|数字|代わり|かわり|他の|ほかの|課題|問題点|反省点|やつ|西暦|和暦|ごめん|すみません|失礼|自体|そのもの|そもそも|ちょうだい|頂戴|ください|下さい|ほしい|欲しい|意味|逆に|逆は|記事|確認|取材|ほかに|他に|(?<=[市町村])ほか|順番?に|順で|番号と名前|名前と番号|質問|お尋ね|問い合わせ|去年|昨年|前年度?|前の年|本当|"
         r"話(は|が)?(変わ|かわ)|ところで|別の質問")
# A bare name as the whole question (「応用研修のほうは？」「じゃあ相談対応件数は？」): the rest is the last question's.
_ELLIPSIS = re.compile(r"^(?:じゃあ|では|なら|それなら|で|ごめん|すみません)?[、,]?\s*[^。、?？\s]{1,20}?(?:の(?:ほう|方))?(?:は|も|だと|では|で)\s*[?？]?$")
# A turn that starts a new topic: what the conversation was about no longer carries over.
_NEW_TOPIC = r"話(は|が)?(変わ|かわ)|ところで|別の質問|別件|次に"
_WESTERN_FY = re.compile(r"(?<![\d.,])(19[89]\d|20[0-4]\d)\s*年(?:度)?(?!\s*\d{1,2}\s*月)|"
                         r"(?<![A-Za-z])(?:FY|fiscal(?: year)?)\s*(19[89]\d|20[0-4]\d)(?!\d)", re.I)
# A place name: kanji / katakana before 都道府県市町村. Hiragana names (みどり川町) were tried and cost held-out items
# by catching ordinary phrases, so they stay out (eval/RESULTS.md).
_PLACE = re.compile(r"([一-龯ァ-ヶ]{1,6}?(?:都|道|府|県|市|町|村))(?!街|場)")  # 中心市街地, 魚市場: no place
# Words that end like a place but name none: 朝市 (a morning market), 見本市, 都市, 城下町, 農村 ….
_NOT_PLACE = re.compile(r"(朝|夜|見本|骨董|蚤の|フリーマーケット|都|門前|城下|港|下|漁|農|山|市町)(市|町|村)$|^(市町村|都道府県)$")

@dataclass(frozen=True)
class Question:
    raw: str
    text: str  # NFKC-normalized; an English question with its general-lexicon Japanese terms appended
    lang: str  # "ja" or "en"
    asks: frozenset[str]  # budget, period, department, partner, purpose, grant
    achieved: bool | None  # asks about achievement: True (達成した), False (未達成), None (not asked)
    asks_achieved: bool
    rank: str | None  # "min" / "max"
    threshold: tuple[str, float] | None  # ("<", 50.0)
    wants_list: bool
    kpi_words: bool
    topic: bool
    topic_strong: bool  # 「…の事業は？」「…の取り組みを教えて」: asks which projects, not a value
    detail: bool
    followup: bool
    lower_better: bool
    missing: bool
    years: tuple[str, ...]
    places: tuple[str, ...]
    count: bool = False
    activities: bool = False
    compare: bool = False  # 「AとB、どっちが高い？」
    weak_asks: frozenset[str] = frozenset()  # budget/partner cued only by words KPI questions use too
    quantity: bool = False  # asks for a number (何人, 何世帯, どのくらい)
    trend: bool = False  # 「推移は？」「年度ごとにどうなった？」: every fiscal year of a KPI
    baseline: bool = False  # 「基準値は？」
    derived: str | None = None  # arithmetic asked for: "diff", "sum", "avg", "share", "convert"
    new_topic: bool = False  # 「話は変わるが」「次に」: earlier turns do not carry over
    refers: bool = False  # 「その2つ」「その中で」: the previous answer's list
    ref_n: int | None = None  # 「上の3つ」: its first n items
    cue_spans: tuple[str, ...] = ()  # the stretches of the question that cued its kind (not its topic)
    ellipsis: bool = False  # 「応用研修のほうは？」: a bare name, asking what the last question asked about it
    ordinal: int | None = None  # 「3番目のやつ」: the nth item the last answer listed (-1: the last one)


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def is_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.8


def english_to_japanese(text: str) -> str:
    """Japanese terms for the English words of a question from the field's general lexicon (assistant/lexicon),
    space-separated; the loaded reports' own names are added by the answerer (lexicon.corpus)."""
    return " ".join(lexicon.lookup(text))


# The field's own words typed in kana (an IME left unconverted): read as the kanji every report prints.
_KANA_WORDS = {"たっせいりつ": "達成率", "達成りつ": "達成率", "じっせきち": "実績値", "じっせき": "実績", "もくひょうち": "目標値",
               "もくひょう": "目標", "きじゅんち": "基準値", "よさん": "予算", "けっさん": "決算", "たんとうか": "担当課",
               "じぎょうひ": "事業費", "こうふきん": "交付金"}
_KANA_WORD = re.compile("|".join(sorted(map(re.escape, _KANA_WORDS), key=len, reverse=True)))
# Everyday verb phrases for the nouns reports count in (a verb is no topic word, its noun is): 「泊まった人」 are
# 宿泊者, 「歩いてる人」 歩行者, 「来た観光客」 観光入込客, 「来た人」 来訪者 — general vocabulary, no report's KPI name.
_PLAIN_PHRASES = ((re.compile(r"泊ま(?:った|る|ってる|っている|ってた)(?:人|客|観光客)(の?数)?"), "宿泊者"),
                  (re.compile(r"歩(?:いた|く|いてる|いている)人(の?数)?"), "歩行者"),
                  (re.compile(r"(?:来た|訪れた|来てる|来ている)(?:観光客|客)(の?数)?"), "観光入込客"),
                  (re.compile(r"(?:来た|訪れた|来てる|来ている)人(の?数)?"), "来訪者"),
                  (re.compile(r"(?:移り住んだ|移ってきた|移住してきた|引っ越してきた)(?:人|世帯)(の?数)?"), "移住者"))


def understand(question: str) -> Question:
    """Parse a question into the flags the answerer routes on."""
    text = _KANA_WORD.sub(lambda m: _KANA_WORDS[m.group(0)], normalize(question).strip())
    # 霞ケ原 / 霞ヵ原 / 霞ヶ原: one place name (a small ケ between kanji is read as a word of its own, 褻)
    text = re.sub(r"(?<=[一-龯])[ケヵ](?=[一-龯])", "ヶ", text)
    for pat, noun in _PLAIN_PHRASES:  # (「…の数」 kept as the noun's 数: 宿泊者数)
        text = pat.sub(lambda m, noun=noun: noun + ("数" if m.group(1) else ""), text)
    lang = "en" if is_english(text) else "ja"
    probe = f"{text} {english_to_japanese(text)}" if lang == "en" else text
    asks = frozenset(k for k, pat in _CUES.items() if _has(pat, text))
    weak = frozenset(k for k, pat in _WEAK_CUES.items() if _has(pat, text)) - asks
    if asks_grant_share(text):  # 「そのうち交付金は？」: the grant's share of the 事業費 (an amount), not its type
        asks = (asks - {"grant"}) | {"budget"}
    if _has(_FEE, text):  # 「受講料はいくら？」 asks a fee, not the project's budget
        weak -= {"budget"}
    elif (limit := amount_limit(text)) and limit[1] and not _has(_KPI_WORD, text):
        asks |= {"budget"}  # 「1,000万円以上の事業は？」: an amount in yen that projects pass is their 事業費
    threshold = None
    if m := re.search(r"(\d{1,2})\s*(?:%|％|パーセント)\s*台", text):
        threshold = ("band", float(m.group(1)))  # 「達成率が90%台のKPI」: 90 ≤ rate < 100
    elif m := _THRESHOLD.search(text):
        if m.group(1):
            value, op = float(m.group(1)), comparison(m.group(2))
        else:
            word, value = m.group(3).lower(), float(m.group(4))
            op = "<" if word in ("below", "under", "less than") else ">=" if word == "at least" else ">"
        threshold = (op, value)
    elif m := re.search(r"(\d|[一二三四五六七八九])\s*割\s*(に届かない|に満たない|未満|以下|以上|を?超え|を?下回|を?上回)", text):
        n = float("一二三四五六七八九".index(m.group(1)) + 1 if m.group(1) in "一二三四五六七八九" else m.group(1))
        threshold = (comparison(m.group(2)), n * 10)  # 「8割に届かないKPI」: below 80 %
    elif re.search(_HALF, text):
        threshold = ("<", 50.0)  # 「目標の半分にも届いてないのは？」
    asks_achieved = _has(_ACHIEVED, text)
    achieved = (not _has(_NOT_ACHIEVED, text)) if asks_achieved else None
    if asks_achieved and _has(r"達成[・/／、]\s*未達|達成か未達|達成したかどうか|達成(した)?か否か", text):
        achieved = None  # 「KPIごとに達成・未達を教えて」: every KPI with its verdict
    rank = "min" if _has(_RANK_MIN, text) else "max" if _has(_RANK_MAX, text) else None
    found = [(m.start(), c) for m in re.finditer(eras.ERA_YEAR + r"\s*n?\s*年?度?", text)
             if (c := eras.fy_code(m.group(1), m.group(2))) and _plausible_year(c, m.group(0), text, m.end())]
    # 「2021年度」: a fiscal year written the western way (not a date: 2021年4月)
    found += [(m.start(), c) for m in _WESTERN_FY.finditer(text)
              if (c := eras.from_western(int(m.group(1) or m.group(2))))]
    years = tuple(dict.fromkeys(c for _, c in sorted(found)))
    places = tuple(dict.fromkeys(m.group(1) for m in _PLACE.finditer(text) if not _NOT_PLACE.search(m.group(1))))
    return Question(
        raw=question, text=probe, lang=lang, asks=asks, achieved=achieved, asks_achieved=asks_achieved, rank=rank,
        threshold=threshold, wants_list=_has(_LIST, text) and not _has(_VALUE_HOW_MUCH, text), kpi_words=_has(_KPI_WORD, text),
        topic=_has(_TOPIC, text), topic_strong=_has(_TOPIC_STRONG, text), detail=_has(_DETAIL, text), followup=_has(_FOLLOWUP, text),
        lower_better=_has(_LOWER_BETTER, text), missing=_has(_MISSING, text), years=years, places=places,
        count=bool((m := re.search(_COUNT, text, re.I)) and not _has(_VALUE_WORD, m.group(0))),  # (「KPIの基準値はいくつ」 asks a value)
        activities=_has(_ACTIVITIES, text), weak_asks=weak, compare=_has(_COMPARE, text),
        quantity=_has(_QUANTITY, text), trend=_has(_TREND, text), baseline=_has(_BASELINE, text),
        refers=_has(REF, text), ref_n=_ref_n(text), derived=derived_kind(text), new_topic=_has(_NEW_TOPIC, text), cue_spans=_cue_spans(text),
        ellipsis=bool(_ELLIPSIS.match(text)), ordinal=ordinal_of(text))


_ORDINAL = re.compile(r"(\d{1,2}|[一二三四五六七八九十])\s*(?:番目|つ目|個目|件目)|"
                      r"(最後|ラスト|一番下|いちばん下|最初|一番上|いちばん上)の(?:やつ|もの|事業|指標|KPI|kpi)")


def ordinal_of(text: str) -> int | None:
    """「3番目のやつ」→ 3, 「最後の事業」→ -1, 「最初のやつ」→ 1; None when the question names no position."""
    m = _ORDINAL.search(text)
    if not m:
        return None
    if m.group(2):
        return -1 if m.group(2) in ("最後", "ラスト", "一番下", "いちばん下") else 1
    n = m.group(1)
    return int(n) if n.isdigit() else KANJI_NUM.get(n)


def _plausible_year(code: str, written: str, text: str, end: int) -> bool:
    """A fiscal year as questions write one: 「R60倶楽部」 names a club, not 令和60年度 (a year outside 1926–2049
    written with a Latin era letter and glued to a following word)."""
    w = eras.western(code) or 0
    if 1926 <= w <= 2049:
        return True
    return not (written[:1].isascii() and end < len(text) and not re.match(r"[nN年度\s、。?？]", text[end:]))


def _ref_n(text: str) -> int | None:
    m = re.search(REF, text)
    if not m or not m.group(2):
        return None
    n = m.group(2)
    return int(n) if n.isdigit() else KANJI_NUM.get(n)


def derived_kind(text: str) -> str | None:
    """Which arithmetic the question asks for, None when none."""
    # 平均 last: it is also part of KPI names (平均待ち日数), and 「平均待ち日数は何日減った？」 asks for a difference.
    for kind, pat in (("convert", _CONVERT), ("ratio", _RATIO), ("share", _SHARE), ("sum", _SUM), ("diff", _DIFF),
                      ("avg", _AVG)):
        if _has(pat, text):
            if kind == "share" and _has(_DIFF, text) and not _has(r"何割|占め|比率|シェア|何(%|パーセント)を", text):
                return "diff"  # 「…就業者の割合、何ポイント改善した？」: 割合 is the KPI's name, the change is asked
            return kind
    return None


def _cue_spans(text: str) -> tuple[str, ...]:
    # 評価・方針・成果 cues name the printed value asked for (「廃止」): those words stay topic words.
    pats = [*(v for k, v in _CUES.items() if k not in ("evaluation", "policy", "outcome")), *_WEAK_CUES.values(), _ACHIEVED, _RANK_MIN, _RANK_MAX, _LIST, _KPI_WORD, _TREND,
            _BASELINE, _QUANTITY, _COMPARE, _COUNT, _DIFF, _SUM, _AVG, _RATIO, _SHARE, _CONVERT, _FORM, _NEW_TOPIC, REF,
            _MISSING, _LOWER_BETTER, _THRESHOLD.pattern, _HALF, _ORDINAL.pattern, _WESTERN_FY.pattern, eras.ERA_YEAR + r"\s*n?\s*年?度?"]
    return tuple(m.group(0) for pat in pats for m in re.finditer(pat, text, re.IGNORECASE) if m.group(0))


def arithmetic_spans(text: str) -> list[str]:
    """The stretches that ask for arithmetic (「何日短縮」「合わせると」「占める割合」) — the form of the question,
    not what it is about (平均 is left out: it is also part of KPI names such as 平均待ち日数)."""
    share = (r"何割|占め(る|た|て(いる|いた)?)?(割合|比率|シェア)?|シェア|share of|proportion|"  # not a bare 割合 (人の割合)
             r"(?:達成|到達|届い|届かなかっ)[^、。?？]{0,10}?の(?:割合|比率)")  # 「達成したものの割合」
    return [m.group(0) for pat in (_DIFF, _SUM, share) for m in re.finditer(pat, text, re.IGNORECASE) if m.group(0)]


def plain_target_actual(text: str) -> list[str]:
    """「何回やる予定で、実際は何回できた？」: 予定 and 実際 in plain words for 目標 and 実績 (no topic of their own)."""
    return re.findall(r"予定|実際", text) if re.search(r"やる予定|する予定|実際(は|に|何|の数|いくつ|どれ)", text) else []


def cue_words(kind: str, text: str) -> list[str]:
    """Every stretch of the question that cues `kind` (「担当」 and 「課は」 for department)."""
    return [m.group(0) for m in re.finditer(_CUES.get(kind, r"(?!)"), text, re.IGNORECASE) if m.group(0)]


def cue_windows(kind: str, text: str, margin: int = 2) -> list[str]:
    """Every stretch of the text that cued `kind`, with `margin` characters either side (to tell a cue inside a
    title, 「…と連携したふるさと…」, from one of the question's own, 「…の今後の方針は」)."""
    return [text[max(0, m.start() - margin):m.end() + margin]
            for m in re.finditer(_CUES.get(kind, r"(?!)"), text, re.IGNORECASE) if m.group(0)]


def cue_text(kind: str, text: str) -> str | None:
    """The words of a question that cued `kind` (「継続」 for policy), None when none did."""
    m = re.search(_CUES.get(kind, r"(?!)"), text, re.IGNORECASE)
    return m.group(0) if m else None


# 「1,000万円を超える事業」「30,000以上」: an amount limit (its unit, when the question writes one) and the comparison.
AMOUNT_LIMIT = re.compile(r"([\d,]+(?:\.\d+)?)\s*(億円|百万円|万円|千円|円)?\s*(を?超え|超|以上|より(?:多|大き|高)|未満|以下|"
                          r"を?下回|より(?:少な|小さ|低))")


def comparison(word: str) -> str:
    """The comparison a limit's word sets: 未満 / に満たない / に届かない / 下回る / 切る / 割る / より低い → "<",
    以下 → "<=", 以上 → ">=", 超える / 上回る / より高い → ">"."""
    if word == "以下":
        return "<="
    if word == "以上":
        return ">="
    return "<" if re.search(r"未満|満たない|届かない|下回|切|割|より(?:低|少|下|小さ)", word) else ">"


def amount_limit(text: str) -> tuple[float, str | None, str] | None:
    """(amount, unit or None, operator) of an amount limit the question sets; None when it sets none."""
    m = AMOUNT_LIMIT.search(normalize(text))
    if not m or not re.search(r"\d", m.group(1)):
        return None
    return float(m.group(1).replace(",", "")), m.group(2), comparison(m.group(3))


def passes(op: str, value: float, rate: float) -> bool:
    """Threshold test on a rate (pure)."""
    if op == "band":  # 「90%台」: from the value up to the next tens
        return value <= rate < value + 10
    return {"<": rate < value, "<=": rate <= value, ">": rate > value, ">=": rate >= value}[op]
