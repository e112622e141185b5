"""Generate an eighth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/,
eval/heldout_layouts7/make_heldout7.py and eval/heldout_layouts6/make_heldout6.py
were consulted, for the technique, the truth schema and the self-checks.
Deterministic: reportlab documents are built with invariant=1.

    .venv/bin/python eval/heldout_layouts8/make_heldout8.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts8/make_heldout8.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts8/make_heldout8.py --pages  # only print where things are found

Fixtures
--------
shiginosawa_r5_excel_soukatsu
    鴫野沢町 (fictional), FY R5.  An Excel sheet exported to PDF (A3
    landscape, fitted to the page width, small Gothic font, gridlines):
    ONE ROW PER PROJECT.  The KPIs are REPEATED COLUMN GROUPS to the right
    (KPI① 指標名 | 単位 | 目標値 | 実績値 | 達成率 | KPI② … | KPI③ …) under
    merged headers over two header rows; the budget is two columns
    (令和5年度決算額 | 令和6年度当初予算額, 千円).  Wrapped cells (titles,
    KPI names, the outcome, the evaluation phrase), Alt+Enter periods, a
    blank KPI③ group for two-KPI projects, an Excel error 「#VALUE!」 in the
    達成率 of a KPI whose 実績値 is 「集計中」, a project typed with
    full-width digits (text cells, left-aligned), and a 備考 column.  The
    two header rows are repeated on page 2 (print titles).  The 取組内容 cell
    holds 「・」 bullets; one lower-is-better KPI is marked ※1, another only
    in 備考.

yunokizaka_r4_kouhou_tokushu
    柚ノ木坂市 (fictional), FY R4.  A two-page feature (特集) of the city's
    広報誌, A4 portrait, TWO COLUMNS (段組).  Each project is a short
    article: a catchy headline band, the formal 「事業名：」 line, a
    【期間】/【交付金】 line with the shorthand period 「令和3～5年度」,
    body paragraphs under ■ sub-heads (the budget in a 「◆事業費」
    paragraph and the KPIs in sentences), a tiny KPI table (指標 | 目標 |
    実績 | 達成率, units glued to the numbers), a 【市の評価】/【今後の方針】
    line and a 「問」 contact
    line that carries the department.  Articles flow from the foot of one
    column to the top of the next, and from page 1 to page 2.  The content
    stream holds the columns one after the other, so the extracted text
    reads column by column, while a layout-preserving extractor
    (pdftotext -layout) puts the two columns side by side on each line.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, FrameBreak, KeepTogether,
                                NextPageTemplate, PageTemplate, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, P, check_schema, computed_rate, extract_checked, fmt,  # noqa: E402
                         grant_name, ident, norm, page_of, pdftoppm_previews, rate_str, style,
                         write_truth, write_txt, zen)

# a string split by a page break (a paragraph running from page 1 to page 2) counts
# when its head ends one page and its tail is on the next
make_has = partial(hg.make_has, across_pages=True)


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts7/make_heldout7.py)
# ---------------------------------------------------------------------------

def short_period_to_truth(s: str) -> str:
    """「令和3～5年度（繰越）」 → 「令和3年度〜令和5年度」 (the truth spelling)."""
    s = unicodedata.normalize("NFKC", s)
    m = re.fullmatch(r"令和(\d+)~(\d+)年度(（繰越）|\(繰越\))?", s)
    assert m, s
    return f"令和{m.group(1)}年度〜令和{m.group(2)}年度"


# ===========================================================================
# Fixture 1: 鴫野沢町 — Excel 総括表, A3 landscape, one row per project (FY R5)
# ===========================================================================

# budget: R5 決算額 and R6 当初予算額 (None prints 「－」), in 千円.
# kpis: a None actual prints 「集計中」 and the 達成率 cell the Excel error
#       「#VALUE!」 (the formula =実績/目標 on a text cell).
# period_cell: the cell as typed (Alt+Enter line breaks).
F1 = {
    "stem": "shiginosawa_r5_excel_soukatsu",
    "city": "鴫野沢町",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="鴫野沢高原の山岳観光資源を活用したアウトドアツーリズムの推進及び受入体制整備事業",
             department="商工観光課",
             period="令和4年度〜令和6年度", period_cell="令和4年度～\n令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, r5=18640, r6=17500,
             kpis=[
                 dict(name="高原エリアの年間観光入込客数", unit="千人", t=185, a=201, lib=False),
                 dict(name="アウトドアガイド登録者数", unit="人", t=30, a=27, lib=False),
                 dict(name="高原エリアの観光消費額", unit="百万円", t=1250, a=None, lib=False),
             ],
             bullets=["高原エリアのトレッキングコース3路線の案内サインを英語・中国語・韓国語に多言語化した。",
                      "町観光協会と連携してアウトドアガイド養成講座を6回開催し、修了者をガイドとして登録した。",
                      "町観光協会に予約サイトを開設し、キャンプ場と体験メニューの一括予約を可能にした。",
                      "首都圏のアウトドア用品店と連携したモニターツアーを2回実施した。"],
             evaluation="地方創生に相当程度効果があった", policy="継続",
             note="KPI③の実績値は県観光動態調査（令和6年11月公表予定）により確定"),
        dict(no=2,
             title="町内中小企業の事業承継及び若者の地元就職を支援する人材還流・定着促進事業",
             department="産業振興課",
             period="令和3年度〜令和5年度", period_cell="令和3年度～\n令和5年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             zen=False, r5=9820, r6=None,
             kpis=[
                 dict(name="事業承継の成約件数", unit="件", t=8, a=9, lib=False),
                 dict(name="町内企業への若者就職者数", unit="人", t=40, a=33, lib=False),
             ],
             bullets=["商工会と連携して町内企業30社の事業承継診断を行い、後継者候補とのマッチングを支援した。",
                      "町内企業の合同企業説明会を町内と県庁所在地で計2回開催した。",
                      "町内の高校生を対象としたインターンシップを12社で受け入れた。"],
             evaluation="地方創生に効果があった", policy="終了",
             note="令和5年度で事業終了"),
        dict(no=3,
             title="ICTを活用した見守りと移動支援による高齢者の在宅生活継続支援事業",
             department="福祉介護課",
             period="令和5年度〜令和7年度", period_cell="令和５年度～\n令和７年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             zen=True, r5=24310, r6=6000,
             kpis=[
                 dict(name="見守りセンサーの設置世帯数", unit="世帯", t=150, a=162, lib=False),
                 dict(name="デマンド交通の月平均利用者数", unit="人", t=600, a=546, lib=False),
             ],
             bullets=["一人暮らしの高齢者世帯を中心に見守りセンサーを１６２世帯分設置し、異常時に家族と町へ通知する仕組みを整えた。",
                      "令和５年７月から町内全域でＡＩデマンド交通の運行を開始した。",
                      "予約用タブレットを公民館６か所に配置し、操作説明会を１２回開催した。"],
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             note="デマンド交通は令和５年７月から運行"),
        dict(no=4,
             title="子育て世代の定住に向けた町営住宅の子育て仕様への改修及び子育て相談体制の強化事業",
             department="子育て支援課",
             period="令和4年度〜令和6年度", period_cell="令和4年度～\n令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, r5=31480, r6=28000,
             kpis=[
                 dict(name="子育て世帯の転入世帯数", unit="世帯", t=25, a=31, lib=False),
                 dict(name="乳幼児健診の未受診率", unit="％", t=3.0, a=2.4, lib=True),
                 dict(name="子育て支援アプリ登録者数", unit="人", t=800, a=745, lib=False),
             ],
             bullets=["町営住宅8戸を子育て仕様に改修し、入居者の募集を町外にも広げた。",
                      "子育て支援アプリを導入し、健診の案内と予防接種の予約をオンライン化した。",
                      "子育て相談の窓口を土曜日にも開設し、保健師による訪問相談を拡充した。"],
             evaluation="地方創生に非常に効果的であった", policy="継続",
             note="KPI②は※1参照"),
        dict(no=5,
             title="旧鴫野沢小学校を改修したサテライトオフィス・交流拠点の整備事業",
             department="企画政策課",
             period="令和4年度〜令和5年度", period_cell="令和4年度～\n令和5年度\n（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             zen=False, r5=68215, r6=None,
             kpis=[
                 dict(name="サテライトオフィスの入居企業数", unit="社", t=6, a=4, lib=False),
                 dict(name="交流拠点の年間利用者数", unit="人", t=3000, a=3412, lib=False),
             ],
             bullets=["令和4年度補正予算を繰り越して旧校舎を改修し、令和5年8月にサテライトオフィス4室とコワーキングスペースを開所した。",
                      "首都圏の企業向けにお試し勤務ツアーを2回開催した。",
                      "地元の金融機関と連携して入居企業の誘致説明会を東京で開催した。"],
             evaluation="地方創生に効果があった", policy="見直し",
             note="令和4年度補正予算を繰越。令和5年8月開所"),
        dict(no=6,
             title="町内全域の空き家実態調査と空き家バンクの再構築による移住・住替え促進事業",
             department="まちづくり推進課",
             period="令和5年度〜令和7年度", period_cell="令和5年度～\n令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, r5=7860, r6=8200,
             kpis=[
                 dict(name="空き家バンクの成約件数", unit="件", t=12, a=15, lib=False),
                 dict(name="町内の管理不全空き家数", unit="戸", t=180, a=196, lib=True, mark=False),
             ],
             bullets=["町内全域の空き家の実態調査を行い、所有者への意向調査を実施した。",
                      "空き家バンクのサイトを刷新して物件の動画を掲載し、移住希望者向けの現地案内会を4回開催した。",
                      "解体費補助の対象を管理不全空き家に広げた。"],
             evaluation="地方創生に効果があった", policy="継続",
             note="KPI②は減少を目指す指標（達成率は目標値÷実績値）"),
    ],
}
F1_NPAGES = 2


def f1_Z(p):
    return zen if p["zen"] else ident


def f1_name(k):
    """The ※1 marker; project 6's lower-is-better KPI is marked only in 備考."""
    return k["name"] + ("※1" if k["lib"] and k.get("mark", True) else "")


