"""Generate a fourth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts3/make_heldout3.py were consulted, for the technique, the
truth schema and the self-checks.  Deterministic: reportlab documents are
built with invariant=1.

    .venv/bin/python eval/heldout_layouts4/make_heldout4.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts4/make_heldout4.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts4/make_heldout4.py --pages  # only print where things are found

Fixtures
--------
moegi_r5_numbered_list
    萌木町 (fictional), FY R5.  A council handout (資料２) in Word style:
    a numbered list of projects, each a full-width-numbered heading
    (「１　題名」) over a borderless label | value block (担当課 / 事業期間 /
    交付金 / 事業費（決算額） / 実施内容 / ＫＰＩの達成状況 / 評価 / 今後の方針).
    The KPIs are SENTENCES (「〇〇は、目標△△人に対し実績□□人（達成率○%）と
    なった。」), sometimes two KPIs in one sentence.  Page 1 has a distractor
    section of the strategy's 基本目標 written in exactly the same sentence
    form.

wakabase_r4_hyoka_sheet
    若葉瀬市 (fictional), FY R4.  One Excel-like 評価シート per project:
    header box, 事業費 table, KPI definition table (指標名 / 単位 / 目標の方向 /
    基準値 / 最終目標値), then an 「指標の推移」 table whose ROWS are fiscal
    years 平成30年度 … 令和4年度 and whose COLUMNS are KPI1 / KPI2, each with
    目標 / 実績 sub-columns, closed by a 達成率（R4） row.  Each KPI gives one
    record per year with a printed target.  Page 1 has a distractor
    人口の推移 table with the same year rows.
"""
from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (EVALS, GOTHIC, MINCHO, P, extract_checked, fmt, ident, make_has, norm,  # noqa: E402
                         page_of, pdftoppm_previews, style, write_truth, write_txt)

zen = partial(hg.zen, table=hg.zen_table("RH"))  # full-width digits, 「Ｒ」 and 「Ｈ」, as typed in Word


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts3/make_heldout3.py)
# ---------------------------------------------------------------------------

def computed_rate(k, t=None, a=None):
    """Achievement ratio: 実績/目標, or 目標/実績 for lower-is-better KPIs."""
    t = k["t"] if t is None else t
    a = k["a"] if a is None else a
    return (t / a) if k["lib"] else (a / t)


