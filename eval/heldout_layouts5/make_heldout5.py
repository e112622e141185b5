"""Generate a fifth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts4/make_heldout4.py were consulted, for the technique, the
truth schema and the self-checks.  Deterministic: reportlab documents are
built with invariant=1.

    .venv/bin/python eval/heldout_layouts5/make_heldout5.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts5/make_heldout5.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts5/make_heldout5.py --pages  # only print where things are found

Fixtures
--------
rurisawa_r4_ichiranhyo
    瑠璃沢町 (fictional), FY R4.  A landscape Excel 一覧表: ONE table for all
    projects, in which each project is a BLOCK of rows.  The first column is
    No. (only on the block's first row), the second a label cell (事業名 /
    担当課 / 事業費 / KPI① / KPI② / … / 取組内容 / 評価 / 備考), and the values
    sit in the cells to the right, each KPI row reading
    「KPI① 名称 基準値 800人 目標 1,000人 実績 1,200人 達成率 120.0%」 with
    every label and value in its own cell.  The table breaks across pages
    inside a block (header row repeated, no No. on the continued rows).

shirakabano_r5_kpi_ichiran
    白樺野市 (fictional), FY R5.  Portrait report: one 「事業の概要」 box per
    project (事業番号 / 事業名 / 担当課 / 事業期間 / 交付金 / 事業費 / 取組実績 /
    評価 / 方針) with NO KPIs in it, and at the END of the document a single
    「KPI達成状況一覧」 table listing the KPIs of ALL projects by 事業番号
    (printed only on the first row of each group) next to a running 指標No.,
    so KPIs must be joined to projects by number.  The KPI table breaks
    across pages inside a group.  Page 1 has a distractor table of the
    strategy's 数値目標 with the same columns as the KPI table.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (EVALS, GOTHIC, MINCHO, P, extract_checked, fmt, grant_name, ident,  # noqa: E402
                         make_has, norm, page_of, pdftoppm_previews, rate_from_print, style,
                         write_truth, write_txt)

zen = partial(hg.zen, table=hg.zen_table("RH"))  # full-width digits, 「Ｒ」, 「Ｈ」: typed by hand in Excel


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts4/make_heldout4.py)
# ---------------------------------------------------------------------------

def computed_rate(k):
    """Achievement ratio: 実績/目標, or 目標/実績 for lower-is-better KPIs."""
    return (k["t"] / k["a"]) if k["lib"] else (k["a"] / k["t"])


CIRCLED = "①②③④⑤"
ERA = {"R2": "令和2年度", "R3": "令和3年度", "R4": "令和4年度", "R5": "令和5年度",
       "R6": "令和6年度", "R7": "令和7年度"}


# ===========================================================================
# Fixture 1: 瑠璃沢町 — 一覧表 with one block of rows per project (FY R4)
# ===========================================================================

# rate: how the block's KPI rows print the achievement:
#   "pct"   達成率 | 104.4%
#   "ratio" 達成度 | 1.12   (実績÷目標, 目標÷実績 when lower is better)
#   "word"  達成状況 | 達成 / 未達成   (no number → rate null)
# kpis: a None actual prints 未確定 and the rate cell －.
# budget: [(key, amount, planned)]; planned years print 「R5予算」.
F1 = {
    "stem": "rurisawa_r4_ichiranhyo",
    "city": "瑠璃沢町",
    "projects": [
        dict(no=1,
             title="瑠璃沢温泉郷の街並み景観整備と地域資源を活かした着地型体験観光商品の造成による滞在型観光推進事業",
             department="観光交流課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False, rate="pct",
             budget=[("R3", 9860, False), ("R4", 11420, False), ("R5", 10500, True)],
             kpis=[
                 dict(name="温泉郷の年間宿泊者数", unit="人", base=48200, t=52000, a=54310, lib=False),
                 dict(name="着地型体験プログラムの参加者数", unit="人", base=1150, t=1800, a=1626, lib=False),
                 dict(name="町内観光消費額", unit="百万円", base=3120, t=3400, a=None, lib=False),
             ],
             purpose="温泉街の景観を一体的に整えるとともに、地域の事業者が主体となった体験型の観光商品をつくり、日帰り客の宿泊への転換と滞在時間の延長を図る。",
             outcome="温泉街の店舗10件の外観修景に補助を行い、無電柱化に合わせて石畳風の舗装と街路灯を整備した。"
                     "地元事業者と連携して、そば打ちや渓流釣りなどの体験プログラムを14本造成し、予約サイトで販売を開始した。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             note="KPI③の実績は県観光統計（令和5年11月公表予定）により確定するため未確定。"),
        dict(no=2,
             title="移住・定住総合相談窓口の設置及び空き家改修支援による子育て世帯の移住促進事業",
             department="企画政策課",
             period="令和4年度〜令和6年度", period_print="令和４年度～令和６年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             unit="千円", zen=True, rate="pct",
             budget=[("R4", 6842, False), ("R5", 7200, True)],
             kpis=[
                 dict(name="移住相談窓口での相談件数", unit="件", base=64, t=100, a=118, lib=False),
                 dict(name="支援制度を利用した移住者数", unit="人", base=None, t=20, a=23, lib=False),
             ],
             purpose="移住希望者の相談にワンストップで対応する窓口を設け、住まいとなる空き家の改修を支援することで、子育て世帯の移住と定住を促す。",
             outcome="役場本庁舎に移住・定住総合相談窓口を開設し、専任の相談員２名を配置した。"
                     "空き家の改修費補助を７件交付したほか、首都圏での移住フェアに３回出展した。",
             evaluation="地方創生に非常に効果的であった", policy="拡充",
             note=None),
        dict(no=3,
             title="スマート水田管理システムの導入による中山間地域の稲作経営支援事業",
             department="農林課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             unit="千円", zen=False, rate="ratio",
             budget=[("R4", 15300, False), ("R5", 16800, True)],
             kpis=[
                 dict(name="水田センサーの導入面積", unit="ha", base=0.0, t=40.0, a=44.8, lib=False),
                 dict(name="10a当たり水管理作業時間", unit="時間", base=8.6, t=6.0, a=6.4, lib=True),
                 dict(name="中山間地域の新規就農者数", unit="人", base=3, t=5, a=4, lib=False),
             ],
             purpose="水田の水位をセンサーで遠隔監視し、見回りの負担を減らすことで、高齢化が進む中山間地域の稲作を維持し、新たな担い手が参入しやすい環境をつくる。",
             outcome="町内3地区の水田に水位センサーと自動給水栓を設置し、スマートフォンで水位を確認できる"
                     "システムを導入した。農業者向けの操作研修会を5回開催した。",
             evaluation="地方創生に効果があった", policy="継続",
             note="達成度は実績値÷目標値の比率。ただし、KPI②は作業時間の短縮を目指す指標のため目標値÷実績値で算出。"),
        dict(no=4,
             title="子育て世代包括支援センターにおけるオンライン相談体制の整備事業",
             department="子育て支援課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False, rate="pct",
             budget=[("R3", 4200, False), ("R4", 5130, False)],
             kpis=[
                 dict(name="オンライン相談の利用件数", unit="件", base=None, t=300, a=412, lib=False),
                 dict(name="子育て支援に満足している保護者の割合", unit="％", base=62.5, t=70.0, a=73.4,
                      lib=False),
             ],
             purpose="妊娠期から子育て期まで、仕事や育児で来所が難しい保護者もオンラインで気軽に相談できる体制を整え、子育ての不安を軽減する。",
             outcome="ビデオ通話による育児相談と離乳食教室のオンライン配信を開始した。"
                     "夜間・休日の相談にも対応できるよう、助産師2名と業務委託契約を結んだ。",
             evaluation="地方創生に効果があった", policy="終了",
             note="令和4年度で交付金事業を終了し、令和5年度からは町単独事業として継続する。"),
        dict(no=5,
             title="旧瑠璃沢小学校を活用したサテライトオフィス・地域交流拠点整備事業",
             department="商工振興課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             unit="円", zen=False, rate="word",
             budget=[("R4", 62480000, False)],
             kpis=[
                 dict(name="交流拠点施設の年間利用者数", unit="人", base=None, t=3000, a=3460, lib=False),
                 dict(name="サテライトオフィス入居企業数", unit="社", base=None, t=4, a=2, lib=False),
             ],
             purpose="閉校した小学校の校舎を改修し、都市部の企業のサテライトオフィスと住民の交流の場を備えた拠点として再生する。",
             outcome="旧瑠璃沢小学校の校舎を改修し、令和4年10月に個室オフィス6室とコワーキングスペース、"
                     "地域住民が利用できる交流ホールを備えた拠点施設を開所した。",
             evaluation="地方創生に効果があった", policy="見直し",
             note="令和3年度補正予算を令和4年度に繰り越して執行。入居企業数は目標に届かず、誘致方法を見直す。"),
        dict(no=6,
             title="瑠璃沢町公式アプリを活用した地域ポイント制度の導入による町内消費の喚起及び住民活動参加促進事業",
             department="商工振興課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=False, rate="pct",
             budget=[("R4", 8950, False), ("R5", 3600, True)],
             purpose="町公式アプリに地域ポイント機能を追加し、町内店舗での買い物や健康づくり・ボランティア活動への参加にポイントを付与して、町内での消費と住民の活動参加を促す。",
             kpis=[
                 dict(name="町公式アプリの登録者数", unit="人", base=None, t=2500, a=2214, lib=False),
                 dict(name="地域ポイント加盟店数", unit="店", base=None, t=60, a=71, lib=False),
             ],
             outcome="町公式アプリに地域ポイント機能を実装し、令和5年1月からポイントの付与と利用を開始した。"
                     "加盟店向けの説明会を4回開催し、健康教室やごみ拾い活動など12種類の住民活動をポイント付与の対象とした。",
             evaluation="地方創生に効果があった", policy="継続",
             note="アプリ登録者数は高齢者の登録が伸びず目標に届かなかった。令和5年度はスマホ教室と連携して登録を支援する。"),
    ],
}

F1_RLABEL = {"pct": "達成率", "ratio": "達成度", "word": "達成状況"}


def f1_rate_cell(p, k):
    """What the KPI row prints in its rate cell."""
    if k["a"] is None:
        return "－"
    r = computed_rate(k)
    if p["rate"] == "word":
        return "達成" if r >= 1 else "未達成"
    s = f"{r:.2f}" if p["rate"] == "ratio" else f"{r * 100:.1f}%"
    return zen(s) if p["zen"] else s


def f1_rate_print(p, k):
    """The printed rate the truth takes (None for words and －)."""
    c = f1_rate_cell(p, k)
    return None if p["rate"] == "word" or c == "－" else c


def f1_val(p, k, v):
    Z = zen if p["zen"] else ident
    if v is None:
        return "－"
    return Z(fmt(v)) + k["unit"]


def f1_kpi_cells(p, i, k):
    return [f"KPI{CIRCLED[i]}", k["name"], "基準値", f1_val(p, k, k["base"]),
            "目標", f1_val(p, k, k["t"]), "実績",
            "未確定" if k["a"] is None else f1_val(p, k, k["a"]),
            F1_RLABEL[p["rate"]], f1_rate_cell(p, k)]


def f1_row_key(p, k):
    i = p["kpis"].index(k)
    return "".join(f1_kpi_cells(p, i, k))


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A4)
    lm = rm = 12 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=16 * mm, bottomMargin=14 * mm,
                            title="令和4年度 地方創生関係交付金事業 実績一覧表",
                            author="瑠璃沢町", creator="Microsoft Excel",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 19, align=TA_CENTER)
    st_right = style("r", MINCHO, 9, 13, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10, 14, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_body = style("b", MINCHO, 9, 13.5, firstLineIndent=9, leftIndent=4)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_lab = style("lab", GOTHIC, 9, 12, align=TA_CENTER)
    st_labl = style("labl", GOTHIC, 9, 12)
    st_c = style("c", MINCHO, 9.5, 13)
    st_cc = style("cc", MINCHO, 9.5, 13, align=TA_CENTER)
    st_num = style("n", MINCHO, 9.5, 13, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 10.5, 14)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 9.5),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    shade = colors.HexColor("#E2EFDA")
    shade2 = colors.HexColor("#F2F2F2")
    projs = F1["projects"]

    story = []
    story.append(P("令和4年度 地方創生関係交付金事業 実績一覧表", st_title))
    story.append(P("令和5年9月　瑠璃沢町 企画政策課", st_right))
    story.append(P("1　趣旨", st_h1))
    story.append(P("地方創生関係交付金を活用して令和4年度に実施した6事業について、担当課による自己評価と"
                   "瑠璃沢町まち・ひと・しごと創生推進委員会（令和5年8月24日）の意見を踏まえ、事業ごとの実績を一覧表に取りまとめた。"
                   "KPIの達成状況は、担当課により達成率（実績値÷目標値の百分率）、達成度（同じく比率）又は「達成」「未達成」の別で記載している。",
                   st_body))

    # distractor: the town's grant spending by year (numbers, not KPIs)
    story.append(P("2　交付金事業費の推移（参考）", st_h1))
    dist = [("R2", 3, 18240, 9120, 0), ("R3", 4, 24610, 12305, 3200),
            ("R4", 6, 110122, 55061, 62480)]
    rows = [[P(x, st_lab) for x in ["年度", "交付金事業数", "総事業費（千円）", "うち交付金（千円）",
                                    "うち拠点整備（千円）", "前年度比"]]]
    prev = None
    for y, n, tot, g, hard in dist:
        ratio = "－" if prev is None else f"{tot / prev * 100:.1f}%"
        rows.append([P(ERA[y], st_cc), P(f"{n}事業", st_num), P(fmt(tot), st_num), P(fmt(g), st_num),
                     P(fmt(hard), st_num), P(ratio, st_num)])
        prev = tot
    t = Table(rows, colWidths=[30 * mm, 28 * mm, 34 * mm, 34 * mm, 34 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※総事業費は決算額（円単位の事業は千円未満を切り捨て）。本表は交付金事業全体の規模を示すもので、KPIではない。",
                   st_note))

    story.append(P("3　事業別実績一覧", st_h1))
    story.append(P("※KPI欄の数値は単位を付して記載。基準値欄の「－」は基準値がないことを示す。"
                   "事業費欄の「予算」は当初予算額であり、決算額ではない。", st_note))

    # the 一覧表: No. | 項目 | 10 value cells
    cw = [10, 20, 79, 18, 24, 18, 24, 18, 24, 18]
    cw = [c * mm for c in cw]
    cw.append(CW - sum(cw))
    rows = [[P("No.", st_lab), P("項目", st_lab), P("内容", st_lab)] + [""] * 8]
    cmds = grid + [("SPAN", (2, 0), (10, 0)), ("BACKGROUND", (0, 0), (-1, 0), shade)]
    for p in projs:
        Z = zen if p["zen"] else ident
        r0 = len(rows)
        rows.append([P(str(p["no"]), st_cc), P("事業名", st_lab), P(p["title"], st_title_cell),
                     "", "", P("事業期間", st_lab), P(p["period_print"], st_c), "", "", "", ""])
        cmds += [("SPAN", (2, r0), (4, r0)), ("SPAN", (6, r0), (10, r0)),
                 ("BACKGROUND", (5, r0), (5, r0), shade2)]
        r = len(rows)
        rows.append(["", P("担当課", st_lab), P(p["department"], st_c), P("交付金", st_lab),
                     P(grant_name(p), st_c), "", "", "", "", "", ""])
        cmds += [("SPAN", (4, r), (10, r)), ("BACKGROUND", (3, r), (3, r), shade2)]
        r = len(rows)
        brow = ["", P("事業費", st_lab), P(f"（単位：{p['unit']}）", st_cc)]
        for key, amt, planned in p["budget"]:
            brow += [P(Z(key + ("予算" if planned else "決算")), st_lab), P(Z(fmt(amt)), st_num)]
        brow += [""] * (11 - len(brow))
        rows.append(brow)
        for j in range(len(p["budget"])):
            cmds.append(("BACKGROUND", (3 + 2 * j, r), (3 + 2 * j, r), shade2))
        r = len(rows)
        rows.append(["", P("事業概要", st_lab), P(Z(p["purpose"]) if p["zen"] else p["purpose"], st_c)] + [""] * 8)
        cmds.append(("SPAN", (2, r), (10, r)))
        for i, k in enumerate(p["kpis"]):
            r = len(rows)
            c = f1_kpi_cells(p, i, k)
            rows.append(["", P(c[0], st_lab), P(c[1], st_c)] +
                        [P(x, st_lab if j % 2 == 0 else st_num) for j, x in enumerate(c[2:])])
            for j in (3, 5, 7, 9):
                cmds.append(("BACKGROUND", (j, r), (j, r), shade2))
        r = len(rows)
        rows.append(["", P("取組内容", st_lab), P(Z(p["outcome"]) if p["zen"] else p["outcome"], st_c)] + [""] * 8)
        cmds.append(("SPAN", (2, r), (10, r)))
        r = len(rows)
        rows.append(["", P("評価", st_lab), P(p["evaluation"], st_c), "", "", "", "",
                     P("今後の方針", st_lab), "", P(p["policy"], st_c), ""])
        cmds += [("SPAN", (2, r), (6, r)), ("SPAN", (7, r), (8, r)), ("SPAN", (9, r), (10, r)),
                 ("BACKGROUND", (7, r), (8, r), shade2)]
        if p["note"]:
            r = len(rows)
            rows.append(["", P("備考", st_lab), P(p["note"], st_c)] + [""] * 8)
            cmds.append(("SPAN", (2, r), (10, r)))
        r1 = len(rows) - 1
        cmds += [("BACKGROUND", (1, r0), (1, r1), shade),
                 ("LINEBELOW", (0, r1), (-1, r1), 1.4, colors.black),
                 ("ALIGN", (2, r0), (2, r1), "LEFT")]
    # No. column: no inner rules inside a block (looks merged)
    t = Table(rows, colWidths=cw, repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle(cmds))
    story.append(t)
    story.append(Spacer(1, 3 * mm))
    story.append(P("4　評価区分", st_h1))
    story.append(P("事業の評価は「" + "」「".join(EVALS) + "」の4区分、今後の方針は「拡充」「継続」「見直し」「終了」の4区分とした。",
                   st_body))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawRightString(W - rm, H - 9 * mm, "瑠璃沢町 地方創生関係交付金事業 実績一覧表（令和4年度）")
        canvas.setFont(MINCHO, 8.5)
        canvas.drawCentredString(W / 2, 7 * mm, f"{d.page}ページ")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"]}, "budget_unit": p["unit"],
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": zen(p["outcome"]) if p["zen"] else p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R4",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f1_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": "R4",
                   "layout": "ichiranhyo_project_row_blocks_label_column_kpi_cells",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 白樺野市 — 事業の概要 boxes + a KPI達成状況一覧 at the end (FY R5)
# ===========================================================================

# budget: [(key, amount, planned)] printed as a years-as-columns mini table.
# kpis: base_year for the 基準値 cell; a None actual prints －; lib KPIs
#       carry 備考 「減少を目指す指標（目標値÷実績値）」.
F2 = {
    "stem": "shirakabano_r5_kpi_ichiran",
    "city": "白樺野市",
    "projects": [
        dict(no=1,
             title="白樺野駅周辺エリアにおけるウォーカブルなまちなか空間の創出と商店街の新規出店促進事業",
             department="商工労働課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="千円", zen=False,
             budget=[("R4", 12800, False), ("R5", 14250, False), ("R6", 15000, True)],
             purpose="駅前広場と商店街を結ぶ歩行空間を再整備し、滞在したくなるまちなかをつくるとともに、"
                     "空き店舗への出店を支援して商店街の活力を取り戻す。",
             outcome="駅前通りの車道1車線を歩行者空間に転換する社会実験を春と秋に計18日間実施し、"
                     "オープンカフェやマルシェを延べ46回開催した。空き店舗に出店する事業者5者に改修費を補助した。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             kpis=[
                 dict(name="駅周辺の休日歩行者通行量", unit="人/日", base=6240, base_year="R3",
                      t=7000, a=7385, lib=False, note=""),
                 dict(name="商店街の新規出店数", unit="店", base=2, base_year="R3",
                      t=6, a=5, lib=False, note="改修工事の遅れにより1店がR6開業"),
                 dict(name="商店街の空き店舗率", unit="％", base=14.8, base_year="R3",
                      t=12.0, a=11.6, lib=True, note="減少を目指す指標（目標値÷実績値）"),
             ]),
        dict(no=2,
             title="白樺野市ワーケーション推進による関係人口の創出・拡大事業",
             department="政策企画課",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="円", zen=False,
             budget=[("R5", 7654000, False), ("R6", 8000000, True)],
             purpose="首都圏の企業や個人を対象に、高原の自然を生かしたワーケーションの受入れ環境を整え、"
                     "継続的に本市と関わる関係人口を増やす。",
             outcome="市内の宿泊施設3か所にワークスペースを整備し、企業向けのモニターツアーを4回実施した。"
                     "関係人口の登録制度「しらかばサポーター」を創設し、登録者に地域のイベント情報を配信した。",
             evaluation="地方創生に効果があった", policy="拡充",
             kpis=[
                 dict(name="ワーケーション利用者数（延べ）", unit="人", base=None, base_year=None,
                      t=600, a=712, lib=False, note=""),
                 dict(name="しらかばサポーター登録者数", unit="人", base=180, base_year="R4",
                      t=400, a=365, lib=False, note=""),
             ]),
        dict(no=3,
             title="地域おこし協力隊と連携した白樺野高原の遊休農地再生及び特産品開発事業",
             department="農政課",
             period="令和3年度〜令和5年度", period_print="令和３年度～令和５年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=True,
             budget=[("R3", 5600, False), ("R4", 6230, False), ("R5", 6018, False)],
             purpose="地域おこし協力隊員が中心となって高原の遊休農地を再生し、そこで栽培した作物を使った"
                     "特産品を開発・販売することで、農業の担い手と所得を確保する。",
             outcome="協力隊員３名が地元農家と共同で遊休農地を再生し、ハーブとそばの栽培を拡大した。"
                     "ハーブティーなど新商品６品を開発し、道の駅と通信販売で販売を開始した。",
             evaluation="地方創生に相当程度効果があった", policy="終了",
             kpis=[
                 dict(name="遊休農地の再生面積", unit="ha", base=3.2, base_year="R2",
                      t=8.0, a=8.6, lib=False, note=""),
                 dict(name="高原特産品の取扱店舗数", unit="店", base=12, base_year="R2",
                      t=20, a=23, lib=False, note=""),
                 dict(name="高原特産品の年間販売額", unit="千円", base=4120, base_year="R2",
                      t=6000, a=None, lib=False, note="実績はR6.9確定予定"),
             ]),
        dict(no=4,
             title="子育て応援アプリ「しらかばナビ」を活用した妊娠・出産・子育ての切れ目ない支援事業",
             department="こども家庭課",
             period="令和5年度〜令和6年度", period_print="令和5年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=False,
             budget=[("R5", 9870, False), ("R6", 4500, True)],
             purpose="妊娠届から乳幼児健診、予防接種までの手続と情報提供をアプリに集約し、"
                     "子育て世帯の負担を減らすとともに、支援が必要な家庭を早期に把握する。",
             outcome="子育て応援アプリを令和5年6月に公開し、健診の予約、予防接種の通知、オンライン面談の機能を実装した。"
                     "母子健康手帳の交付時にアプリの登録を案内し、保健師によるオンライン面談を開始した。",
             evaluation="地方創生に効果があった", policy="継続",
             kpis=[
                 dict(name="子育て応援アプリの登録者数", unit="人", base=None, base_year=None,
                      t=1500, a=1832, lib=False, note=""),
                 dict(name="乳幼児健診のオンライン予約率", unit="％", base=None, base_year=None,
                      t=60.0, a=48.5, lib=False, note="R5.10から運用開始"),
                 dict(name="母子手帳交付から初回面談までの平均日数", unit="日", base=21, base_year="R4",
                      t=14, a=12, lib=True, note="減少を目指す指標（目標値÷実績値）"),
             ]),
        dict(no=5,
             title="白樺野市民交流センターの改修による多世代交流・テレワーク拠点整備事業",
             department="市民協働課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             unit="円", zen=False,
             budget=[("R5", 98450000, False)],
             purpose="老朽化した市民交流センターを改修し、子どもから高齢者までが集う交流スペースと、"
                     "市民や市外の人が利用できるテレワークスペースを備えた拠点とする。",
             outcome="令和4年度補正予算（繰越）により市民交流センターの1階と2階を改修し、令和5年11月にリニューアルオープンした。"
                     "個別ブース12席のテレワークスペースと、キッズコーナーを併設した交流ラウンジを整備した。",
             evaluation="地方創生に効果があった", policy="継続",
             kpis=[
                 dict(name="市民交流センターの年間利用者数", unit="人", base=18600, base_year="R3",
                      t=24000, a=26115, lib=False, note=""),
                 dict(name="テレワークスペースの月平均利用件数", unit="件", base=None, base_year=None,
                      t=120, a=97, lib=False, note="開所後5か月の平均"),
             ]),
    ],
}


def f2_rate_print(p, k):
    if k["a"] is None:
        return None
    s = f"{computed_rate(k) * 100:.1f}%"
    return zen(s) if p["zen"] else s


def f2_kpi_rows(p, start):
    """Cells of the KPI達成状況一覧 rows of a project (strings)."""
    Z = zen if p["zen"] else ident
    out = []
    for i, k in enumerate(p["kpis"]):
        base = "－" if k["base"] is None else Z(fmt(k["base"])) + "\n" + Z(f"（{k['base_year']}）")
        out.append([Z(str(p["no"])) if i == 0 else "", Z(str(start + i)), k["name"], k["unit"], base,
                    Z(fmt(k["t"])), Z(fmt(k["a"])), f2_rate_print(p, k) or "－", k["note"]])
    return out


def f2_row_key(p, start, k):
    """指標No. … 達成率 of the row, as it reads in the text."""
    i = p["kpis"].index(k)
    return "".join(f2_kpi_rows(p, start)[i][1:8])


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 15 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=18 * mm, bottomMargin=16 * mm,
                            title="令和5年度 地方創生関係交付金事業 効果検証報告書",
                            author="白樺野市", creator="Microsoft Word",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 20, align=TA_CENTER)
    st_right = style("r", MINCHO, 9.5, 14, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 11, 15, spaceBefore=6, spaceAfter=3, keepWithNext=1)
    st_h2 = style("h2", GOTHIC, 10, 14, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_body = style("b", MINCHO, 9.5, 15, firstLineIndent=9.5, leftIndent=4)
    st_bul = style("bl", MINCHO, 9.5, 15, leftIndent=14, firstLineIndent=-10)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_lab = style("lab", GOTHIC, 8.4, 11, align=TA_CENTER)
    st_labl = style("labl", GOTHIC, 8.4, 11)
    st_c = style("c", MINCHO, 8.8, 12.5)
    st_cs = style("cs", MINCHO, 8.2, 10.8)
    st_cc = style("cc", MINCHO, 8.4, 11, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 10, 13.5)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    shade = colors.HexColor("#FCE4D6")
    projs = F2["projects"]
    allk = [k for p in projs for k in p["kpis"]]

    story = []
    story.append(P("令和5年度 地方創生関係交付金事業 効果検証報告書", st_title))
    story.append(Spacer(1, 2 * mm))
    story.append(P("令和6年8月\n白樺野市 総合政策部 政策企画課", st_right))
    story.append(P("1　効果検証の概要", st_h1))
    story.append(P("本市では、第2期白樺野市まち・ひと・しごと創生総合戦略（令和2年度～令和6年度）に基づき、"
                   "地方創生関係交付金を活用した事業を実施している。令和5年度に実施した5事業について、"
                   "担当課による自己評価を基に、白樺野市総合戦略推進会議（令和6年7月30日開催）の意見を聴いて効果検証を行った。", st_body))
    story.append(P("本報告書では、「3　事業の概要」に事業ごとの内容と評価を、「4　KPI達成状況一覧」に全事業の重要業績評価指標（KPI）を"
                   "事業番号順にまとめて記載している。達成率は実績値÷目標値により算出し、減少を目指す指標は目標値÷実績値により算出した。",
                   st_body))

    # distractor: the strategy's 数値目標 with the KPI table's columns
    story.append(P("2　総合戦略の基本目標の状況（参考）", st_h1))
    rows = [[P(x, st_lab) for x in ["基本目標", "数値目標", "単位", "基準値\n（年度）", "目標値\n（R6）",
                                    "実績値\n（R5）", "達成率", "備考"]]]
    goals = [("1 しごとをつくる", "市内事業所の従業者数", "人", "21,480\n（H30）", "22,000", "21,716", "98.7%", ""),
             ("2 ひとの流れをつくる", "社会増減数", "人", "△186\n（H30）", "0", "△97", "－", "△は転出超過"),
             ("3 結婚・出産・子育て", "合計特殊出生率", "－", "1.41\n（H30）", "1.60", "1.38", "86.3%", ""),
             ("4 まちをつくる", "市民の定住意向の割合", "％", "78.2\n（R1）", "82.0", "80.9", "98.7%", "市民意識調査")]
    for g in goals:
        rows.append([P(g[0], st_cs), P(g[1], st_cs), P(g[2], st_cc), P(g[3], st_num), P(g[4], st_num),
                     P(g[5], st_num), P(g[6], st_num), P(g[7], st_cs)])
    t = Table(rows, colWidths=[36 * mm, 38 * mm, 12 * mm, 20 * mm, 17 * mm, 17 * mm, 17 * mm, CW - 157 * mm],
              hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※本表は総合戦略全体の数値目標の状況であり、交付金事業のKPIではない。目標値は最終年度（令和6年度）の値。",
                   st_note))

    story.append(P("3　事業の概要", st_h1))
    story.append(P("各事業の内容、事業費及び評価は次のとおりである。事業費は決算額とし、令和6年度は当初予算額を記載した。"
                   "各事業のKPIは「4　KPI達成状況一覧」に記載している。", st_body))
    LW = 24 * mm
    start = 1
    starts = {}
    for p in projs:
        Z = zen if p["zen"] else ident
        starts[p["no"]] = start
        nk = len(p["kpis"])
        # years-as-columns budget mini table
        bh = [P("年度", st_lab)] + [P(Z(ERA[key]) + ("\n（予算）" if pl else "\n（決算）"), st_lab)
                                   for key, _, pl in p["budget"]]
        bv = [P(f"事業費（{p['unit']}）", st_lab)] + [P(Z(fmt(v)), st_num) for _, v, _ in p["budget"]]
        bw = [26 * mm] + [27 * mm] * len(p["budget"])
        bt = Table([bh, bv], colWidths=bw, hAlign="LEFT")
        bt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                                       ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2F2F2"))]))
        kref = f"指標No.{Z(str(start))}～{Z(str(start + nk - 1))}（「4　KPI達成状況一覧」参照）"
        rows = [
            [P("事業番号", st_lab), P(Z(str(p["no"])), st_cc), P("事業名", st_lab), P(p["title"], st_title_cell)],
            [P("担当課", st_lab), P(p["department"], st_c), "", ""],
            [P("事業期間", st_lab), P(p["period_print"], st_c), "", ""],
            [P("交付金", st_lab), P(grant_name(p), st_c), "", ""],
            [P("事業費", st_lab), bt, "", ""],
            [P("事業の目的", st_lab), P(Z(p["purpose"]) if p["zen"] else p["purpose"], st_c), "", ""],
            [P("令和5年度の\n取組実績", st_lab), P(Z(p["outcome"]) if p["zen"] else p["outcome"], st_c), "", ""],
            [P("KPI", st_lab), P(kref, st_c), "", ""],
            [P("事業の評価", st_lab), P(p["evaluation"], st_c), "", ""],
            [P("今後の方針", st_lab), P(p["policy"], st_c), "", ""],
        ]
        bx = Table(rows, colWidths=[LW, 14 * mm, 18 * mm, CW - LW - 32 * mm])
        cmds = grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 0), (2, 0), shade),
                       ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
                       ("LINEBELOW", (0, 0), (-1, 0), 1.1, colors.black),
                       ("ALIGN", (1, 1), (-1, -1), "LEFT")]
        for r in range(1, len(rows)):
            cmds.append(("SPAN", (1, r), (3, r)))
        bx.setStyle(TableStyle(cmds))
        story.append(KeepTogether([Spacer(1, 3 * mm), bx]))
        start += nk

    # the KPI table of all projects, at the end
    story.append(P("4　KPI達成状況一覧", st_h1))
    story.append(P("※事業番号は「3　事業の概要」の事業番号に対応する。指標No.は本表の通し番号。"
                   "実績値・達成率欄の「－」は実績が未確定であることを示す。", st_note))
    story.append(P("（実績値は令和6年3月31日現在）", style("u", MINCHO, 8.4, 12, align=TA_RIGHT)))
    hdr = [P(x, st_lab) for x in ["事業\n番号", "指標\nNo.", "指標名", "単位", "基準値\n（年度）",
                                  "目標値\n（R5）", "実績値\n（R5）", "達成率", "備考"]]
    rows = [hdr]
    ends = []
    for p in projs:
        for i, c in enumerate(f2_kpi_rows(p, starts[p["no"]])):
            rows.append([P(c[0], st_cc) if c[0] else "", P(c[1], st_cc), P(c[2], st_cs), P(c[3], st_cc),
                         P(c[4], st_num), P(c[5], st_num), P(c[6], st_num), P(c[7], st_num),
                         P(c[8], st_cs) if c[8] else ""])
        ends.append(len(rows) - 1)
    cws = [12, 11, 47, 12, 19, 18, 18, 20]
    cws = [c * mm for c in cws]
    cws.append(CW - sum(cws))
    kt = Table(rows, colWidths=cws, repeatRows=1, hAlign="LEFT")
    cmds = [("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("INNERGRID", (1, 0), (-1, -1), 0.5, colors.black),
            ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("VALIGN", (0, 1), (0, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("BACKGROUND", (0, 0), (-1, 0), shade)]
    for e in ends:
        cmds.append(("LINEBELOW", (0, e), (-1, e), 0.8, colors.black))
    kt.setStyle(TableStyle(cmds))
    story.append(kt)

    done = sum(1 for k in allk if k["a"] is not None and computed_rate(k) >= 1)
    miss = sum(1 for k in allk if k["a"] is not None and computed_rate(k) < 1)
    story.append(P("5　検証結果のまとめ", st_h1))
    story.append(P(f"KPI{len(allk)}指標のうち、目標を達成したものは{done}指標、達成しなかったものは{miss}指標、"
                   f"実績が未確定のものは{len(allk) - done - miss}指標であった。"
                   "総合戦略推進会議からは、次の意見があった。", st_body))
    for s in ["駅前の社会実験は歩行者の増加につながっており、本格実施に向けた道路管理者との協議を進められたい。",
              "アプリのオンライン予約は利用が伸びていないため、健診の案内通知と合わせて周知を強化されたい。",
              "関係人口の登録者がワーケーション利用や移住につながるよう、登録後の関わり方を工夫されたい。"]:
        story.append(P("・" + s, st_bul))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawString(lm, H - 11 * mm, "白樺野市 令和5年度 地方創生関係交付金事業 効果検証報告書")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 8 * mm, f"- {d.page} -")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"]}, "budget_unit": p["unit"],
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": zen(p["outcome"]) if p["zen"] else p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R5",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f2_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": "R5",
                   "layout": "project_overview_boxes_separate_kpi_table_joined_by_project_no",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


def f2_starts():
    out, s = {}, 1
    for p in F2["projects"]:
        out[p["no"]] = s
        s += len(p["kpis"])
    return out


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# rurisawa: project page = page of its 事業名 row (事業名 + title); a KPI's
# page = page of its row (all ten cells, KPI① … rate).
# shirakabano: project page = page of its box (事業名 + title); a KPI's page
# = page of its row in the KPI達成状況一覧 (指標No. … 達成率).
PAGES = {
    "rurisawa_r4_ichiranhyo": {
        "projects": {1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3},
        "kpis": {"温泉郷の年間宿泊者数": 1, "着地型体験プログラムの参加者数": 1, "町内観光消費額": 1,
                 "移住相談窓口での相談件数": 2, "支援制度を利用した移住者数": 2,
                 "水田センサーの導入面積": 2, "10a当たり水管理作業時間": 2, "中山間地域の新規就農者数": 2,
                 "オンライン相談の利用件数": 2, "子育て支援に満足している保護者の割合": 2,
                 "交流拠点施設の年間利用者数": 3, "サテライトオフィス入居企業数": 3,
                 "町公式アプリの登録者数": 3, "地域ポイント加盟店数": 3},
    },
    "shirakabano_r5_kpi_ichiran": {
        "projects": {1: 1, 2: 2, 3: 2, 4: 3, 5: 3},
        "kpis": {"駅周辺の休日歩行者通行量": 3, "商店街の新規出店数": 3, "商店街の空き店舗率": 3,
                 "ワーケーション利用者数（延べ）": 3, "しらかばサポーター登録者数": 4,
                 "遊休農地の再生面積": 4, "高原特産品の取扱店舗数": 4, "高原特産品の年間販売額": 4,
                 "子育て応援アプリの登録者数": 4, "乳幼児健診のオンライン予約率": 4,
                 "母子手帳交付から初回面談までの平均日数": 4,
                 "市民交流センターの年間利用者数": 4, "テレワークスペースの月平均利用件数": 4},
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
        for part in pr["period"].split("〜"):
            assert has(part), (pdf_name, "period", part)
        assert has(pr["grant_program"]), (pdf_name, pr["grant_program"])
        if pr["grant_type"]:
            assert has(f"{pr['grant_program']}（{pr['grant_type']}）"), (pdf_name, pr["grant_type"])
        for fy, v in pr["budget"].items():
            assert has(f"{v:,}"), (pdf_name, fy, v)
        for fy in pr["budget_planned"]:
            assert fy in pr["budget"], (pdf_name, fy)
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


def check_rows_printed(stem, text):
    """Each KPI row (the cells the truth record comes from, in order) is in
    the text as generated; so are the 事業番号 group heads of 白樺野市."""
    flat = norm(text)
    if stem == F1["stem"]:
        for p in F1["projects"]:
            for k in p["kpis"]:
                assert norm(f1_row_key(p, k)) in flat, (stem, f1_row_key(p, k))
    else:
        st = f2_starts()
        for p in F2["projects"]:
            for k in p["kpis"]:
                key = f2_row_key(p, st[p["no"]], k)
                assert norm(key) in flat, (stem, key)


def kpi_row_key(stem, k):
    if stem == F1["stem"]:
        p = {p["no"]: p for p in F1["projects"]}[k["project_no"]]
        kk = next(x for x in p["kpis"] if x["name"] == k["name"])
        return f1_row_key(p, kk)
    p = {p["no"]: p for p in F2["projects"]}[k["project_no"]]
    kk = next(x for x in p["kpis"] if x["name"] == k["name"])
    return f2_row_key(p, f2_starts()[p["no"]], kk)


def check_pages(pdf, truth, pages, report_only):
    exp = PAGES[pdf.stem]
    for pr in truth["projects"]:
        head = "事業名" + pr["title"]
        found = page_of(pages, head)
        if report_only:
            print(pdf.stem, "project", pr["no"], found)
            continue
        pr["page"] = exp["projects"][pr["no"]]
        assert found == [pr["page"]], (pdf.name, head, found)
    for k in truth["kpis"]:
        row = kpi_row_key(pdf.stem, k)
        found = page_of(pages, row)
        names = page_of(pages, k["name"])
        if report_only:
            print(pdf.stem, "kpi", k["project_no"], k["name"], found, "name on", names)
            continue
        k["page"] = exp["kpis"][k["name"]]
        assert found == [k["page"]], (pdf.name, row, found)
        assert names == [k["page"]], (pdf.name, k["name"], names)


def main(argv):
    outdir = HERE
    results = []
    for build in (build_f1, build_f2):
        pdf, truth = build(outdir)
        text = extract_checked(pdf)
        check_printed_values(pdf.name, truth, text)
        check_rows_printed(pdf.stem, text)
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
