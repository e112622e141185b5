"""Greetings, thanks and 「何ができますか」: a short reply with example questions drawn from the loaded corpus."""

from __future__ import annotations

import re

from .. import eras
from ..records import Answer, Kpi, Project
from ..store import Records
from ..understand import Question
from .context import Context

_GREETING = (r"^(こんにちは|こんばんは|おはよう(ございます)?|はじめまして|初めまして|よろしく(お願い(します|いたします))?|"
             r"お疲れ(様|さま)|おつかれ(様|さま)?|やあ|ハロー|ども[!！。]*$|お世話になって(おり)?ます|お世話になります|もしもし|テスト(です)?$|"
             r"聞こえ(る|ますか)|動いて(る|います|ますか)|hello|hi|hey|good (morning|afternoon|evening))")
_THANKS = r"ありがと|感謝|助かり(ました|ます)|助かった|サンキュー|サンクス|^あざ(す|っす|ます)|thank|\bthx\b"
# A reply that acknowledges the last answer (了解, なるほど, OK): nothing asked.
_ACK = (r"^((了解|りょうかい|承知|わかりました|分かりました|わかった|分かった|なるほど|ok|okay|オッケー|おけ|はい|うん|"
        r"どうも|すごい|いいね|そうなんだ|そうですか|そうなんですね|ふむ|へえ|へー)(です|ね|ました|しました)?[!！。.、,\s]*)+$")
_BYE = (r"^(さようなら|さよなら|またね|失礼します|ばいばい|バイバイ|また(来|き)ます|もう(いい|大丈夫)(です)?[。!！]*$|おしまい|bye|"
        r"goodbye|see you)|(また(来|き)ます|またね|さようなら|ばいばい|失礼します)[〜~ー!！。.\s]*$")
_HELP = (r"何が(でき|出来)|なにが(でき|出来)|何を(聞|き|訊|質問)|どんな(質問|こと)(に|が|を)?(答え|回答|でき|聞|き)|使い方|どう使|"
         r"質問して(も)?(いい|よい|良い|大丈夫|かまわ)|"
         r"ヘルプ|^help|what can (you|i)|what (kinds?|sorts?|types?) of (questions?|things)|which questions|"
         r"how (can|could|do) you help|^(what|who) (is this|are you)\b|^これ(って|は)何の(ツール|アプリ|サービス|システム)|"
         r"どうやって使|どう(やって)?聞けば|^(ちょっと)?質問(があります|したい|です)?[。!！]?$|^教えてほしいことがあ|"
         r"how (do|to) (i )?use|あなたは(誰|だれ|何)|何者|助けて|"
         r"^何について(答え|回答)(られ|でき)|^どういうこと(が|を)(分か|わか|聞|調べ)(る|れる|られる)(の|んですか)?[?？]?$|"
         r"質問(の|する)?例|^(質問の)?例を(教え|見せ)て(ください|下さい)?[?？。]?$|"
         r"(ツール|アシスタント|チャット|ボット|bot)(について|とは|って(何|なに))|what do you know|"
         r"(どこ|どの)の?(市町村|自治体|市|町|村)の(資料|報告書|データ)|"
         r"どんな(データ|資料|報告書|情報)が(入って|あ)|何の(データ|資料)|どの(資料|報告書)が|what (data|reports)")
KINDS = (("help", _HELP), ("thanks", _THANKS), ("greeting", _GREETING), ("bye", _BYE), ("ack", _ACK))
MAX_CHARS = 60  # a longer message carries a question of its own (the leftover check catches shorter ones)


def kind_of(text: str) -> str | None:
    """"help", "thanks", "greeting", "bye", or None (a real question)."""
    t = text.strip()
    if len(t) > MAX_CHARS:
        return None
    for kind, pat in KINDS:
        if re.search(pat, t, re.IGNORECASE):
            return kind
    return None


def leftover(text: str) -> str:
    """What is left of the message once its small-talk words are taken out (a question riding along)."""
    t = text
    for _, pat in KINDS:
        t = re.sub(pat, " ", t, flags=re.IGNORECASE)
    return re.sub(r"[\s、。,.!！?？ー〜~「」ですますね]+", "", t)


def examples(records: Records, n: int = 4) -> list[str]:
    """Example questions built from the corpus's own KPI names, project titles and years."""
    out: list[str] = []
    projects: list[Project] = list(records.projects)
    kpis: list[Kpi] = list(records.kpis)
    with_budget = next((p for p in projects if any(v is not None for _, v in p.budget)), None)
    if with_budget:
        out.append(f"「{with_budget.title}」の事業費は？")
    rated = next((k for k in kpis if k.target is not None and k.actual is not None), None)
    if rated:
        out.append(f"「{rated.name}」の目標と実績は？")
    # A shortfall question only for a KPI the report says missed (a lower-is-better one below target did not).
    missed = next((k for k in kpis if k.achieved is False and k.lower_is_better is False
                   and k.target is not None and k.actual is not None), None)
    if missed:
        out.append(f"「{missed.name}」は目標まであと{'何' + missed.unit if missed.unit else 'どれだけ'}足りなかった？")
    if kpis:
        out.append("達成率が最も低いKPIは？")
    years = sorted({r.fiscal_year for r in records.reports if r.fiscal_year}, key=lambda c: eras.western(c) or 0)
    if years and projects:
        out.append(f"{eras.japanese(years[-1])}の事業を教えて")
    other = next((p for p in projects if p is not with_budget), None)
    if other and len(out) < n + 1:
        out.append(f"「{other.title}」の目的は？")
    return list(dict.fromkeys(out))[: max(3, n)]


def reply(kind: str, records: Records, lang: str = "ja", text: str = "") -> str:
    ex = examples(records)
    listed = "\n".join(f"- {q}" for q in ex)
    if lang == "en":
        lead = {"thanks": "You're welcome.", "bye": "Goodbye.", "greeting": "Hello.", "ack": "Sure."}.get(kind, "")
        return (f"{lead} I answer questions about the loaded grant reports (projects, budgets, KPI targets and "
                f"actuals), citing the page each answer comes from. For example:\n{listed}").strip()
    if kind == "ack":
        return f"ほかにも聞きたいことがあればどうぞ。たとえば:\n{listed}"
    lead = {"thanks": "どういたしまして。", "bye": "ご利用ありがとうございました。",
            "greeting": "お疲れさまです。" if re.match(r"お疲れ|おつかれ", text) else "こんにちは。"}.get(kind, "")
    n_reports = len(records.reports)
    which = "、".join(dict.fromkeys(f"{r.city or r.report}" + (f"（{eras.japanese(r.fiscal_year)}）" if r.fiscal_year else "")
                                    for r in records.reports))
    which = which if len(which) <= 80 else which[:78] + "…"
    return (f"{lead}読み込んだ{n_reports}件の報告書（{which}。事業・事業費・KPIの目標と実績・評価など）について、"
            f"出典のページを添えてお答えします。目標との差や合計などの計算も、計算式を示してお答えします。"
            f"たとえば次のように聞いてください。\n{listed}")


def answer(cx: Context, q: Question, kind: str) -> Answer:
    body = reply(kind, cx.records, q.lang, q.text)
    ex = examples(cx.records)
    return Answer(q.raw, body, "smalltalk", found=True,
                  context={"projects": [], "kpis": [], "intent": "smalltalk", "asks": [], "smalltalk": kind,
                           "examples": ex})