def f1_group(p, k):
    """The five cells of a KPI group, as printed."""
    Z = f1_Z(p)
    if k["a"] is None:
        a, r = "集計中", "#VALUE!"
    else:
        # the rate is a formula (=実績/目標, number format 0.0%): half-width
        # even where the values were typed as full-width text
        a, r = Z(fmt(k["a"])), rate_str(k["t"], k["a"], k["lib"])
    return [f1_name(k), k["unit"], Z(fmt(k["t"])), a, r]


def f1_outcome_cell(p):
    """The 取組内容 cell: 「・」 bullets, one per line (Alt+Enter)."""
    return "\n".join("・" + b for b in p["bullets"])


def f1_outcome(p):
    """Truth: the bullets without their 「・」, joined with nothing."""
    return "".join(p["bullets"])


def f1_row_key(p, k):
    return "".join(f1_group(p, k))


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A3)
    lm = rm = 6 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=15 * mm, bottomMargin=13 * mm,
                            title="R5効果検証総括表", author="鴫野沢町",
                            creator="Microsoft Excel", subject="", producer="ReportLab")
    fs = 8.0
    st_title = style("t", GOTHIC, 15, 20)
    st_sub = style("s", GOTHIC, 9.5, 13)
    st_subr = style("sr", GOTHIC, 9.5, 13, align=TA_RIGHT)
    st_h = style("h", GOTHIC, fs, fs * 1.25, align=TA_CENTER)
    st_c = style("c", GOTHIC, fs, fs * 1.3)
    st_cc = style("cc", GOTHIC, fs, fs * 1.3, align=TA_CENTER)
    st_n = style("n", GOTHIC, fs, fs * 1.3, align=TA_RIGHT)
    st_bul = style("bu", GOTHIC, fs, fs * 1.3, leftIndent=fs, firstLineIndent=-fs)
    st_note = style("nt", GOTHIC, 8, 11)

    projs = F1["projects"]
    # column widths (pt): No | 事業名 | 担当課 | 事業期間 | 交付金 | R5 | R6 | 取組内容 |
    # 3 x (指標名 | 単位 | 目標値 | 実績値 | 達成率) | 評価 | 方針 | 備考
    grp = [56, 28, 30, 30, 40]
    cws = [18, 80, 54, 52, 62, 46, 46, 110] + grp * 3 + [54, 32, 50]
    assert 0 <= CW - sum(cws) < 16, (sum(cws), CW)
    cws[-1] += CW - sum(cws)

    h0 = ["No.", "事業名", "担当課", "事業期間", "交付金の種類", "事業費（単位：千円）", "",
          "令和5年度の主な取組内容"]
    h1 = ["", "", "", "", "", "令和5年度\n決算額", "令和6年度\n当初予算額", ""]
    for i in range(3):
        h0 += [f"KPI{'①②③'[i]}", "", "", "", ""]
        h1 += ["指標名", "単位", "目標値", "実績値", "達成率"]
    h0 += ["事業の評価", "今後の\n方針", "備考"]
    h1 += ["", "", ""]
    rows = [[P(x, st_h) if x else "" for x in h0], [P(x, st_h) if x else "" for x in h1]]
    cmds = [("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#7F7F7F")),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("LINEBELOW", (0, 1), (-1, 1), 0.9, colors.black),
            ("FONT", (0, 0), (-1, -1), GOTHIC, fs),
            ("VALIGN", (0, 0), (-1, 1), "MIDDLE"), ("VALIGN", (0, 2), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#D9E1F2")),
            ("SPAN", (5, 0), (6, 0))]
    for c in [0, 1, 2, 3, 4, 7, 23, 24, 25]:
        cmds.append(("SPAN", (c, 0), (c, 1)))
    for i in range(3):
        c0 = 8 + 5 * i
        cmds.append(("SPAN", (c0, 0), (c0 + 4, 0)))
        cmds.append(("BACKGROUND", (c0, 0), (c0 + 4, 1),
                     colors.HexColor(["#E2EFDA", "#FFF2CC", "#FCE4D6"][i])))
    for p in projs:
        numst = st_c if p["zen"] else st_n        # full-width text cells sit left
        row = [P(str(p["no"]), st_cc), P(p["title"], st_c), P(p["department"], st_c),
               P(p["period_cell"], st_c), P(grant_name(p), st_c),
               P(fmt(p["r5"]), st_n), P(fmt(p["r6"]), st_n), P(f1_outcome_cell(p), st_bul)]
        for i in range(3):
            if i < len(p["kpis"]):
                g = f1_group(p, p["kpis"][i])
                row += [P(g[0], st_c), P(g[1], st_cc), P(g[2], numst), P(g[3], numst),
                        P(g[4], st_n if g[4] != "#VALUE!" else st_cc)]
            else:
                row += ["", "", "", "", ""]          # blank cells: nothing printed
        row += [P(p["evaluation"], st_c), P(p["policy"], st_cc), P(p["note"], st_c)]
        rows.append(row)
    t = Table(rows, colWidths=cws, repeatRows=2, hAlign="LEFT")
    t.setStyle(TableStyle(cmds))

    story = [
        Table([[P("令和5年度 地方創生関係交付金事業 効果検証総括表", st_title),
                P("鴫野沢町 企画政策課<br/>令和6年9月20日 作成", st_subr)]],
              colWidths=[CW * 0.7, CW * 0.3],
              style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]),
        Spacer(1, 2 * mm),
        P("※達成率＝実績値÷目標値（セルの書式：パーセント、小数第1位）。"
          "事業費の令和6年度は当初予算額であり、決算額ではない。", st_sub),
        Spacer(1, 2 * mm),
        t,
        Spacer(1, 3 * mm),
        P("※1　減少を目指す指標のため、達成率は目標値÷実績値により算出した。", st_note),
        P("※2　実績値が「集計中」の指標は、達成率の計算式がエラー表示となっている。", st_note),
        P("※3　評価区分：地方創生に非常に効果的であった／地方創生に相当程度効果があった／"
          "地方創生に効果があった／地方創生に対して効果がなかった", st_note),
        Spacer(1, 5 * mm),
    ]
    # distractor: 集計 (counts and a previous-year column)
    allk = [k for p in projs for k in p["kpis"]]
    done = sum(1 for k in allk if k["a"] is not None and computed_rate(k["t"], k["a"], k["lib"]) >= 1)
    pend = sum(1 for k in allk if k["a"] is None)
    srows = [[P(x, st_h) for x in ["【参考】KPIの達成状況", "令和5年度", "令和4年度"]],
             [P("目標を達成した指標", st_c), P(f"{done}指標", st_n), P("6指標", st_n)],
             [P("目標を達成しなかった指標", st_c), P(f"{len(allk) - done - pend}指標", st_n), P("5指標", st_n)],
             [P("実績値が集計中の指標", st_c), P(f"{pend}指標", st_n), P("1指標", st_n)],
             [P("合計", st_cc), P(f"{len(allk)}指標", st_n), P("12指標", st_n)]]
    st = Table(srows, colWidths=[120, 60, 60], hAlign="LEFT")
    st.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#7F7F7F")),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")),
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(KeepTogether([st]))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 8)
        canvas.drawString(lm, H - 8 * mm, "R5効果検証総括表")
        canvas.drawRightString(W - rm, H - 8 * mm, "鴫野沢町")
        canvas.drawCentredString(W / 2, 6 * mm, f"{d.page} / {F1_NPAGES}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        budget = {"R5": p["r5"]}
        if p["r6"] is not None:
            budget["R6"] = p["r6"]
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": budget, "budget_unit": "千円",
            "budget_planned": ["R6"] if p["r6"] is not None else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": f1_outcome(p),
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": None,
                "fiscal_year": F1["fy"],
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": None if k["a"] is None else round(computed_rate(k["t"], k["a"], k["lib"]) * 100, 1),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": F1["fy"],
                   "layout": "excel_a3_one_row_per_project_kpi_column_groups_two_budget_years",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 柚ノ木坂市 — 広報誌 特集, two columns, articles (FY R4)
# ===========================================================================

# Each article: headline (catchy, not the title), 事業名, 【期間】 shorthand,
# 【交付金】, intro (distractor), ■令和4年度の取り組み: outcome + budget
# sentences, ■成果: KPI sentences + tiny table (+ ※ note), evaluation line,
# 問 line.  budget: [(key, amount, planned)].  kpis: base (value, year) is
# only written in the sentences (「基準値（令和2年度）の31.2万人から」).
F2 = {
    "stem": "yunokizaka_r4_kouhou_tokushu",
    "city": "柚ノ木坂市",
    "fy": "R4",
    "first_page_no": 2,
    "projects": [
        dict(no=1,
             headline="湯けむり通りに にぎわいが戻ってきました",
             title="柚ノ木坂温泉街の歴史的まち並みを生かした滞在型観光推進事業",
             department="観光振興課", contact="問　観光振興課 観光推進係　☎（23）4567",
             period="令和3年度〜令和5年度", period_print="令和3～5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             zen=False,
             budget=[("R4", 21486300, False), ("R5", 18000000, True)],
             intro="柚ノ木坂温泉街の宿泊者数は、平成30年度には年間9万人を超えていましたが、コロナ禍の令和2年度には4万人台まで落ち込みました。"
                   "この事業では、古い町家や石畳の通りを生かして、温泉街に長く滞在してもらえる観光地づくりを3か年の計画で進めています。",
             outcome="空き町家2棟を改修して休憩所と観光案内所を開設し、夜の湯けむり通りを照らすライトアップを通年で実施しました。"
                     "また、旅館組合と協力して連泊プランを造成し、台湾と香港の旅行会社を招いた視察ツアーを行いました。"
                     "石畳の通りでは、毎月第3土曜日に地元の飲食店や農家が出店する「湯けむり夜市」を開催し、毎回約1,200人が訪れました。"
                     "観光案内所には英語と中国語を話せる案内員を配置し、温泉街の案内マップを4か国語で作成しました。",
             budget_text="令和4年度は21,486,300円（うち国の交付金10,743,150円）で、このうち空き町家の改修費は8,960,000円でした。"
                         "令和5年度は18,000,000円を当初予算に計上しています。",
             kpis=[
                 dict(name="温泉街の観光入込客数", unit="万人", base=(31.2, "R2"), t=42.0, a=45.6, lib=False),
                 dict(name="外国人宿泊者数", unit="人", base=None, t=3500, a=2870, lib=False),
                 dict(name="温泉街の観光消費額", unit="億円", base=None, t=18.5, a=None, lib=False),
             ],
             kpi_text="温泉街の観光入込客数は、基準値（令和2年度）の31.2万人から45.6万人に増え、目標の42.0万人を上回りました。"
                      "一方、外国人宿泊者数は2,870人で、目標の3,500人には届きませんでした。"
                      "観光消費額は、県の観光動態調査の結果を待って確定します。宿泊を伴う観光客の割合も、少しずつ高まっています。",
             note="※観光消費額は県の調査結果（令和5年12月公表予定）により確定します。",
             next="外国人の宿泊者を増やすため、海外の旅行会社への売り込みを続けるとともに、ホームページや予約サイトの多言語化を進めます。"
                  "また、温泉街の飲食店と連携した食べ歩きチケットを新たに販売し、夜の滞在時間を延ばす取り組みを進めます。"
                  "旅館組合の皆さんからは「連泊のお客さまが目に見えて増えた」との声が寄せられています。"
                  "令和5年度は事業の最終年度となるため、事業終了後も観光協会が自主的に取り組みを続けられる体制づくりを進めます。",
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=2,
             headline="オンライン移住相談 若い世代の転入が増加",
             title="オンライン移住相談とお試し住宅を活用した若者・子育て世代の移住促進事業",
             department="企画課", contact="問　企画課 移住定住係　☎（23）1111（内線213）",
             period="令和4年度〜令和6年度", period_print="令和4～6年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             zen=False,
             budget=[("R4", 6420000, False), ("R5", 6800000, True)],
             intro="進学や就職で市外に出た若い世代の移住を促すため、移住相談をオンラインに広げ、お試し住宅を用意しました。",
             outcome="専用サイトから予約できるオンライン移住相談を始め、平日の夜と土日にも相談を受け付けました。"
                     "東京と大阪の移住フェアに出展したほか、空き家を改修したお試し住宅2戸の運用を7月から始めました。",
             budget_text="令和4年度は6,420,000円（うち国の交付金3,210,000円）で、"
                         "令和5年度当初予算では6,800,000円を計上しています。",
             kpis=[
                 dict(name="移住相談件数", unit="件", base=None, t=150, a=183, lib=False),
                 dict(name="相談を通じた移住者数", unit="人", base=None, t=40, a=36, lib=False),
             ],
             next=None,
             kpi_text="移住相談件数は183件で、目標の150件を大きく上回りました。相談を通じて実際に移住した人は36人で、"
                      "目標の40人をわずかに下回りました。なお、前年度（令和3年度）の移住者数は21人でした。",
             note=None,
             evaluation="地方創生に効果があった", policy="拡充"),
        dict(no=3,
             headline="子育て相談の待ち日数が短くなりました",
             title="子育て世代包括支援センターの機能強化とオンライン予約による相談体制の充実事業",
             department="こども家庭課", contact="問　こども家庭課 子育て支援係　☎（２３）２２４５",
             period="令和4年度〜令和6年度", period_print="令和４～６年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             zen=True,
             budget=[("R4", 12980000, False)],
             intro="妊娠から子育てまでの相談をひとつの窓口で受ける「ゆのきっずセンター」で、相談の予約をオンラインでできるようにし、"
                   "保健師と保育士を増員しました。",
             outcome="令和４年６月にオンライン予約システムを導入し、保健師と保育士を１人ずつ増員しました。"
                     "また、土曜日の相談窓口を月２回開設し、働いている保護者も相談しやすくしました。",
             budget_text="令和４年度は１２，９８０，０００円（うち国の交付金６，４９０，０００円）でした。",
             kpis=[
                 dict(name="相談の平均待ち日数", unit="日", base=(21, "R3"), t=14, a=11, lib=True),
                 dict(name="オンライン予約の利用率", unit="％", base=None, t=50.0, a=62.4, lib=False),
             ],
             kpi_text="相談の予約から面談までの平均待ち日数は、基準値（令和３年度）の２１日から１１日に短くなり、"
                      "目標の１４日を達成しました。オンライン予約の利用率も６２．４％と、目標の５０．０％を上回りました。",
             note="※待ち日数は短いほど良い指標のため、達成率は目標÷実績で計算しています。",
             next=None,
             evaluation="地方創生に非常に効果的であった", policy="継続"),
        dict(no=4,
             headline="道の駅に農産物の加工所と直売所がオープン",
             title="道の駅ゆのきざかへの農産物加工施設及び直売所の整備事業",
             department="農林課", contact="問　農林課 農政係　☎（23）3310",
             period="令和3年度〜令和4年度", period_print="令和3～4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             zen=False,
             budget=[("R4", 87560000, False)],
             intro="市内の農家が育てた果物や野菜を加工して付加価値を高めるため、道の駅ゆのきざかの敷地に加工施設と直売所を整備しました。",
             outcome="令和3年度補正予算を繰り越して加工施設と直売所を建設し、令和4年7月にオープンしました。"
                     "柚子を使ったジャムやポン酢など12品目の加工品を開発し、ふるさと納税の返礼品にも加えました。",
             budget_text="総額87,560,000円（うち国の交付金43,780,000円）で、全額を令和4年度に執行しました。",
             kpis=[
                 dict(name="加工品の販売額", unit="千円", base=None, t=12000, a=13860, lib=False),
                 dict(name="直売所の年間利用者数", unit="人", base=None, t=60000, a=52340, lib=False),
             ],
             next=None,
             kpi_text="加工品の販売額は13,860千円で、目標の12,000千円を上回りました。直売所の利用者数は、"
                      "オープンが7月となった影響もあり52,340人で、目標の60,000人に届きませんでした。"
                      "なお、加工品のうち柚子ポン酢は、県の特産品コンクールで最優秀賞を受賞しました。",
             note=None,
             evaluation="地方創生に効果があった", policy="継続"),
        dict(no=5,
             headline="空き店舗にサテライトオフィス 3社が進出しました",
             title="中心商店街の空き店舗を活用したサテライトオフィス誘致及びテレワーク人材育成事業",
             department="商工労働課", contact="問　商工労働課 商工振興係　☎（23）5120",
             period="令和4年度〜令和6年度", period_print="令和4～6年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             zen=False,
             budget=[("R4", 9875400, False), ("R5", 10000000, True)],
             intro="中心商店街の空き店舗を都市部の企業のサテライトオフィスとして活用し、にぎわいの回復と、"
                   "市内での新しい働く場づくりを進めています。",
             outcome="空き店舗3軒を改修してサテライトオフィスとし、首都圏の企業向けにお試し勤務ツアーを4回開催しました。"
                     "また、市民向けのテレワーク講座を開講し、在宅でできる仕事のスキルを学ぶ機会をつくりました。",
             budget_text="令和4年度は9,875,400円（うち国の交付金4,937,700円）でした。"
                         "令和5年度は当初予算に10,000,000円を計上しています。",
             kpis=[
                 dict(name="サテライトオフィスの進出企業数", unit="社", base=None, t=3, a=3, lib=False),
                 dict(name="テレワーク講座修了者数", unit="人", base=None, t=60, a=71, lib=False),
                 dict(name="商店街の空き店舗数", unit="店", base=(29, "R3"), t=24, a=26, lib=True),
             ],
             kpi_text="進出企業は目標どおり3社となり、テレワーク講座の修了者も71人と、目標の60人を上回りました。"
                      "中心商店街の空き店舗数は、基準値（令和3年度）の29店から26店に減りましたが、目標の24店には届きませんでした。",
             note="※空き店舗数は少ないほど良い指標のため、達成率は目標÷実績で計算しています。",
             next="進出企業と地元企業との交流会を開催し、新たな仕事の創出につなげます。空き店舗の所有者への働き掛けも続けます。",
             evaluation="地方創生に相当程度効果があった", policy="継続"),
    ],
}
NUMS = "❶❷❸❹❺"


def f2_Z(p):
    return zen if p["zen"] else ident


def f2_name(k):
    return k["name"] + ("※" if k["lib"] else "")


def f2_cells(p, k):
    """A row of the tiny KPI table, as printed (units glued)."""
    Z = f2_Z(p)
    t = Z(fmt(k["t"])) + k["unit"]
    if k["a"] is None:
        return [f2_name(k), t, "集計中", "－"]
    return [f2_name(k), t, Z(fmt(k["a"])) + k["unit"], Z(rate_str(k["t"], k["a"], k["lib"]))]


def f2_row_key(p, k):
    return "".join(f2_cells(p, k))


def f2_info(p):
    return f"【期間】{p['period_print']}　【交付金】{grant_name(p)}"


def f2_eval_line(p):
    return f"【市の評価】{p['evaluation']}<br/>【今後の方針】{p['policy']}"


class LoggingDoc(BaseDocTemplate):
    """Remembers, for every flowable drawn, its page and frame."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.flow_log = []

    def afterFlowable(self, fl):
        txt = fl.getPlainText() if isinstance(fl, Paragraph) else type(fl).__name__
        if isinstance(fl, Paragraph) and not txt:
            # a part of a split paragraph: its text is in its laid-out lines
            bl = fl.blPara
            if bl.kind == 0:
                txt = "".join("".join(words) for _, words in bl.lines)
        self.flow_log.append((self.page, getattr(self.frame, "id", None), txt))


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 14 * mm
    gap = 7 * mm
    top, bot = 20 * mm, 16 * mm
    colw = (W - lm - rm - gap) / 2
    lead_h = 54 * mm
    doc = LoggingDoc(str(pdf), pagesize=A4, invariant=1,
                     leftMargin=lm, rightMargin=rm, topMargin=top, bottomMargin=bot,
                     title="広報ゆのきざか 2023年11月号 特集", author="柚ノ木坂市",
                     creator="Adobe InDesign", subject="", producer="ReportLab")
    f_lead = Frame(lm, H - top - lead_h, W - lm - rm, lead_h, id="lead",
                   leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_l1 = Frame(lm, bot, colw, H - top - lead_h - bot - 3 * mm, id="L",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_r1 = Frame(lm + colw + gap, bot, colw, H - top - lead_h - bot - 3 * mm, id="R",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_l = Frame(lm, bot, colw, H - top - bot, id="L",
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    f_r = Frame(lm + colw + gap, bot, colw, H - top - bot, id="R",
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    ORANGE = colors.HexColor("#E07B00")
    GREEN = colors.HexColor("#3A7D44")
    PALE = colors.HexColor("#FFF4E0")

    def page_deco(canvas, d, first):
        canvas.saveState()
        # header band
        canvas.setFillColor(ORANGE)
        canvas.rect(0, H - 13 * mm, W, 13 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(GOTHIC, 11)
        canvas.drawString(lm, H - 8.6 * mm, "特集　地方創生交付金事業の成果")
        canvas.setFont(GOTHIC, 8.5)
        canvas.drawRightString(W - rm, H - 8.6 * mm, "令和4年度 効果検証の結果")
        # column rule
        canvas.setStrokeColor(colors.HexColor("#BFBFBF"))
        canvas.setLineWidth(0.5)
        ytop = H - top - (lead_h + 3 * mm if first else 0)
        canvas.line(W / 2, bot, W / 2, ytop)
        # footer: the magazine's page numbers
        canvas.setFillColor(colors.black)
        canvas.setFont(GOTHIC, 8)
        no = F2["first_page_no"] + d.page - 1
        if no % 2 == 0:
            canvas.drawString(lm, 8 * mm, f"{no}　広報ゆのきざか　2023（令和5）年11月号")
        else:
            canvas.drawRightString(W - rm, 8 * mm, f"広報ゆのきざか　2023（令和5）年11月号　{no}")
        canvas.restoreState()

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[f_lead, f_l1, f_r1], onPage=lambda c, d: page_deco(c, d, True)),
        PageTemplate(id="later", frames=[f_l, f_r], onPage=lambda c, d: page_deco(c, d, False)),
    ])

    st_big = style("big", GOTHIC, 20, 26, textColor=colors.HexColor("#5A3200"))
    st_lead = style("lead", MINCHO, 9.6, 15.5, firstLineIndent=9.6)
    st_head = style("hd", GOTHIC, 11.2, 15.5, textColor=colors.white, backColor=GREEN,
                    borderPadding=(3, 3, 3, 3), spaceBefore=8, spaceAfter=5, leftIndent=0)
    st_title = style("ti", GOTHIC, 8.3, 11.5, textColor=colors.HexColor("#3A3A3A"), spaceAfter=1)
    st_info = style("in", GOTHIC, 8, 11, textColor=GREEN, spaceAfter=3)
    st_body = style("bd", MINCHO, 8.8, 13.6, firstLineIndent=8.8, spaceAfter=1.5)
    st_sub = style("sb", GOTHIC, 9, 13, textColor=GREEN, spaceBefore=2.5, spaceAfter=1)

    def sub(text):
        """A ■ sub-head, never left alone at the foot of a column (but the
        paragraph under it may run on into the next column)."""
        return [CondPageBreak(13 + 3 * 13.6), P(text, st_sub)]
    st_cap = style("cap", GOTHIC, 7.8, 10.5, spaceBefore=3, spaceAfter=1.5)
    st_cell = style("cl", GOTHIC, 7.8, 10)
    st_cellr = style("clr", GOTHIC, 7.8, 10, align=TA_RIGHT)
    st_cellc = style("clc", GOTHIC, 7.8, 10, align=TA_CENTER)
    st_note = style("nt", MINCHO, 7.2, 10, spaceBefore=1.5)
    st_eval = style("ev", GOTHIC, 8.3, 12, spaceBefore=3, textColor=colors.HexColor("#5A3200"))
    st_contact = style("ct", GOTHIC, 7.8, 11, spaceBefore=1.5, spaceAfter=4)
    st_box = style("bx", MINCHO, 8.2, 12.5)
    st_boxh = style("bxh", GOTHIC, 9, 13)

    projs = F2["projects"]
    tot = sum(dict((b[0], b[1]) for b in p["budget"])["R4"] for p in projs)
    story = [NextPageTemplate("later")]
    story.append(P("地方創生交付金事業の成果を<br/>お知らせします", st_big))
    story.append(Spacer(1, 3 * mm))
    story.append(P("市では、人口減少の克服と地域の活性化に向けて、国の地方創生関係交付金を活用したさまざまな事業に取り組んでいます。"
                   "このたび、令和4年度に実施した5つの事業について、外部の有識者でつくる「柚ノ木坂市まち・ひと・しごと創生推進会議」"
                   "（8月28日開催）で効果検証を行いました。各事業の取り組みと、成果指標（KPI）の達成状況をお知らせします。", st_lead))
    story.append(Spacer(1, 2 * mm))
    story.append(P(f"令和4年度の交付金事業　5事業／総事業費 約{tot // 10000:,}万円（うち交付金 約{tot // 20000:,}万円）",
                   style("sum", GOTHIC, 9.5, 14, textColor=ORANGE)))
    story.append(FrameBreak())

    for p in projs:
        Z = f2_Z(p)
        head = [P(f"{NUMS[p['no'] - 1]} {p['headline']}", st_head),
                P(f"事業名：{p['title']}", st_title),
                P(Z(f2_info(p)), st_info),
                P(p["intro"], st_body)]
        story.append(KeepTogether(head))
        story += sub("■令和4年度の取り組み" if not p["zen"] else "■令和４年度の取り組み")
        story.append(P(p["outcome"], st_body))
        story.append(P("◆事業費　" + p["budget_text"], st_body))
        story += sub("■成果")
        story.append(P(p["kpi_text"], st_body))
        rows = [[P(x, st_cellc) for x in ["指標", "目標", "実績", "達成率"]]]
        for k in p["kpis"]:
            c = f2_cells(p, k)
            rows.append([P(c[0], st_cell), P(c[1], st_cellr), P(c[2], st_cellr), P(c[3], st_cellr)])
        tb = Table(rows, colWidths=[colw - 152, 50, 50, 52], hAlign="LEFT")
        tb.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8C8C8C")),
                                ("FONT", (0, 0), (-1, -1), GOTHIC, 7.8), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E2F0D9")),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
                                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        cap = P(Z("成果指標（KPI）の達成状況（令和4年度）"), st_cap)
        block = [cap, tb] + ([P(Z(p["note"]) if p["zen"] else p["note"], st_note)] if p["note"] else [])
        story.append(KeepTogether(block))
        if p["next"]:
            story += sub("■今後は")
            story.append(P(p["next"], st_body))
        story.append(KeepTogether([P(f2_eval_line(p), st_eval), P(p["contact"], st_contact)]))

    # distractor boxes at the end (right column of page 2)
    def box(title, body):
        t = Table([[P(title, st_boxh)], [P(body, st_box)]], colWidths=[colw])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, ORANGE),
                               ("BACKGROUND", (0, 0), (-1, 0), PALE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5)]))
        return t
    story.append(Spacer(1, 3 * mm))
    story.append(box("KPI（重要業績評価指標）とは",
                     "事業の成果を測るために、事業を始める前に定めた数値目標です。達成率は、実績÷目標×100で計算しています。"
                     "待ち日数や空き店舗数のように少ないほど良い指標は、目標÷実績×100で計算しています。"))
    story.append(Spacer(1, 3 * mm))
    story.append(box("数字で見る柚ノ木坂",
                     "人口　38,412人（令和5年9月末）<br/>転入者数　1,254人（令和4年度）<br/>"
                     "観光入込客数（市全体）　112.6万人（令和4年）"))
    story.append(Spacer(1, 3 * mm))
    story.append(P("特集の問　企画課 企画係　☎（23）1111（内線215）", st_contact))

    doc.build(story)
    build_f2.flow_log = doc.flow_log

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"]}, "budget_unit": "円",
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": None if k["base"] is None else k["base"][0],
                "fiscal_year": F2["fy"],
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": None if k["a"] is None else round(computed_rate(k["t"], k["a"], k["lib"]) * 100, 1),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "kouhoushi_two_column_articles_kpi_sentences_tiny_kpi_tables",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# shiginosawa: project page = page of its table row; a KPI's page = the same.
# yunokizaka: project page = page of its 「事業名：」 line (the headline is
# kept with it); a KPI's page = page of its row in the tiny table.
PAGES = {
    "shiginosawa_r5_excel_soukatsu": {
        "projects": {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2},
        "kpis": {},                      # every KPI is on its project's page
    },
    "yunokizaka_r4_kouhou_tokushu": {
        "projects": {1: 1, 2: 1, 3: 1, 4: 2, 5: 2},
        # article 3 starts at the foot of page 1; its table is on page 2
        "kpis": {"相談の平均待ち日数": 2, "オンライン予約の利用率": 2},
    },
}


def expected_kpi_page(stem, k):
    exp = PAGES[stem]
    return exp["kpis"].get(k["name"], exp["projects"][k["project_no"]])


# ===========================================================================
# self-checks
# ===========================================================================

def check_printed_values(stem, truth, text):
    """Every value the truth gives must be printed (compared after NFKC, so
    full-width digits count), and every rate must be what 実績/目標
    (目標/実績 when lower is better) gives, printed with one decimal."""
    has = make_has(text)
    src = {p["no"]: p for p in (F1 if stem == F1["stem"] else F2)["projects"]}
    for pr in truth["projects"]:
        for key in ("title", "department", "evaluation", "policy"):
            assert has(pr[key]), (stem, key, pr[key])
        if stem == F1["stem"]:
            # the 取組内容 cell: each bullet printed after a 「・」, in this order
            b = src[pr["no"]]["bullets"]
            assert "".join(b) == pr["outcome"]
            assert has("・" + "・".join(b)), (stem, "outcome", pr["no"])
        else:
            assert has(pr["outcome"]), (stem, "outcome", pr["outcome"])
        if stem == F2["stem"]:
            pp = src[pr["no"]]["period_print"]
            assert has(pp), (stem, "period", pp)
            assert short_period_to_truth(pp) == pr["period"], (stem, pp, pr["period"])
        else:
            for part in pr["period"].split("〜"):
                assert has(part), (stem, "period", part)
        assert has(pr["grant_program"]), (stem, pr["grant_program"])
        if pr["grant_type"]:
            assert has(f"{pr['grant_program']}（{pr['grant_type']}）"), (stem, pr["grant_type"])
        for fy, v in pr["budget"].items():
            assert has(f"{v:,}"), (stem, fy, v)
        for fy in pr["budget_planned"]:
            assert fy in pr["budget"], (stem, fy)
    for k in truth["kpis"]:
        assert has(k["name"]), (stem, k["name"])
        assert has(k["unit"]), (stem, k["unit"])
        for v in (k["target"], k["actual"], k["baseline"]):
            if v is not None:
                assert has(fmt(v)), (stem, k["name"], v)
        if k["rate"] is None:
            assert k["actual"] is None, (stem, k["name"])
            continue
        assert k["actual"] is not None, (stem, k["name"])
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.05 + 1e-9, (stem, k["name"], r, k["rate"])
        assert has(f"{k['rate']:.1f}%"), (stem, k["name"], k["rate"])


def kpi_row_key(stem, k):
    src = F1 if stem == F1["stem"] else F2
    p = {p["no"]: p for p in src["projects"]}[k["project_no"]]
    kk = next(x for x in p["kpis"] if x["name"] == k["name"])
    return f1_row_key(p, kk) if stem == F1["stem"] else f2_row_key(p, kk)


def project_head(stem, pr):
    if stem == F1["stem"]:
        return str(pr["no"]) + pr["title"]
    return "事業名：" + pr["title"]


def check_rows_printed(stem, truth, text):
    """Each KPI row (the cells the truth record comes from, in drawing
    order) is in the text as generated."""
    flat = norm(text)
    for k in truth["kpis"]:
        key = kpi_row_key(stem, k)
        assert norm(key) in flat, (stem, key)


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    flat = norm(text)
    if stem == F1["stem"]:
        assert len(pages) == F1_NPAGES, (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"{i} / {F1_NPAGES}" in t, (stem, "footer", i)
            # the two header rows are repeated on every page (print titles)
            assert norm("指標名単位目標値実績値達成率" * 3) in norm(t), (stem, "header", i)
        # the Excel error sits where the rate of the 集計中 KPI would be
        assert "集計中#VALUE!" in flat, (stem, "#VALUE!")
        # a two-KPI project: its KPI② group runs straight into the 評価 cell
        for p in F1["projects"]:
            if len(p["kpis"]) == 2:
                assert norm(f1_row_key(p, p["kpis"][1]) + p["evaluation"]) in flat, (stem, p["no"])
        # the full-width project: its cells are full-width in the text
        p3 = F1["projects"][2]
        assert zen(fmt(p3["kpis"][0]["t"])) in text and zen(fmt(p3["kpis"][1]["a"])) in text
    else:
        assert len(pages) == 2, (stem, len(pages))
        for i, t in enumerate(pages):
            assert f"{F2['first_page_no'] + i}" in t
        has = make_has(text)
        # every paragraph of every article is read whole (column by column):
        # a paragraph that runs from the foot of the left column to the head
        # of the right column is contiguous in the text
        for p in F2["projects"]:
            for s in (p["intro"], p["outcome"], p["budget_text"], p["kpi_text"], p["headline"], p["next"]):
                assert s is None or has(s), (stem, p["no"], s[:20])
        # article 1's 「■今後は」 paragraph runs from the foot of the left
        # column to the head of the right column of page 1, and its
        # 【市の評価】 line is at the head of the right column, above article 2
        log = build_f2.flow_log
        p1 = F2["projects"][0]
        assert split_paragraphs(log).get(p1["next"][:16]) == {(1, "L"), (1, "R")}, (stem, "split")
        t1 = norm(pages[0])
        assert t1.index(norm(p1["next"])) < t1.index("【市の評価】" + p1["evaluation"]) \
            < t1.index(norm(F2["projects"][1]["headline"])), (stem, "column order")
        # article 3 starts at the foot of page 1 and goes on on page 2
        p3 = F2["projects"][2]
        assert norm(p3["intro"]) in t1 and norm(p3["outcome"]) in norm(pages[1]), (stem, "article 3")


def split_paragraphs(log):
    """Paragraph texts that were drawn in more than one (page, frame)."""
    seen = {}
    for page, frame, txt in log:
        for p in F2["projects"]:
            for s in (p["intro"], p["outcome"], p["budget_text"], p["kpi_text"], p["next"] or ""):
                n = norm(txt)
                if n and n in norm(s) and len(n) < len(norm(s)):
                    seen.setdefault(s[:16], set()).add((page, frame))
    return {k: v for k, v in seen.items() if len(v) > 1}


def check_pages(pdf, truth, pages, report_only):
    exp = PAGES[pdf.stem]
    stem = pdf.stem
    for pr in truth["projects"]:
        head = project_head(stem, pr)
        found = page_of(pages, head)
        if report_only:
            print(stem, "project", pr["no"], found)
            continue
        pr["page"] = exp["projects"][pr["no"]]
        assert found == [pr["page"]], (pdf.name, head, found)
    for k in truth["kpis"]:
        row = kpi_row_key(stem, k)
        found = page_of(pages, row)
        names = page_of(pages, k["name"])
        if report_only:
            print(stem, "kpi", k["project_no"], k["name"], found, "name on", names)
            continue
        k["page"] = expected_kpi_page(stem, k)
        assert found == [k["page"]], (pdf.name, row, found)
        assert k["page"] in names, (pdf.name, k["name"], names)


def main(argv):
    outdir = HERE
    results = []
    for build in (build_f1, build_f2):
        pdf, truth = build(outdir)
        text = extract_checked(pdf)
        check_printed_values(pdf.stem, truth, text)
        check_rows_printed(pdf.stem, truth, text)
        check_layout_specifics(pdf.stem, truth, text)
        pages = write_txt(outdir, pdf, text, truth)
        results.append((pdf, truth, pages))

    report_only = "--pages" in argv
    if report_only:
        for page, frame, txt in build_f2.flow_log:
            print("flow", page, frame, txt[:30])
    for pdf, truth, pages in results:
        check_pages(pdf, truth, pages, report_only)
        if report_only:
            continue
        check_schema(truth, HERE.parent / "heldout_layouts7", need_ref=False)
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 60)


if __name__ == "__main__":
    main(sys.argv[1:])
