"""A KPI is named, but the question asks what no KPI value says: a detail or a kind of thing done, a count the KPI
does not count (another 期, people vs cases, another unit), the opposite population (国内 vs 海外), a name, a fee, a
cost item. Each is answered from the text, as a budget question, or refused — never with the KPI's figures."""

from __future__ import annotations

import re

from ..reading import normalize
from ..records import Answer, Kpi
from . import budget, facts, figures, passage
from .context import WEAK_KPI, Context, Turn

# A question for the kind of thing done, where or how often (not a number): どのような / どんな / どこ / 頻度.
_WHAT_KIND = re.compile(r"どのよう|どんな|どういう|何を|なにを|どこ(?!まで)|頻度|ペース|何語|どうやって|いつ|何月|日時|誰|だれ|対象は")
# Qualifiers that name one of two opposite populations: a KPI of the other one answers another question.
_OPPOSITES = (("国内", "海外"), ("市内", "市外"), ("町内", "町外"), ("村内", "村外"), ("県内", "県外"), ("男性", "女性"),
              ("新規", "既存"), ("日本人", "外国人"))


def _opposite(question: str, name: str) -> tuple[str, str] | None:
    for a, b in _OPPOSITES:
        for asked, printed in ((a, b), (b, a)):
            if asked in question and asked not in name and printed in name and printed not in question:
                return asked, printed
    return None



def answer(cx: Context, t: Turn, kp: list[tuple[float, Kpi]]) -> Answer | None:
    """An answer other than the KPI's, when the question asks what the KPI named does not say; None otherwise."""
    q = t.q
    what_kind = bool(_WHAT_KIND.search(q.text)) and not (q.kpi_words or q.asks_achieved)
    quoted = passage.answer(cx, t) if (q.detail or what_kind) else None
    if quoted and quoted.found and (quoted.context.get("coverage", 0) > cx.kpi_cover(t, kp[0][1]) + 0.1
                                   or what_kind):
        return quoted  # 「どのようなイベントを実施した？」 asks what was done, which no KPI value says
    # 「空き家バンクの登録物件数は？」 where the nearest KPI counts 成約件数: a sentence that says 登録 (with a
    # number) answers; the KPI would answer another question.
    if (q.quantity and (missing := cx.unexplained(t, kp[0][1]))
            and (quoted := passage.answer(cx, t, must=missing)) is not None):
        return quoted
    if (m := passage.ORDINAL.search(normalize(q.text))) and m.group(0) not in normalize(kp[0][1].name):
        # 「研修の第３期は何人修了した？」: a KPI over all 期 (研修修了者数) answers another question
        return passage.answer(cx, t) or cx.not_found(t, f"（{m.group(0)}についての記載は資料にありません）")
    if (re.search(r"[^相談申請問合]者数|人数|何人", q.text) and kp[0][1].unit in ("件", "回", "社", "店", "か所", "箇所")
            and not re.search(r"者|人", kp[0][1].name) and normalize(kp[0][1].name) not in normalize(q.text)
            and not any(k.unit in ("人", "名") for s, k in kp[:3] if s >= WEAK_KPI)):
        # 「移住者数の実績は？」 counts people; the nearest KPI (移住相談件数) counts cases — another question
        return cx.not_found(t, f"（人数の指標は資料になく、近い指標は「{kp[0][1].name}」です）")
    if (pair := _opposite(q.text, kp[0][1].name)) is not None:
        # 「焼き物の国内販売額は？」 where the report has 海外販売額 only: the KPI is the other one of the two
        return cx.not_found(t, f"（「{pair[0]}」の指標は資料になく、あるのは「{kp[0][1].name}」（{pair[1]}）です）")
    if passage.ASKS_NAME.search(q.text) and not q.kpi_words:
        return passage.answer(cx, t) or cx.not_found(t)  # 「アプリ、なんて名前？」: no KPI value names it
    if (item := budget.cost_item(q.text)) and not any(item in k.name for _, k in kp[:3]):
        return facts.answer(cx, t, {"budget"})  # 「アプリの開発費だけだといくら？」 asks money, not the KPI named
    if (price := figures.price_asked(q.text)) and not any(price in k.name for _, k in kp[:3]):
        return passage.answer(cx, t) or cx.not_found(t)  # 「利用料金は？」: 利用者数 answers another question
    # 「何地区で運行した？」 counts 地区; a KPI in % (運行地区の住民満足度) answers another question.
    unit = figures.counter_unit(q.text)
    if (unit and not any(k.unit and unit in k.unit for _, k in kp[:3])
            and (quoted := passage.answer(cx, t)) is not None):
        return quoted
    return None