def rate_from_print(s):
    """Printed 達成率 → percent float (truth convention)."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).strip()
    if s.endswith("%"):
        return float(s[:-1])
    return round(float(s) * 100, 1)


# era keys → printed labels
ERA = {"H30": "平成30年度", "R1": "令和元年度", "R2": "令和2年度", "R3": "令和3年度",
       "R4": "令和4年度", "R5": "令和5年度", "R6": "令和6年度", "R7": "令和7年度"}


# ===========================================================================
# Fixture 1: 萌木町 — numbered list with KPI sentences (FY R5)
# ===========================================================================

# kpis: rate = "pct" (108.7%), "ratio" (1.09, 達成度), "word" (目標を達成した;
#       no number), "none" (actual missing, nothing printed).
# kpi_text: sentences; {nI} {tI} {aI} {bI} {rI} are KPI I's name, target,
#       actual, baseline and printed rate (formatted, full-width if zen).
# budget: [(key, amount, planned)]; budget_text: label-cell lines with
#       {KEY} placeholders for the printed amounts and {G} for うち交付金.
F1 = {
    "stem": "moegi_r5_numbered_list",
    "city": "萌木町",
    "projects": [
        dict(no=1,
             title="萌木町産木材の利用拡大と森林サービス産業の創出による林業・木材産業の再生及び新たな担い手の確保事業",
             department="農林振興課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             budget=[("R4", 8640, False), ("R5", 9215, False), ("R6", 9000, True)], grant_amt=4607,
             budget_text=["令和5年度　{R5}千円（うち交付金　{G}千円）",
                          "（参考）令和4年度決算額　{R4}千円、令和6年度当初予算額　{R6}千円"],
             outcome="町産材を使用して住宅を新築又は改修する町民等に対し、1件当たり最大50万円を補助した（15件）。"
                     "また、町有林を活用した森林セラピー等の体験プログラムを年間22回実施したほか、首都圏の企業2社と"
                     "「企業の森」協定を締結し、社員研修の受入れを開始した。",
             kpis=[
                 dict(name="町産材を使用した住宅の新築・改修件数", unit="件", base=None,
                      t=12, a=15, lib=False, rate="pct"),
                 dict(name="森林体験プログラムの参加者数", unit="人", base=320,
                      t=600, a=548, lib=False, rate="pct"),
             ],
             kpi_text=["{n0}は、目標{t0}件に対し実績{a0}件（達成率{r0}）となり、前年度の9件を上回った。",
                       "{n1}は、令和3年度の基準値{b1}人から増加したものの、目標{t1}人に対し実績{a1}人"
                       "（達成率{r1}）にとどまった。"],
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=2,
             title="「移住体験ツアー」と空き家バンクの連携による移住・定住促進事業",
             department="まちづくり推進課",
             period="令和5年度〜令和7年度", period_print="令和５年度～令和７年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="円", zen=True,
             budget=[("R5", 3876500, False)], grant_amt=1938250,
             budget_text=["令和５年度　{R5}円（うち交付金　{G}円）"],
             outcome="首都圏在住の子育て世帯等を対象とした２泊３日の移住体験ツアーを年４回開催し、延べ３８組９６人が参加した。"
                     "また、空き家所有者向けの相談会を６回開催して空き家バンクへの登録を促したほか、移住者が行う"
                     "住宅改修に対して１２件の補助を行った。",
             kpis=[
                 dict(name="移住相談件数", unit="件", base=96, t=150, a=163, lib=False, rate="pct"),
                 dict(name="本町の支援制度を利用した移住者数", unit="人", base=None,
                      t=30, a=24, lib=False, rate="pct"),
                 dict(name="空き家バンクの新規登録物件数", unit="件", base=None,
                      t=20, a=20, lib=False, rate="word"),
             ],
             kpi_text=["{n0}（基準値：令和４年度{b0}件）は目標{t0}件に対し実績{a0}件（達成率{r0}）、"
                       "{n1}は目標{t1}人に対し実績{a1}人（達成率{r1}）となった。",
                       "{n2}は、目標{t2}件に対し実績{a2}件となり、目標を達成した。"],
             evaluation="地方創生に相当程度効果があった", policy="拡充"),
        dict(no=3,
             title="保育・子育て支援手続のデジタル化による子育て世帯の負担軽減事業",
             department="子育て支援課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             unit="千円", zen=False,
             budget=[("R4", 5420, False), ("R5", 6183, False)], grant_amt=3091,
             budget_text=["令和4年度　{R4}千円",
                          "令和5年度　{R5}千円（うち交付金　{G}千円）"],
             outcome="子育て支援アプリ「もえぎっこナビ」に乳幼児健診の予約機能と保育所入所申請のオンライン受付機能を追加した。"
                     "健診会場では受付の順番をアプリで通知する方式に改め、保育所の入所申請は令和5年10月受付分から"
                     "電子申請を基本とした。",
             kpis=[
                 dict(name="乳幼児健診の平均待ち時間", unit="分", base=52, t=30, a=36, lib=True, rate="pct"),
                 dict(name="子育て支援アプリの登録世帯数", unit="世帯", base=0, t=800, a=912,
                      lib=False, rate="pct"),
                 dict(name="保育所入所申請のオンライン申請率", unit="％", base=None, t=50.0, a=61.2,
                      lib=False, rate="pct"),
             ],
             kpi_text=["{n0}は、短縮を目指す指標であり、基準値{b0}分に対して目標を{t0}分としていたが、"
                       "実績は{a0}分（達成率{r0}）であった。",
                       "{n1}は、目標{t1}世帯に対し実績{a1}世帯（達成率{r1}）となった。",
                       "{n2}は、目標{t2}％に対し実績{a2}％（達成率{r2}）となった。"],
             evaluation="地方創生に効果があった", policy="終了"),
        dict(no=4,
             title="萌木高原の自然資源を活かした通年型観光地域づくり推進事業",
             department="商工観光課",
             period="令和5年度〜令和7年度", period_print="令和5年度から令和7年度まで（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="千円", zen=False,
             budget=[("R5", 14760, False), ("R6", 12000, True)], grant_amt=7380,
             budget_text=["令和5年度　{R5}千円（うち交付金　{G}千円）",
                          "※令和6年度は{R6}千円を当初予算に計上している。"],
             outcome="冬季の誘客に向けて、スノーシュー体験や星空観察会など高原の自然を活かした体験メニューを9本造成し、"
                     "旅行会社と連携したモニターツアーを3回実施した。あわせて、高原エリアの観光案内所の開設時間を"
                     "冬季も延長し、多言語対応のデジタルサイネージを設置した。",
             kpis=[
                 dict(name="観光消費額", unit="百万円", base=720, t=850, a=None, lib=False, rate="none"),
                 dict(name="高原エリアの冬季観光入込客数", unit="千人", base=12.4, t=18.0, a=19.6,
                      lib=False, rate="ratio"),
             ],
             kpi_text=["{n0}（基準値：令和4年度{b0}百万円）は、目標{t0}百万円に対し、実績は県観光動態調査（令和6年12月公表予定）の結果により"
                       "確定するため、現時点では未確定である。",
                       "{n1}は、基準値{b1}千人に対し、目標{t1}千人を上回る実績{a1}千人（達成度{r1}）となった。"],
             kpi_note="※商工観光課の事業は、達成状況を達成度（実績値÷目標値の比率）で記載している。",
             evaluation="地方創生に効果があった", policy="見直し"),
        dict(no=5,
             title="旧萌木中学校校舎を改修したテレワーク・多世代交流拠点施設整備事業",
             department="企画財政課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越事業）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             unit="円", zen=False,
             budget=[("R5", 48312000, False)], grant_amt=24156000,
             budget_text=["令和5年度　{R5}円（うち交付金　{G}円）",
                          "※令和4年度補正予算を令和5年度に繰り越して執行した。"],
             outcome="旧萌木中学校の校舎2階部分を改修し、令和5年10月にテレワーク・多世代交流拠点「もえぎベース」を開所した。"
                     "コワーキングスペース、個室オフィス4室、キッズスペースを整備し、開所記念イベントを含め"
                     "交流イベントを8回開催した。",
             kpis=[
                 dict(name="拠点施設の年間利用者数", unit="人", base=None, t=5000, a=6218, lib=False, rate="pct"),
                 dict(name="拠点施設に入居するサテライトオフィス企業数", unit="社", base=None, t=5, a=3,
                      lib=False, rate="pct"),
             ],
             kpi_text=["{n0}は目標{t0}人に対し実績{a0}人（達成率{r0}）となった一方、"
                       "{n1}は目標{t1}社に対し実績{a1}社（達成率{r1}）にとどまった。"],
             evaluation="地方創生に効果があった", policy="継続"),
    ],
}


def f1_rate_print(p, k):
    """The printed rate (as in the sentence), or None where none is printed."""
    if k["a"] is None or k["rate"] in ("word", "none"):
        return None
    r = computed_rate(k)
    s = f"{r:.2f}" if k["rate"] == "ratio" else f"{r * 100:.1f}%"
    return zen(s) if p["zen"] else s


def f1_kpi_sentences(p):
    Z = zen if p["zen"] else ident
    d = {}
    for i, k in enumerate(p["kpis"]):
        d[f"n{i}"] = k["name"]
        d[f"t{i}"] = Z(fmt(k["t"]))
        d[f"a{i}"] = Z(fmt(k["a"]))
        d[f"b{i}"] = Z(fmt(k["base"]))
        d[f"r{i}"] = f1_rate_print(p, k) or ""
    return [s.format(**d) for s in p["kpi_text"]]


def f1_budget_lines(p):
    Z = zen if p["zen"] else ident
    d = {key: Z(fmt(v)) for key, v, _ in p["budget"]}
    d["G"] = Z(fmt(p["grant_amt"]))
    return [s.format(**d) for s in p["budget_text"]]


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 24 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=24 * mm, bottomMargin=22 * mm,
                            title="令和5年度 地方創生関係交付金事業の効果検証結果について（報告）",
                            author="萌木町", creator="Microsoft Word",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 13.5, 20, align=TA_CENTER)
    st_right = style("r", MINCHO, 10, 15, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 11, 16, spaceBefore=8, spaceAfter=3, keepWithNext=1)
    st_body = style("b", MINCHO, 10, 16.5, firstLineIndent=10, leftIndent=10)
    st_bul = style("bl", MINCHO, 10, 16.5, leftIndent=20, firstLineIndent=-10)
    st_head = style("ph", GOTHIC, 10.5, 16, leftIndent=21, firstLineIndent=-21)
    st_lab = style("lab", GOTHIC, 9.5, 15, leftIndent=7 * mm)
    st_val = style("val", MINCHO, 10, 15.5)
    st_kpi = style("kpi", MINCHO, 10, 15.5, leftIndent=10, firstLineIndent=-10)
    st_note = style("nt", MINCHO, 8.8, 13)
    st_box = style("box", GOTHIC, 12, 16, align=TA_CENTER)

    projs = F1["projects"]
    allk = [k for p in projs for k in p["kpis"]]

    story = []
    box = Table([[P("資料２", st_box)]], colWidths=[24 * mm], hAlign="RIGHT")
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    story.append(box)
    story.append(Spacer(1, 3 * mm))
    story.append(P("令和6年9月10日\n総務文教常任委員会\n企画財政課", st_right))
    story.append(Spacer(1, 4 * mm))
    story.append(P("令和5年度 地方創生関係交付金事業の効果検証結果について（報告）", st_title))
    story.append(Spacer(1, 4 * mm))

    story.append(P("1　効果検証の趣旨", st_h1))
    story.append(P("本町では、第2期萌木町まち・ひと・しごと創生総合戦略（令和2年度～令和6年度）に基づき、国の地方創生関係交付金を"
                   "活用して各種事業を実施している。交付金事業については、重要業績評価指標（KPI）の達成状況等により毎年度効果検証を"
                   "行うこととされており、令和5年度に実施した5事業について、萌木町総合戦略推進懇話会（令和6年8月21日開催）の"
                   "意見を踏まえて検証結果を取りまとめたので報告する。", st_body))

    story.append(P("2　総合戦略の基本目標の状況（参考）", st_h1))
    story.append(P("各事業の検証に先立ち、総合戦略の基本目標ごとに設定した数値目標の令和5年度の状況を以下に示す。"
                   "これらは総合戦略全体の目標であり、個別事業のKPIではない。", st_body))
    for s in ["基本目標1「しごとをつくり、稼ぐ力を高める」の数値目標である町内事業所の従業者数は、"
              "目標4,200人に対し実績4,038人（達成率96.1%）となった。",
              "基本目標2「新しいひとの流れをつくる」の数値目標である社会増減数は、"
              "目標△20人に対し実績△57人となり、転出超過が続いている。",
              "基本目標3「結婚・出産・子育ての希望をかなえる」の数値目標である合計特殊出生率は、"
              "目標1.55に対し実績1.43となった。"]:
        story.append(P("・" + s, st_bul))

    story.append(P("3　検証結果の概要", st_h1))
    done = sum(1 for k in allk if k["a"] is not None and computed_rate(k) >= 1)
    miss = sum(1 for k in allk if k["a"] is not None and computed_rate(k) < 1)
    unk = sum(1 for k in allk if k["a"] is None)
    ev = Counter(p["evaluation"] for p in projs)
    story.append(P(f"対象{len(projs)}事業に設定したKPI{len(allk)}指標のうち、目標を達成したものは{done}指標、"
                   f"目標に達しなかったものは{miss}指標、実績が未確定のものは{unk}指標である。"
                   f"事業の評価は、「地方創生に相当程度効果があった」が{ev[EVALS[1]]}事業、"
                   f"「地方創生に効果があった」が{ev[EVALS[2]]}事業であった。", st_body))

    story.append(P("4　事業ごとの検証結果", st_h1))
    story.append(P("事業ごとの検証結果は次のとおりである。事業費は決算額であり、当初予算額を記載したものはその旨を付記している。", st_body))

    LW = 34 * mm
    for p in projs:
        Z = zen if p["zen"] else ident
        grant = p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")
        kcell = [P("・" + s, st_kpi) for s in f1_kpi_sentences(p)]
        if p.get("kpi_note"):
            kcell.append(P(p["kpi_note"], st_note))
        # the heading is the block's first row, so that the block can break
        # across a page between any two rows (as a Word list item does)
        rows = [
            [P(f"{zen(str(p['no']))}　{p['title']}", st_head), ""],
            [P("担当課", st_lab), P(p["department"], st_val)],
            [P("事業期間", st_lab), P(p["period_print"], st_val)],
            [P("交付金", st_lab), P(grant, st_val)],
            [P("事業費\n（決算額）", st_lab), [P(s, st_val) for s in f1_budget_lines(p)]],
            [P("実施内容", st_lab), P(p["outcome"], st_val)],
            [P("ＫＰＩの\n達成状況", st_lab), kcell],
            [P("評価", st_lab), P(p["evaluation"], st_val)],
            [P("今後の方針", st_lab), P(p["policy"], st_val)],
        ]
        t = Table(rows, colWidths=[LW, CW - LW])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("SPAN", (0, 0), (-1, 0)),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                               ("TOPPADDING", (0, 0), (-1, 0), 7),
                               ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
                               ("LINEBELOW", (0, -1), (-1, -1), 0.4, colors.grey)]))
        story.append(t)

    story.append(P("5　萌木町総合戦略推進懇話会における主な意見", st_h1))
    for s in ["移住体験ツアーの参加者が実際の移住につながるよう、参加後の継続的なフォローアップを行うべきである。",
              "観光分野の実績の把握が翌年度となるため、町独自に宿泊者数等の速報値を把握する仕組みを検討されたい。",
              "拠点施設の入居企業数が目標に届いていない。首都圏企業への誘致活動を強化する必要がある。"]:
        story.append(P("・" + s, st_bul))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 9.5)
        canvas.drawCentredString(W / 2, 11 * mm, f"－{d.page}－")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"]},
            "budget_unit": p["unit"],
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R5",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f1_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": "R5",
                   "layout": "numbered_project_list_label_block_kpi_sentences",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 若葉瀬市 — 評価シート with an 指標の推移 table (FY R4)
# ===========================================================================

YEARS = ["H30", "R1", "R2", "R3", "R4"]

# budget: [(key, amount, planned)]; the table shows these years only.
# kpis: t / a are {year: value}; a year with a target is a record.  An
#       actual without a target (before the project) is history only.
#       "集計中" in a: the actual is printed as 集計中 (missing).
# rate: how the 令和4年度 row prints the rate: "pct", "ratio", "word".
F2 = {
    "stem": "wakabase_r4_hyoka_sheet",
    "city": "若葉瀬市",
    "projects": [
        dict(no=1,
             title="若葉瀬港朝市を核とした中心市街地のにぎわい創出及び回遊性向上事業",
             department="商工観光課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             strategy="基本目標1　地域の魅力を生かし、しごとをつくる／施策1-3　商業・観光の振興",
             budget=[("R3", 11250, False), ("R4", 12830, False), ("R5", 12000, True)],
             grant_share=[5625, 6415, 6000],
             rate="pct", zen=False,
             kpis=[
                 dict(name="中心市街地の休日歩行者通行量", unit="人/日", dir="増加", lib=False,
                      base=4820, base_year="H30", final=6000, final_year="R5",
                      t={"R3": 5200, "R4": 5600},
                      a={"H30": 4820, "R1": 4905, "R2": 3712, "R3": 5034, "R4": 5826}),
                 dict(name="中心市街地の空き店舗数", unit="店", dir="減少", lib=True,
                      base=38, base_year="H30", final=25, final_year="R5",
                      t={"R3": 34, "R4": 30},
                      a={"H30": 38, "R1": 37, "R2": 40, "R3": 35, "R4": 29}),
             ],
             outcome="若葉瀬港朝市の開催日を毎週日曜日に拡大し（年間48回）、朝市と商店街を結ぶ周遊スタンプラリーを実施した。"
                     "空き店舗を活用して出店する事業者に改修費を補助し、飲食店等6店舗が新たに開業した。"
                     "また、港から商店街までの案内サインを12か所に設置した。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             reason="両指標とも令和4年度の目標を達成した。最終年度に向けて、朝市来訪者の商店街への回遊をさらに促す。",
             opinion="朝市の来訪者が商店街に流れる仕組みが定着しつつある。駐車場の不足への対応も検討されたい。"),
        dict(no=2,
             title="若葉瀬市版「生涯活躍のまち」構想の推進による首都圏のアクティブシニア及び子育て世帯の移住・定住促進事業",
             department="移住定住推進課",
             period="令和2年度〜令和4年度", period_print="令和２年度～令和４年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             strategy="基本目標2　若葉瀬市への新しいひとの流れをつくる／施策2-1　移住・定住の促進",
             budget=[("R2", 8420, False), ("R3", 9615, False), ("R4", 10240, False)],
             grant_share=[4210, 4807, 5120],
             rate="pct", zen=True,
             purpose="首都圏のアクティブシニアや子育て世帯を主な対象として、移住相談窓口「わかばせ暮らし相談室」を東京都内に設置するとともに、"
                     "市内に短期滞在できるお試し移住住宅を整備し、住まい・仕事・地域活動の情報を一体的に提供する。"
                     "あわせて、移住者が地域の担い手として活躍できるよう、地域団体とのマッチングや就業支援を行う。",
             kpis=[
                 dict(name="相談室を通じた移住者数", unit="人", dir="増加", lib=False,
                      base=12, base_year="H30", final=60, final_year="R4",
                      t={"R2": 40, "R3": 50, "R4": 60},
                      a={"H30": 12, "R1": 15, "R2": 28, "R3": 47, "R4": 63}),
                 dict(name="お試し移住住宅の利用件数", unit="件", dir="増加", lib=False,
                      base=None, base_year=None, final=36, final_year="R4",
                      t={"R2": 20, "R3": 30, "R4": 36},
                      a={"R2": 14, "R3": 31, "R4": 33}),
             ],
             outcome="東京都内の「わかばせ暮らし相談室」で年間２１８件の移住相談に対応し、オンライン移住セミナーを６回開催した。"
                     "お試し移住住宅は２棟体制で運営し、延べ３３件（１２６泊）の利用があった。"
                     "移住者と地域団体のマッチング会を３回開催し、移住者１１人が地域活動に参加した。",
             evaluation="地方創生に効果があった", policy="終了",
             reason="交付金の事業期間が終了するため、本事業は終了とする。相談室の運営は令和５年度以降も市単独事業として継続する。",
             opinion="移住者数は目標を上回ったが、お試し移住住宅の利用が冬季に落ち込んでいる。季節に応じた滞在プランを検討されたい。"),
        dict(no=3,
             title="スマート農業技術の実証・普及による農業の担い手確保事業",
             department="農林水産課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             strategy="基本目標1　地域の魅力を生かし、しごとをつくる／施策1-1　農林水産業の振興",
             budget=[("R4", 18900, False), ("R5", 21000, True)],
             grant_share=[9450, 10500],
             rate="ratio", zen=False,
             kpis=[
                 dict(name="スマート農業機械の導入経営体数", unit="経営体", dir="増加", lib=False,
                      base=3, base_year="R3", final=30, final_year="R6",
                      t={"R4": 10},
                      a={"R2": 2, "R3": 3, "R4": 11}),
                 dict(name="市内の新規就農者数", unit="人", dir="増加", lib=False,
                      base=6, base_year="R3", final=10, final_year="R6",
                      t={"R4": 8},
                      a={"H30": 5, "R1": 4, "R2": 7, "R3": 6, "R4": "集計中"}),
             ],
             outcome="ドローンによる農薬散布と自動操舵トラクターの実証を市内4地区で行い、延べ186人が見学会に参加した。"
                     "機械の導入費用を補助して11経営体がスマート農業機械を導入したほか、市農業公社に相談窓口を設け、"
                     "就農希望者向けの研修を開始した。",
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             reason="機械の導入は目標を上回って進んでいる。令和5年度は中山間地域向けの実証を加えて拡充する。",
             opinion="導入した機械の共同利用を進め、小規模農家にも効果が及ぶよう工夫されたい。"),
        dict(no=4,
             title="若葉瀬駅前子育て・多世代交流拠点「わかばテラス」整備事業",
             department="こども政策課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             strategy="基本目標3　結婚・出産・子育ての希望をかなえる／施策3-2　子育て環境の充実",
             budget=[("R3", 3200, False), ("R4", 86540, False)],
             grant_share=[1600, 43270],
             rate="word", zen=False,
             kpis=[
                 dict(name="わかばテラスの年間利用者数", unit="人", dir="増加", lib=False,
                      base=None, base_year=None, final=30000, final_year="R6",
                      t={"R4": 15000},
                      a={"R4": 18240}),
                 dict(name="子育てに関する相談件数", unit="件", dir="増加", lib=False,
                      base=420, base_year="R3", final=800, final_year="R6",
                      t={"R4": 600},
                      a={"H30": 352, "R1": 381, "R2": 396, "R3": 420, "R4": 574}),
             ],
             outcome="若葉瀬駅前の旧商業施設を改修し、令和4年7月に子育て・多世代交流拠点「わかばテラス」を開所した。"
                     "屋内遊び場、子育て相談室、多世代が利用できる交流スペースを備え、保育士と保健師による相談を毎日実施した。"
                     "高校生ボランティアによる学習支援も月2回行った。",
             evaluation="地方創生に非常に効果的であった", policy="継続",
             reason="利用者数は開所初年度から目標を大きく上回った。相談件数の増加に向けて、相談員の配置時間を拡大する。",
             opinion="駅前という立地を生かし、通勤する保護者が立ち寄りやすい夜間の相談時間の設定も検討されたい。"),
    ],
}
F2_PLANNED_NOTE = "※令和5年度は当初予算額である。"


def f2_rate_print(p, k):
    a = k["a"].get("R4")
    t = k["t"].get("R4")
    if a is None or isinstance(a, str) or t is None:
        return None
    r = computed_rate(k, t, a)
    if p["rate"] == "word":
        return None
    s = f"{r:.2f}" if p["rate"] == "ratio" else f"{r * 100:.1f}%"
    return zen(s) if p["zen"] else s


def f2_rate_cell(p, k):
    """What the 令和4年度 達成率 row prints for the KPI."""
    a = k["a"].get("R4")
    if a is None or isinstance(a, str):
        return "－"
    if p["rate"] == "word":
        return "達成" if computed_rate(k, k["t"]["R4"], a) >= 1 else "未達成"
    return f2_rate_print(p, k)


def f2_year_label(y, Z):
    return Z(ERA[y])


def f2_cell(v, Z):
    if v is None:
        return "－"
    if isinstance(v, str):
        return v
    return Z(fmt(v))


def f2_row_key(p, y):
    """The 指標の推移 row as it reads in the text (label + 4 cells)."""
    Z = zen if p["zen"] else ident
    cells = [f2_year_label(y, Z)]
    for k in p["kpis"]:
        cells += [f2_cell(k["t"].get(y), Z), f2_cell(k["a"].get(y), Z)]
    return "".join(cells)


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 15 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=18 * mm, bottomMargin=16 * mm,
                            title="令和4年度 地方創生推進交付金等事業 評価シート",
                            author="若葉瀬市", creator="Microsoft Excel",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 20, align=TA_CENTER)
    st_right = style("r", MINCHO, 9.5, 14, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10, 14, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_body = style("b", MINCHO, 9.2, 14, firstLineIndent=9.2, leftIndent=4)
    st_sheet = style("sh", GOTHIC, 12, 16)
    st_sheetno = style("sn", GOTHIC, 10, 16, align=TA_RIGHT)
    st_lab = style("lab", GOTHIC, 8.4, 11, align=TA_CENTER)
    st_labl = style("labl", GOTHIC, 8.4, 11)
    st_c = style("c", MINCHO, 8.6, 11.8)
    st_cc = style("cc", MINCHO, 8.6, 11.8, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.6, 11.8, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 11.5, 15)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_unit = style("u", MINCHO, 8, 10, align=TA_RIGHT)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.6),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    shade = colors.HexColor("#DDEBF7")
    projs = F2["projects"]

    # ---------------- page 1 ----------------
    story = []
    story.append(P("令和4年度 地方創生推進交付金等事業 評価シート", st_title))
    story.append(Spacer(1, 2 * mm))
    story.append(P("令和5年8月\n若葉瀬市 総合政策部 企画調整課", st_right))
    story.append(P("1　評価の目的と方法", st_h1))
    story.append(P("本市では、第2期若葉瀬市まち・ひと・しごと創生総合戦略に位置付けた事業のうち、地方創生推進交付金及び地方創生拠点整備交付金を"
                   "活用した事業について、事業所管課が評価シートを作成し、若葉瀬市地方創生推進会議の意見を聴いて評価を確定している。"
                   "評価シートの「指標の推移」欄には、事業開始前の年度を含めて平成30年度から令和4年度までの実績を記載しており、"
                   "目標欄が「－」の年度は事業開始前の参考値である。", st_body))
    story.append(P("達成状況は、シートごとに達成率（実績値÷目標値、百分率）、達成度（同じく比率）又は「達成」「未達成」の別により表示している。"
                   "目標の方向が「減少」の指標は、目標値÷実績値により算出している。", st_body))
    story.append(P("2　若葉瀬市の人口の推移（参考）", st_h1))
    pop = [("H30", 68412, 521, 842, 2310, 2588), ("R1", 67905, 498, 861, 2265, 2601),
           ("R2", 67388, 476, 873, 2198, 2354), ("R3", 66901, 455, 902, 2287, 2329),
           ("R4", 66340, 438, 935, 2352, 2416)]
    rows = [[P(x, st_lab) for x in ["年度", "総人口（人）", "出生数", "死亡数", "転入者数", "転出者数", "社会増減"]]]
    for y, tot, b, d, i, o in pop:
        rows.append([P(ERA[y], st_cc)] + [P(fmt(v), st_num) for v in (tot, b, d, i, o)] +
                    [P(("△" + fmt(o - i)) if o > i else fmt(i - o), st_num)])
    t = Table(rows, colWidths=[28 * mm] + [24 * mm] * 6, hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※総人口は各年10月1日現在（住民基本台帳）。出生数等は各年度の件数。△は減少を示す。本表は各事業のKPIではない。", st_note))

    story.append(P("3　評価対象事業一覧", st_h1))
    rows = [[P(x, st_lab) for x in ["シート\nNo.", "事業名", "担当課", "事業期間", "令和4年度\n事業費（千円）"]]]
    for p in projs:
        Z = zen if p["zen"] else ident
        rows.append([P(str(p["no"]), st_cc), P(p["title"], st_c), P(p["department"], st_cc),
                     P(p["period_print"].replace("～", "～\n"), st_cc),
                     P(Z(fmt(dict((b[0], b[1]) for b in p["budget"])["R4"])), st_num)])
    t = Table(rows, colWidths=[13 * mm, 90 * mm, 27 * mm, 25 * mm, CW - 155 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("4　事業の評価区分", st_h1))
    story.append(P("事業の評価は「" + "」「".join(EVALS) + "」の4区分、今後の方針は「拡充」「継続」「改善」「終了」の4区分とする。", st_body))

    # ---------------- sheets ----------------
    for p in projs:
        Z = zen if p["zen"] else ident
        story.append(PageBreak())
        ttl = Table([[P("評価シート（令和4年度実施事業）", st_sheet), P(f"シートNo.{p['no']}", st_sheetno)]],
                    colWidths=[CW - 40 * mm, 40 * mm])
        ttl.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(ttl)
        story.append(Spacer(1, 2 * mm))
        grant = p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")
        head = Table([
            [P("事業名", st_lab), P(p["title"], st_title_cell), "", ""],
            [P("担当課", st_lab), P(p["department"], st_c), P("事業期間", st_lab), P(p["period_print"], st_c)],
            [P("交付金の名称", st_lab), P(grant, st_c), "", ""],
            [P("総合戦略上の\n位置付け", st_lab), P(p["strategy"], st_c), "", ""],
        ], colWidths=[26 * mm, 62 * mm, 22 * mm, CW - 110 * mm])
        head.setStyle(TableStyle(grid + [("SPAN", (1, 0), (-1, 0)), ("SPAN", (1, 2), (-1, 2)),
                                         ("SPAN", (1, 3), (-1, 3)),
                                         ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                                         ("BACKGROUND", (0, 0), (0, -1), shade),
                                         ("BACKGROUND", (2, 1), (2, 1), shade)]))
        story.append(head)

        if p.get("purpose"):
            story.append(P("事業の目的・概要", st_h1))
            bx = Table([[P(p["purpose"], st_c)]], colWidths=[CW])
            bx.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                    ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
            story.append(bx)

        # 1 budget
        story.append(P("1　事業費の推移", st_h1))
        hdr = [P("区分", st_lab)]
        for key, _, planned in p["budget"]:
            hdr.append(P(Z(ERA[key]) + ("\n（当初予算）" if planned else "\n（決算）"), st_lab))
        r1 = [P("事業費", st_cc)] + [P(Z(fmt(v)), st_num) for _, v, _ in p["budget"]]
        r2 = [P("うち交付金", st_cc)] + [P(Z(fmt(g)), st_num) for g in p["grant_share"]]
        nb = len(p["budget"])
        bt = Table([hdr, r1, r2], colWidths=[30 * mm] + [30 * mm] * nb, hAlign="LEFT")
        bt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                       ("BACKGROUND", (0, 0), (0, -1), shade)]))
        story.append(P("（単位：千円）", st_unit))
        story.append(bt)
        if any(b[2] for b in p["budget"]):
            story.append(P(F2_PLANNED_NOTE, st_note))

        # 2 KPI definitions
        story.append(P("2　重要業績評価指標（KPI）", st_h1))
        rows = [[P(x, st_lab) for x in ["区分", "指標名", "単位", "目標の\n方向", "基準値", "最終目標値"]]]
        for i, k in enumerate(p["kpis"], 1):
            base = "－" if k["base"] is None else Z(f"{fmt(k['base'])}（{k['base_year']}）")
            rows.append([P(f"KPI{i}", st_cc), P(k["name"], st_c), P(k["unit"], st_cc), P(k["dir"], st_cc),
                         P(base, st_cc), P(Z(f"{fmt(k['final'])}（{k['final_year']}）"), st_cc)])
        kt = Table(rows, colWidths=[14 * mm, 76 * mm, 18 * mm, 16 * mm, 28 * mm, CW - 152 * mm])
        kt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
        story.append(kt)
        notes = []
        if any(k["lib"] for k in p["kpis"]):
            notes.append("※目標の方向が「減少」の指標は、数値が小さいほど良い指標である。")
        if any(k["base"] is None for k in p["kpis"]):
            notes.append("※基準値欄の「－」は、事業開始前の数値がないことを示す。")
        for n in notes:
            story.append(P(n, st_note))

        # 3 指標の推移: years as rows, KPI1/KPI2 with 目標/実績 sub-columns
        if p["no"] == 2:
            # the sheet's print area runs over two pages; Excel repeats
            # only the sheet title line on the second page
            story.append(PageBreak())
            story.append(P(f"評価シート（令和4年度実施事業）　シートNo.{p['no']}（続き）", st_sheet))
            story.append(Spacer(1, 2 * mm))
        story.append(P("3　指標の推移", st_h1))
        h0 = [P("年度", st_lab)]
        h1 = [""]
        for i, k in enumerate(p["kpis"], 1):
            h0 += [P(f"KPI{i}（{k['unit']}）", st_lab), ""]
            h1 += [P("目標", st_lab), P("実績", st_lab)]
        rows = [h0, h1]
        for y in YEARS:
            row = [P(f2_year_label(y, Z), st_cc)]
            for k in p["kpis"]:
                row += [P(f2_cell(k["t"].get(y), Z), st_num), P(f2_cell(k["a"].get(y), Z), st_num)]
            rows.append(row)
        lbl = {"pct": "達成率（R4）", "ratio": "達成度（R4）\n実績÷目標", "word": "達成状況\n（R4）"}[p["rate"]]
        rrow = [P(Z(lbl), st_lab)]
        for k in p["kpis"]:
            rrow += [P(f2_rate_cell(p, k), st_cc), ""]
        rows.append(rrow)
        cw = (CW - 30 * mm) / 4
        tt = Table(rows, colWidths=[30 * mm] + [cw] * 4, hAlign="LEFT")
        cmds = grid + [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0)),
                       ("SPAN", (1, 7), (2, 7)), ("SPAN", (3, 7), (4, 7)),
                       ("BACKGROUND", (0, 0), (-1, 1), shade), ("BACKGROUND", (0, 2), (0, -1), shade),
                       ("LINEABOVE", (0, 7), (-1, 7), 1.0, colors.black)]
        tt.setStyle(TableStyle(cmds))
        story.append(tt)
        tnotes = ["※目標欄の「－」は事業開始前の年度であり、実績欄は参考値である。"]
        if any(k["a"].get("R4") == "集計中" for k in p["kpis"]):
            tnotes.append("※KPI2の令和4年度実績は、県の新規就農者調査（令和5年10月公表予定）により確定するため集計中である。")
        for n in tnotes:
            story.append(P(n, st_note))

        # 4 outcome, 5 evaluation, 6 opinion
        story.append(P("4　令和4年度の主な取組内容及び成果", st_h1))
        bx = Table([[P(p["outcome"], st_c)]], colWidths=[CW])
        bx.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story.append(bx)
        story.append(P("5　評価", st_h1))
        et = Table([[P("事業の評価", st_lab), P(p["evaluation"], st_c)],
                    [P("今後の方針", st_lab), P(p["policy"], st_c)],
                    [P("評価の理由", st_lab), P(Z(p["reason"]) if p["zen"] else p["reason"], st_c)]],
                   colWidths=[30 * mm, CW - 30 * mm])
        et.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade),
                                       ("ALIGN", (1, 0), (1, -1), "LEFT")]))
        story.append(et)
        story.append(P("6　若葉瀬市地方創生推進会議の意見", st_h1))
        bx = Table([[P(p["opinion"], st_c)]], colWidths=[CW])
        bx.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story.append(bx)

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawRightString(W - rm, H - 11 * mm, "若葉瀬市 地方創生推進交付金等事業 評価シート（令和4年度）")
        canvas.setFont(MINCHO, 8.5)
        canvas.drawCentredString(W / 2, 8 * mm, f"Page {d.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"]}, "budget_unit": "千円",
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            for y in YEARS:
                if y not in k["t"]:
                    continue
                a = k["a"].get(y)
                kpis.append({
                    "project_no": p["no"], "name": k["name"],
                    "unit": k["unit"], "baseline": k["base"], "fiscal_year": y,
                    "target_date": None, "target": k["t"][y],
                    "actual": None if isinstance(a, str) else a,
                    "rate": rate_from_print(f2_rate_print(p, k)) if y == "R4" else None,
                    "lower_is_better": k["lib"], "page": None,
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": "R4",
                   "layout": "evaluation_sheet_kpi_trend_table_years_as_rows_kpis_as_columns",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# moegi: project heading = full-width number + title (there is no summary
# list repeating the titles); a KPI's page is the page of its sentence.
# wakabase: project heading = 事業名 + title on the sheet (the page-1 list
# has no 事業名 before a title); a KPI record's page is the page of its year
# row in 指標の推移 (found by the row's cells), and the KPI name's page (the
# definition table) is checked separately.  Sheet 2's print area runs over
# two pages: header, budget and KPI definitions on page 3, 指標の推移 and the
# rest on page 4.
PAGES = {
    "moegi_r5_numbered_list": {
        "projects": {1: 1, 2: 2, 3: 2, 4: 3, 5: 3},
        "kpis": {"町産材を使用した住宅の新築・改修件数": 2, "森林体験プログラムの参加者数": 2,
                 "移住相談件数": 2, "本町の支援制度を利用した移住者数": 2,
                 "空き家バンクの新規登録物件数": 2,
                 "乳幼児健診の平均待ち時間": 3, "子育て支援アプリの登録世帯数": 3,
                 "保育所入所申請のオンライン申請率": 3,
                 "観光消費額": 3, "高原エリアの冬季観光入込客数": 3,
                 "拠点施設の年間利用者数": 3, "拠点施設に入居するサテライトオフィス企業数": 3},
    },
    "wakabase_r4_hyoka_sheet": {
        "projects": {1: 2, 2: 3, 3: 5, 4: 6},
        "names": {"中心市街地の休日歩行者通行量": 2, "中心市街地の空き店舗数": 2,
                  "相談室を通じた移住者数": 3, "お試し移住住宅の利用件数": 3,
                  "スマート農業機械の導入経営体数": 5, "市内の新規就農者数": 5,
                  "わかばテラスの年間利用者数": 6, "子育てに関する相談件数": 6},
        "rows": {1: 2, 2: 4, 3: 5, 4: 6},
    },
}


# ===========================================================================
# self-checks
# ===========================================================================

def check_printed_values(pdf_name, truth, text):
    """Every value the truth gives must be printed (compared after NFKC, so
    full-width digits count), and every rate must be what 実績/目標
    (目標/実績 when lower is better) gives."""
    has = make_has(text)
    for pr in truth["projects"]:
        for key in ("title", "department", "evaluation", "policy", "outcome"):
            assert has(pr[key]), (pdf_name, key, pr[key])
        for part in pr["period"].split("〜"):       # also the prose period
            assert has(part), (pdf_name, "period", part)
        assert has(pr["grant_program"]), (pdf_name, pr["grant_program"])
        if pr["grant_type"]:
            assert has(f"{pr['grant_program']}（{pr['grant_type']}）"), (pdf_name, pr["grant_type"])
        for fy, v in pr["budget"].items():
            assert has(f"{v:,}"), (pdf_name, fy, v)
    for k in truth["kpis"]:
        assert has(k["name"]), (pdf_name, k["name"])
        assert has(k["unit"]), (pdf_name, k["unit"])
        for v in (k["target"], k["actual"], k["baseline"]):
            if v is not None:
                assert has(fmt(v)), (pdf_name, k["name"], v)
        if k["rate"] is None:
            continue
        assert k["actual"] is not None, (pdf_name, k["name"])
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.5 + 1e-9, (pdf_name, k["name"], r, k["rate"])


def check_rates_printed(stem, text):
    """The printed rate strings (those the truth rates come from) are in the
    text as generated: the sentences of 萌木町, the 達成率 rows of 若葉瀬市."""
    flat = norm(text)
    if stem == F1["stem"]:
        for p in F1["projects"]:
            for s in f1_kpi_sentences(p):
                assert norm(s) in flat, (stem, s)
            for k in p["kpis"]:
                r = f1_rate_print(p, k)
                if r is not None:
                    assert norm(r) in flat, (stem, k["name"], r)
    else:
        for p in F2["projects"]:
            Z = zen if p["zen"] else ident
            lbl = {"pct": "達成率（R4）", "ratio": "達成度（R4）実績÷目標", "word": "達成状況（R4）"}[p["rate"]]
            row = Z(lbl) + "".join(f2_rate_cell(p, k) for k in p["kpis"])
            assert norm(row) in flat, (stem, p["no"], row)


def check_pages(pdf, truth, pages, report_only):
    exp = PAGES[pdf.stem]
    if pdf.stem == F1["stem"]:
        for pr in truth["projects"]:
            head = zen(str(pr["no"])) + pr["title"]
            found = page_of(pages, head)
            if report_only:
                print(pdf.stem, "project", pr["no"], found)
                continue
            pr["page"] = exp["projects"][pr["no"]]
            assert found == [pr["page"]], (pdf.name, head, found)
        for k in truth["kpis"]:
            found = page_of(pages, k["name"])
            if report_only:
                print(pdf.stem, "kpi", k["project_no"], k["name"], found)
                continue
            k["page"] = exp["kpis"][k["name"]]
            assert found == [k["page"]], (pdf.name, k["name"], found)
        return
    for pr in truth["projects"]:
        head = "事業名" + pr["title"]
        found = page_of(pages, head)
        if report_only:
            print(pdf.stem, "project", pr["no"], found)
            continue
        pr["page"] = exp["projects"][pr["no"]]
        assert found == [pr["page"]], (pdf.name, head, found)
    for name, pg in exp["names"].items():
        found = page_of(pages, name)
        if report_only:
            print(pdf.stem, "kpi name", name, found)
            continue
        assert found == [pg], (pdf.name, name, found)
    byno = {p["no"]: p for p in F2["projects"]}
    for k in truth["kpis"]:
        p = byno[k["project_no"]]
        row = f2_row_key(p, k["fiscal_year"])
        found = page_of(pages, row)
        if report_only:
            print(pdf.stem, "kpi row", k["project_no"], k["name"], k["fiscal_year"], row, found)
            continue
        k["page"] = exp["rows"][p["no"]]
        assert found == [k["page"]], (pdf.name, row, found)


def main(argv):
    outdir = HERE
    results = []
    for build in (build_f1, build_f2):
        pdf, truth = build(outdir)
        text = extract_checked(pdf)
        check_printed_values(pdf.name, truth, text)
        check_rates_printed(pdf.stem, text)
        pages = write_txt(outdir, pdf, text, truth)
        results.append((pdf, truth, pages))

    report_only = "--pages" in argv
    for pdf, truth, pages in results:
        check_pages(pdf, truth, pages, report_only)
        if report_only:
            continue
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 60)


if __name__ == "__main__":
    main(sys.argv[1:])
