"""Generate a sixth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts5/make_heldout5.py were consulted, for the technique, the
truth schema and the self-checks.  Deterministic: reportlab documents are
built with invariant=1.

    .venv/bin/python eval/heldout_layouts6/make_heldout6.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts6/make_heldout6.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts6/make_heldout6.py --pages  # only print where things are found

Fixtures
--------
asagihara_r5_jisshi_jokyo
    浅葱原町 (fictional), FY R5.  A 実施状況報告書 in the style of the national
    実施計画 様式: one vertical form per project (整理番号 / 地域再生計画の名称 /
    交付対象事業の名称 / 担当部署 / 事業実施期間 / 交付金の種類 / 事業の概要 /
    事業費 / 重要業績評価指標 / 実施状況 / 評価 / 意見).  The KPI grid has one
    COLUMN per project year, headed 「令和3年度増加分（1年目）」, holding
    INCREMENTS, with a 目標値 row and a 実績値 row per indicator, a
    事業開始前（現時点） baseline column and a KPI増加分の累計 column.  No
    achievement rate is printed anywhere.  Decreases are printed with △.
    Years after FY R5 carry targets only (planned years, not records).

sasaihama_r4_gaibu_hyoka
    笹井浜市 (fictional), FY R4.  A 外部評価委員会 資料: one A4-landscape
    Word table with ONE ROW PER PROJECT.  Every KPI of a project is stacked
    in one multi-line cell 「KPI（指標・目標値・実績値）」, one paragraph per
    indicator: 「①名称（基準値 3.8万人）：目標 5.0万人／実績 5.3万人（106.0％）」.
    The department is inside the 事業名 cell, the budget cell lists
    「R4決算 10,240千円（うち交付金 5,120千円）」 lines, and a row is split
    across the page break inside its KPI cell (Word's 「行の途中で改ページ」).
"""
from __future__ import annotations

import sys
import unicodedata
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
from heldout_gen import (GOTHIC, MINCHO, P, extract_checked, grant_name, ident, norm, page_of,  # noqa: E402
                         pdftoppm_previews, rate_from_print, style, write_truth, write_txt, yr)

fmt = partial(hg.fmt, minus="△")  # a negative increment is printed with △, the Japanese minus sign
zen = partial(hg.zen, table=hg.zen_table("RH"))  # full-width digits, 「Ｒ」 and 「Ｈ」, as typed by hand


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts5/make_heldout5.py)
# ---------------------------------------------------------------------------

def one(x):
    """A table cell that can split across pages: a list of flowables, or a
    plain (padded) string."""
    return x if isinstance(x, str) else [x]


def computed_rate(k):
    """Achievement ratio: 実績/目標, or 目標/実績 for lower-is-better KPIs."""
    return (k["t"] / k["a"]) if k["lib"] else (k["a"] / k["t"])


CIRCLED = "①②③④⑤"
ERA = {"R2": "令和2年度", "R3": "令和3年度", "R4": "令和4年度", "R5": "令和5年度",
       "R6": "令和6年度", "R7": "令和7年度"}
NTH = {0: "1年目", 1: "2年目", 2: "3年目"}


# ===========================================================================
# Fixture 1: 浅葱原町 — national-様式 実施状況報告書, KPI increments by year (FY R5)
# ===========================================================================

# years: the three KPI year columns of the form (「令和3年度増加分（1年目）」 …).
# kpis: t / a map year → increment; an actual None prints 集計中; a year
#       missing from a (after FY R5) prints a blank actual cell.
# budget: [(key, amount or None, planned)]; None prints －; planned prints
#         「令和6年度（計画）」.
F1 = {
    "stem": "asagihara_r5_jisshi_jokyo",
    "city": "浅葱原町",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="浅葱原町の豊かな森林資源を活用した木質バイオマス熱供給システムの構築及び林業の担い手育成事業",
             department="林業振興課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="千円", zen=False,
             budget=[("R3", 18420, False), ("R4", 21360, False), ("R5", 19880, False)],
             years=["R3", "R4", "R5"],
             kpis=[
                 dict(name="木質チップの年間供給量", unit="t", base=0,
                      t={"R3": 200, "R4": 300, "R5": 400}, a={"R3": 180, "R4": 320, "R5": 455}, lib=False),
                 dict(name="林業への新規就業者数", unit="人", base=12,
                      t={"R3": 2, "R4": 2, "R5": 2}, a={"R3": 1, "R4": 3, "R5": 2}, lib=False),
             ],
             purpose="町の面積の8割を占める森林の間伐材を木質チップに加工し、温泉施設と町営住宅に熱を供給する"
                     "仕組みをつくるとともに、林業の担い手を育成して森林整備と雇用の創出を一体的に進める。",
             outcome="チップボイラー2基を温泉施設に設置して熱供給を開始し、町営住宅への配管工事を完了した。"
                     "林業就業希望者向けの研修を年間24日実施し、研修修了者2名が町内の森林組合に就業した。",
             evaluation="地方創生に相当程度効果があった", policy="終了",
             opinion="熱供給の対象施設を増やし、3年間で整備した設備を事業終了後も有効に活用されたい。"),
        dict(no=2,
             title="空き家バンクと移住体験住宅を活用した子育て世帯の移住・定住促進事業",
             department="企画政策課",
             period="令和4年度〜令和6年度", period_print="令和４年度～令和６年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="千円", zen=True,
             budget=[("R4", 7480, False), ("R5", 8120, False), ("R6", 8000, True)],
             years=["R4", "R5", "R6"],
             kpis=[
                 dict(name="移住体験住宅の利用世帯数", unit="世帯", base=4,
                      t={"R4": 10, "R5": 12, "R6": 14}, a={"R4": 12, "R5": 15}, lib=False),
                 dict(name="空き家バンクを通じた移住者数", unit="人", base=18,
                      t={"R4": 10, "R5": 12, "R6": 15}, a={"R4": 8, "R5": 14}, lib=False),
             ],
             purpose="空き家バンクの登録物件を増やし、移住体験住宅での短期滞在から本格的な移住につなげることで、"
                     "子育て世帯の転入を促す。",
             outcome="空き家の所有者向け相談会を４回開催し、空き家バンクの登録物件が２１件となった。"
                     "移住体験住宅を２棟に増やし、子育て世帯向けのお試し滞在プランを新設した。",
             evaluation="地方創生に非常に効果的であった", policy="拡充",
             opinion="体験住宅の利用者の移住決定率を把握し、次年度以降の事業改善に生かされたい。"),
        dict(no=3,
             title="中心市街地の空き店舗を活用したチャレンジショップの運営及び創業支援事業",
             department="商工観光課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             budget=[("R3", 9650, False), ("R4", 10230, False), ("R5", 9870, False)],
             years=["R3", "R4", "R5"],
             kpis=[
                 dict(name="中心市街地の空き店舗数", unit="店", base=38,
                      t={"R3": -3, "R4": -3, "R5": -3}, a={"R3": -2, "R4": -4, "R5": -3}, lib=True),
                 dict(name="創業支援による新規創業件数", unit="件", base=5,
                      t={"R3": 4, "R4": 5, "R5": 5}, a={"R3": 6, "R4": 5, "R5": 7}, lib=False),
             ],
             purpose="商店街の空き店舗を町が借り上げてチャレンジショップとして貸し出し、"
                     "創業を目指す人が低い負担で試験的に営業できる場を提供する。",
             outcome="チャレンジショップ3区画で延べ5事業者が試験営業を行い、うち3事業者が商店街の空き店舗で本格開業した。"
                     "商工会と連携した創業塾を6回開催し、修了者のうち7名が町内で創業した。",
             evaluation="地方創生に相当程度効果があった", policy="終了",
             opinion="本格開業した店舗の経営が安定するよう、商工会による伴走支援を続けられたい。"),
        dict(no=4,
             title="旧浅葱原中学校の屋内運動場を改修した多世代交流・防災拠点施設整備事業",
             department="生涯学習課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             unit="円", zen=False,
             budget=[("R4", None, False), ("R5", 74812000, False)],
             years=["R5", "R6", "R7"],
             kpis=[
                 dict(name="交流拠点施設の年間利用者数", unit="人", base=None,
                      t={"R5": 4000, "R6": 1000, "R7": 1000}, a={"R5": 3412}, lib=False),
                 dict(name="防災訓練・防災講座の参加者数", unit="人", base=240,
                      t={"R5": 300, "R6": 100, "R7": 100}, a={"R5": 356}, lib=False),
             ],
             purpose="閉校した中学校の屋内運動場を改修し、平時は多世代が集う交流の場として、"
                     "災害時は避難所として使える拠点施設とする。",
             outcome="令和4年度補正予算を繰り越して屋内運動場の耐震改修と空調設備の設置を行い、"
                     "令和5年10月に供用を開始した。開館後は防災講座や多世代交流イベントを毎月開催した。",
             evaluation="地方創生に効果があった", policy="継続",
             opinion="避難所としての備蓄や運営訓練を計画的に行い、平時の利用者数の増加にも努められたい。"),
        dict(no=5,
             title="AIデマンド交通アプリの導入による高齢者の移動支援及び中心部への来訪促進事業",
             department="地域交通対策室",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=False,
             budget=[("R5", 12960, False), ("R6", 3200, True)],
             years=["R5", "R6", "R7"],
             kpis=[
                 dict(name="デマンド交通の年間利用者数", unit="人", base=2150,
                      t={"R5": 1500, "R6": 1000, "R7": 500}, a={"R5": 1236}, lib=False),
                 dict(name="中心部商店街の休日来訪者数", unit="人/日", base=3820,
                      t={"R5": 200, "R6": 150, "R7": 150}, a={"R5": None}, lib=False),
             ],
             purpose="路線バスを廃止した地区でAIによる配車のデマンド交通を運行し、"
                     "高齢者の通院や買物の移動手段を確保するとともに、中心部への来訪を促す。",
             outcome="令和5年7月からAIデマンド交通の運行を開始し、予約アプリと電話予約の両方に対応した。"
                     "高齢者向けのアプリ操作教室を公民館で9回開催した。",
             evaluation="地方創生に効果があった", policy="継続",
             opinion="電話予約の割合が高いため、アプリ操作の支援を続け、予約の利便性を高められたい。"),
    ],
}


def f1_cell(p, v):
    Z = zen if p["zen"] else ident
    return Z(fmt(v))


def f1_kpi_rows(p, k):
    """The two rows (目標値 / 実績値) of a KPI in the form, as strings."""
    fy = yr(F1["fy"])
    trow = [f1_cell(p, k["t"][y]) for y in p["years"]]
    arow = []
    for y in p["years"]:
        if y not in k["a"]:
            arow.append("")                       # a future year: blank
        elif k["a"][y] is None:
            arow.append("集計中")
        else:
            arow.append(f1_cell(p, k["a"][y]))
    tsum = sum(k["t"].values())
    done = [k["a"][y] for y in p["years"] if y in k["a"] and yr(y) <= fy]
    asum = None if any(v is None for v in done) else sum(done)
    base = "－" if k["base"] is None else f1_cell(p, k["base"])
    return ([base] + trow + [f1_cell(p, tsum)], arow + [f1_cell(p, asum)])


def f1_row_key(p, k):
    i = p["kpis"].index(k)
    (base, *tr), ar = f1_kpi_rows(p, k)
    Z = zen if p["zen"] else ident
    return "".join([Z(f"KPI{CIRCLED[i]}"), k["name"], k["unit"], "目標値", base] + tr + ["実績値"] + ar)


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 15 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=17 * mm, bottomMargin=15 * mm,
                            title="令和5年度 地方創生関係交付金事業 実施状況報告書",
                            author="浅葱原町", creator="Microsoft Excel",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 20, align=TA_CENTER)
    st_right = style("r", MINCHO, 9.5, 14, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10.5, 15, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_form = style("fh", GOTHIC, 9.5, 13, spaceBefore=6, spaceAfter=1.5, keepWithNext=1)
    st_body = style("b", MINCHO, 9.3, 14.5, firstLineIndent=9.3, leftIndent=4)
    st_bul = style("bl", MINCHO, 9.3, 14.5, leftIndent=14, firstLineIndent=-10)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_lab = style("lab", GOTHIC, 8.2, 11, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.6, 12)
    st_cc = style("cc", MINCHO, 8.4, 11, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 9.6, 13)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    shade = colors.HexColor("#DDEBF7")
    projs = F1["projects"]

    story = []
    story.append(P("令和5年度 地方創生関係交付金事業 実施状況報告書", st_title))
    story.append(Spacer(1, 1.5 * mm))
    story.append(P("令和6年9月\n浅葱原町 総務課 企画政策室", st_right))
    story.append(P("1　趣旨", st_h1))
    story.append(P("本町が地域再生計画に基づき地方創生関係交付金を活用して実施している事業について、"
                   "令和5年度の実施状況と重要業績評価指標（KPI）の実績を、国に提出した実施計画の様式に沿って取りまとめた。"
                   "評価に当たっては、浅葱原町総合戦略推進委員会（令和6年8月27日開催）において外部有識者の意見を聴取した。",
                   st_body))
    story.append(P("2　KPIの記載方法", st_h1))
    for s in ["KPIは実施計画と同じく、事業開始前（現時点）の値と、各年度の増加分（前年度末からの増減）で記載している。"
              "「KPI増加分の累計」欄は各年度の増加分の合計である。",
              "減少を目指す指標は、減少数を「△」を付して記載している。",
              "令和6年度以降の欄は実施計画上の目標値であり、実績値は空欄としている。"
              "実績値欄の「集計中」は、令和5年度の実績が確定していないことを示す。",
              "本報告書では、目標値に対する達成率の算出は行っていない。"]:
        story.append(P("・" + s, st_bul))

    # distractor: the list of projects with abbreviated names and totals
    story.append(P("3　報告対象事業", st_h1))
    rows = [[P(x, st_lab) for x in ["整理\n番号", "事業名（略称）", "交付金の種類", "総事業費\n（千円）", "うち交付金\n（千円）"]]]
    short = {1: "木質バイオマス熱供給・林業担い手育成", 2: "空き家バンク・移住体験住宅",
             3: "チャレンジショップ・創業支援", 4: "旧中学校屋内運動場の交流・防災拠点化",
             5: "AIデマンド交通"}
    tot_all = grant_all = 0
    for p in projs:
        tot = sum(v for _, v, pl in p["budget"] if v is not None and not pl)
        if p["unit"] == "円":
            tot //= 1000
        g = tot // 2
        tot_all += tot
        grant_all += g
        rows.append([P(str(p["no"]), st_cc), P(short[p["no"]], st_c), P(grant_name(p), st_c),
                     P(fmt(tot), st_num), P(fmt(g), st_num)])
    rows.append(["", P("合計", st_lab), "", P(fmt(tot_all), st_num), P(fmt(grant_all), st_num)])
    t = Table(rows, colWidths=[12 * mm, 62 * mm, CW - 120 * mm, 23 * mm, 23 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                  ("SPAN", (1, -1), (2, -1))]))
    story.append(t)
    story.append(P("※総事業費は令和5年度までの決算額の合計（円単位の事業は千円未満を切り捨て）。交付金は概数。",
                   st_note))

    story.append(P("4　事業別の実施状況", st_h1))
    LW = 30 * mm
    for p in projs:
        Z = zen if p["zen"] else ident
        head = P(f"【様式】地方創生関係交付金事業 実施状況報告（令和5年度）　整理番号 {Z(str(p['no']))}", st_form)
        # -- upper part of the form
        top = [
            [P("地域再生計画の名称", st_lab), P("浅葱原町まち・ひと・しごと創生推進計画", st_c), "", ""],
            [P("交付対象事業の名称", st_lab), P(p["title"], st_title_cell), "", ""],
            [P("担当部署", st_lab), P(p["department"], st_c), P("事業実施期間", st_lab), P(p["period_print"], st_c)],
            [P("交付金の種類", st_lab), P(grant_name(p), st_c), "", ""],
            [P("事業の概要", st_lab), P(Z(p["purpose"]) if p["zen"] else p["purpose"], st_c), "", ""],
        ]
        tt = Table(top, colWidths=[LW, 52 * mm, 26 * mm, CW - LW - 78 * mm])
        cmds = grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 2), (2, 2), shade),
                       ("ALIGN", (1, 0), (-1, -1), "LEFT")]
        for r in (0, 1, 3, 4):
            cmds.append(("SPAN", (1, r), (3, r)))
        tt.setStyle(TableStyle(cmds))
        # -- budget: years as columns, 合計 column, うち交付金 row
        ycells, vcells, gcells = [], [], []
        tv = tg = 0
        for key, v, planned in p["budget"]:
            ycells.append(P(Z(ERA[key]) + ("\n（計画）" if planned else ""), st_lab))
            vcells.append(P(Z(fmt(v)), st_num))
            g = None if v is None else v // 2
            gcells.append(P(Z(fmt(g)), st_num))
            if v is not None:
                tv += v
                tg += g
        bud = [[P(f"事業費\n（単位：{p['unit']}）", st_lab), P("区分", st_lab)] + ycells + [P("合計", st_lab)],
               ["", P("総事業費", st_lab)] + vcells + [P(Z(fmt(tv)), st_num)],
               ["", P("うち交付金", st_lab)] + gcells + [P(Z(fmt(tg)), st_num)]]
        nb = len(p["budget"]) + 1
        bw = (CW - LW - 22 * mm) / nb
        bt = Table(bud, colWidths=[LW, 22 * mm] + [bw] * nb)
        bt.setStyle(TableStyle(grid + [("SPAN", (0, 0), (0, -1)), ("BACKGROUND", (0, 0), (0, -1), shade),
                                       ("BACKGROUND", (1, 0), (-1, 0), colors.HexColor("#F2F2F2")),
                                       ("BACKGROUND", (1, 1), (1, -1), colors.HexColor("#F2F2F2"))]))
        # -- KPI grid: two rows per indicator, one column per year (increments)
        hdr = [P(x, st_lab) for x in ["KPI", "指標", "単位", "区分", "事業開始前\n（現時点）"]]
        hdr += [P(Z(f"{ERA[y]}増加分\n（{NTH[i]}）"), st_lab) for i, y in enumerate(p["years"])]
        hdr += [P("KPI増加分\nの累計", st_lab)]
        krows = [hdr]
        kcmds = grid + [("BACKGROUND", (0, 0), (-1, 0), shade), ("ALIGN", (4, 1), (-1, -1), "RIGHT")]
        for i, k in enumerate(p["kpis"]):
            (base, *tr), ar = f1_kpi_rows(p, k)
            r = len(krows)
            krows.append([P(Z(f"KPI{CIRCLED[i]}"), st_cc), P(k["name"], st_c), P(k["unit"], st_cc),
                          P("目標値", st_lab), P(base, st_num)] + [P(x, st_num) for x in tr])
            krows.append(["", "", "", P("実績値", st_lab), ""] + [P(x, st_num) if x else "" for x in ar])
            for c in (0, 1, 2, 4):
                kcmds.append(("SPAN", (c, r), (c, r + 1)))
            kcmds.append(("BACKGROUND", (3, r), (3, r + 1), colors.HexColor("#F2F2F2")))
        kw = [13 * mm, 46 * mm, 12 * mm, 13 * mm, 18 * mm]
        rest = (CW - sum(kw)) / 4
        kt = Table(krows, colWidths=kw + [rest] * 4, repeatRows=1)
        kt.setStyle(TableStyle(kcmds))
        ktitle = Table([[P("重要業績評価指標（KPI）", st_lab)]], colWidths=[CW])
        ktitle.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, -1), shade),
                                           ("ALIGN", (0, 0), (-1, -1), "LEFT")]))
        # -- lower part
        low = [
            [P("令和5年度の\n実施状況", st_lab), P(Z(p["outcome"]) if p["zen"] else p["outcome"], st_c), "", ""],
            [P("事業の評価", st_lab), P(p["evaluation"], st_c), P("今後の方針", st_lab), P(p["policy"], st_c)],
            [P("外部有識者の\n意見", st_lab), P(p["opinion"], st_c), "", ""],
        ]
        lt = Table(low, colWidths=[LW, 70 * mm, 24 * mm, CW - LW - 94 * mm])
        lt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 1), (2, 1), shade),
                                       ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 2), (3, 2)),
                                       ("ALIGN", (1, 0), (-1, -1), "LEFT")]))
        story += [KeepTogether([head, tt]), bt, KeepTogether([ktitle, kt]), lt, Spacer(1, 2 * mm)]

    story.append(P("5　総合戦略推進委員会の主な意見", st_h1))
    for s in ["5事業のうち3事業が計画期間の最終年度を迎えた。整備した施設や仕組みを事業終了後も活用されたい。",
              "実績が集計中の指標は、確定後に速やかに公表されたい。",
              "KPIの増加分の目標を毎年度同じ値とする事業が多いため、次期計画では事業の進捗に応じた目標設定を検討されたい。"]:
        story.append(P("・" + s, st_bul))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawRightString(W - rm, H - 10 * mm, "浅葱原町 地方創生関係交付金事業 実施状況報告書（令和5年度）")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 7.5 * mm, f"{d.page} / {F1_NPAGES}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    fy = yr(F1["fy"])
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[1] for b in p["budget"] if b[1] is not None}, "budget_unit": p["unit"],
            "budget_planned": [b[0] for b in p["budget"] if b[2]],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": zen(p["outcome"]) if p["zen"] else p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            for y in p["years"]:
                if yr(y) > fy:
                    continue            # planned year: a target only, not a record
                kpis.append({
                    "project_no": p["no"], "name": k["name"],
                    "unit": k["unit"], "baseline": k["base"], "fiscal_year": y,
                    "target_date": None, "target": k["t"][y], "actual": k["a"][y],
                    "rate": None,
                    "lower_is_better": k["lib"], "page": None,
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": F1["fy"],
                   "layout": "national_form_kpi_increments_by_year_columns_target_actual_rows",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


F1_NPAGES = 4         # printed in the footer 「1 / 4」 (asserted against the text)


# ===========================================================================
# Fixture 2: 笹井浜市 — 外部評価委員会資料, one row per project, KPIs stacked in one cell (FY R4)
# ===========================================================================

# kpis: base may be None (no 「（基準値 …）」); a None actual prints 集計中 and
#       the rate （－）; ika prints 「以下」 after the target; mark appends ※
#       (減少を目指す指標); soku prints （速報値） after the actual.
# budget: [(key, amount, planned)]; planned prints 「R5予算」.
F2 = {
    "stem": "sasaihama_r4_gaibu_hyoka",
    "city": "笹井浜市",
    "fy": "R4",
    "projects": [
        dict(no=1,
             title="笹井浜漁港の朝市を核とした水産物の高付加価値化とインバウンド誘客の促進事業",
             department="水産振興課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             budget=[("R3", 8760, False), ("R4", 10240, False), ("R5", 9500, True)],
             kpis=[
                 dict(name="朝市の年間来場者数", unit="万人", base=3.8, t=5.0, a=5.3, lib=False),
                 dict(name="水産加工品の新商品開発数", unit="件", base=None, t=6, a=7, lib=False),
                 dict(name="外国人観光客の宿泊者数", unit="人", base=None, t=2400, a=1284, lib=False,
                      soku=True),
             ],
             outcome="朝市の会場に屋根付きの休憩スペースを整備し、開催日を月2回から毎週日曜日に拡大した。"
                     "漁協と連携して干物と魚醤の新商品を開発したほか、多言語の案内板と翻訳アプリを導入した。",
             evaluation="地方創生に効果があった", policy="継続"),
        dict(no=2,
             title="笹井浜市テレワーク移住支援及びお試しサテライトオフィス運営事業",
             department="企画課",
             period="令和4年度〜令和6年度", period_print="令和４年度～令和６年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             unit="千円", zen=True,
             budget=[("R4", 5840, False), ("R5", 6000, True)],
             kpis=[
                 dict(name="お試しオフィスの利用者数", unit="人", base=None, t=300, a=362, lib=False),
                 dict(name="テレワークによる移住者数", unit="人", base=None, t=15, a=9, lib=False),
             ],
             outcome="駅前の空きビルの２階をお試しサテライトオフィスとして改装し、令和４年７月に開設した。"
                     "首都圏の企業向けに移住体験ツアーを３回実施し、テレワーク移住者に住居費の一部を補助した。",
             evaluation="地方創生に効果があった", policy="見直し"),
        dict(no=3,
             title="中心市街地商店街の空き店舗解消とにぎわい創出に向けたまちなか再生推進事業",
             department="商工課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             budget=[("R3", 6120, False), ("R4", 7350, False)],
             kpis=[
                 dict(name="商店街の空き店舗率", unit="％", base=16.2, t=13.0, a=12.4, lib=True, ika=True),
                 dict(name="中心市街地の休日歩行者通行量", unit="人", base=3960, t=4200, a=4515, lib=False),
                 dict(name="まちなか消費額（年間）", unit="百万円", base=None, t=1200, a=None, lib=False),
             ],
             outcome="空き店舗の改装費補助により8店舗が新たに開業した。"
                     "商店街の歩行者天国イベントを年4回開催し、まちなかの回遊を促すスタンプラリーを実施した。",
             evaluation="地方創生に相当程度効果があった", policy="終了"),
        dict(no=4,
             title="旧笹井浜保育所を改修した子育て支援・多世代交流拠点整備事業",
             department="こども課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             unit="円", zen=False,
             budget=[("R4", 58216000, False)],
             kpis=[
                 dict(name="拠点施設の年間利用者数", unit="人", base=None, t=6000, a=6842, lib=False),
                 dict(name="子育て相談の受付件数", unit="件", base=None, t=480, a=452, lib=False),
             ],
             outcome="令和3年度補正予算を繰り越して旧保育所の改修工事を行い、令和4年6月に開所した。"
                     "子育て相談室、一時預かり室と、高齢者も利用できる交流ホールを設けた。",
             evaluation="地方創生に効果があった", policy="継続"),
        dict(no=5,
             title="行政手続のオンライン化とキャッシュレス決済の導入による窓口サービス改善事業",
             department="情報政策課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=False,
             budget=[("R4", 11980, False), ("R5", 2400, True)],
             kpis=[
                 dict(name="オンライン申請が可能な手続数", unit="件", base=12, t=60, a=64, lib=False),
                 dict(name="市民課窓口の平均待ち時間", unit="分", base=25, t=15, a=14, lib=True, mark=True),
             ],
             outcome="子育てと介護の手続を中心に52の手続をオンライン申請の対象に加え、"
                     "市民課と税務課の窓口にキャッシュレス決済端末を導入した。",
             evaluation="地方創生に相当程度効果があった", policy="拡充"),
        dict(no=6,
             title="地域商社「ささいはま商会」の設立による特産品の販路拡大及びブランド化推進事業",
             department="産業政策課",
             period="令和2年度〜令和4年度", period_print="令和2年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             budget=[("R2", 13400, False), ("R3", 12150, False), ("R4", 9830, False)],
             kpis=[
                 dict(name="地域商社の取扱商品数", unit="品目", base=35, t=120, a=134, lib=False),
                 dict(name="地域商社の年間売上高", unit="百万円", base=None, t=150, a=138, lib=False),
             ],
             outcome="首都圏の百貨店での物産展に3回出店し、ECサイトの商品ページを英語と中国語に対応させた。"
                     "市内の事業者と共同で統一ブランド「笹井浜の恵み」の認定基準を定め、24品目を認定した。",
             evaluation="地方創生に効果があった", policy="終了"),
    ],
}


def f2_rate_print(p, k):
    if k["a"] is None:
        return None
    s = f"{computed_rate(k) * 100:.1f}％"
    return zen(s) if p["zen"] else s


def f2_kpi_line(p, i, k):
    Z = zen if p["zen"] else ident
    u = k["unit"]
    name = k["name"] + ("※" if k.get("mark") else "")
    base = "" if k["base"] is None else f"（基準値 {Z(fmt(k['base']))}{u}）"
    t = Z(fmt(k["t"])) + u + ("以下" if k.get("ika") else "")
    if k["a"] is None:
        a, r = "集計中", "（－）"
    else:
        a = Z(fmt(k["a"])) + u + ("（速報値）" if k.get("soku") else "")
        r = f"（{f2_rate_print(p, k)}）"
    return f"{CIRCLED[i]}{name}{base}：目標 {t}／実績 {a}{r}"


def f2_budget_lines(p):
    Z = zen if p["zen"] else ident
    out = []
    for key, v, planned in p["budget"]:
        s = Z(f"{key}{'予算' if planned else '決算'} {fmt(v)}{p['unit']}")
        if key == F2["fy"]:
            s += Z(f"\n（うち交付金 {fmt(v // 2)}{p['unit']}）")
        out.append(s)
    return out


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A4)
    lm = rm = 12 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=16 * mm, bottomMargin=14 * mm,
                            title="令和4年度 地方創生関係交付金事業 外部評価資料",
                            author="笹井浜市", creator="Microsoft Word",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 19, align=TA_CENTER)
    st_right = style("r", MINCHO, 9, 13, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10.5, 14, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_body = style("b", MINCHO, 9.3, 14, firstLineIndent=9.3, leftIndent=4)
    st_bul = style("bl", MINCHO, 9.3, 14, leftIndent=14, firstLineIndent=-10)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_lab = style("lab", GOTHIC, 8, 10.5, align=TA_CENTER)
    st_c = style("c", MINCHO, 8, 10.8)
    st_cc = style("cc", MINCHO, 8, 10.8, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11, align=TA_RIGHT)
    # a KPI paragraph is never parted by the in-row page break
    st_k = style("k", MINCHO, 8, 10.8, spaceAfter=2.5, allowWidows=0, allowOrphans=0)
    st_title_cell = style("tc", GOTHIC, 8.4, 11.2)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    shade = colors.HexColor("#E7E6E6")
    projs = F2["projects"]
    allk = [k for p in projs for k in p["kpis"]]

    story = []
    story.append(P("令和4年度 地方創生関係交付金事業の外部評価について", st_title))
    story.append(P("令和5年8月9日　第2回笹井浜市地方創生推進外部評価委員会\n笹井浜市 企画部 企画課", st_right))
    story.append(P("1　外部評価の目的", st_h1))
    story.append(P("地方創生関係交付金を活用して令和4年度に実施した事業について、担当課による自己評価の結果を外部評価委員会に報告し、"
                   "KPIの達成状況と事業の効果について委員の意見を聴くものである。"
                   "各事業の事業名、事業費、KPIの目標値と実績値、主な取組実績及び担当課の評価を「3　事業別評価一覧」に1事業1行で記載した。",
                   st_body))
    story.append(P("2　令和4年度の交付金事業の状況（参考）", st_h1))
    groups = [("地方創生推進交付金", [1, 2, 3, 6]), ("地方創生拠点整備交付金", [4]),
              ("デジタル田園都市国家構想推進交付金", [5])]
    rows = [[P(x, st_lab) for x in ["交付金の種類", "事業数", "令和4年度事業費\n（千円）", "うち交付金\n（千円）",
                                    "KPI数", "うち目標達成"]]]
    bym = {p["no"]: p for p in projs}
    sums = [0, 0, 0, 0, 0]
    for gname, nos in groups:
        tot = sum((dict((b[0], b[1]) for b in bym[n]["budget"])["R4"] // (1000 if bym[n]["unit"] == "円" else 1))
                  for n in nos)
        g = tot // 2
        nk = sum(len(bym[n]["kpis"]) for n in nos)
        ok = sum(1 for n in nos for k in bym[n]["kpis"] if k["a"] is not None and computed_rate(k) >= 1)
        rows.append([P(gname, st_c), P(f"{len(nos)}事業", st_num), P(fmt(tot), st_num), P(fmt(g), st_num),
                     P(f"{nk}指標", st_num), P(f"{ok}指標", st_num)])
        for j, v in enumerate([len(nos), tot, g, nk, ok]):
            sums[j] += v
    rows.append([P("合計", st_lab), P(f"{sums[0]}事業", st_num), P(fmt(sums[1]), st_num), P(fmt(sums[2]), st_num),
                 P(f"{sums[3]}指標", st_num), P(f"{sums[4]}指標", st_num)])
    t = Table(rows, colWidths=[62 * mm, 20 * mm, 32 * mm, 32 * mm, 20 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※事業費は決算額（円単位の事業は千円未満を切り捨て）。本表は交付金事業全体の規模を示すもので、KPIではない。",
                   st_note))
    story.append(P("3　事業別評価一覧", st_h1))
    story.append(P("※KPI欄は「指標名：目標値／実績値（達成率）」の順に記載した。達成率は実績値÷目標値で算出し、"
                   "目標値に「以下」を付した指標及び※を付した指標（減少を目指す指標）は目標値÷実績値で算出した。"
                   "「集計中」の指標は令和5年10月に確定予定。事業費の「予算」は当初予算額であり、決算額ではない。",
                   st_note))

    hdr = [P(x, st_lab) for x in ["No.", "事業名（担当課）", "事業期間", "交付金の種類", "事業費",
                                  "KPI（指標・目標値・実績値）", "令和4年度の主な取組実績", "事業の評価", "今後の\n方針"]]
    rows = [hdr]
    for p in projs:
        Z = zen if p["zen"] else ident
        rows.append([
            one(P(Z(str(p["no"])), st_cc)),
            [P(p["title"], st_title_cell), P(f"（{p['department']}）", st_c)],
            [P(p["period_print"].replace("～", "～\n").replace("（", "\n（"), st_cc)],
            [P(grant_name(p), st_c)],
            [P(s, st_c) for s in f2_budget_lines(p)],
            [P(f2_kpi_line(p, i, k), st_k) for i, k in enumerate(p["kpis"])],
            [P(zen(p["outcome"]) if p["zen"] else p["outcome"], st_c)],
            [P(p["evaluation"], st_c)],
            one(P(p["policy"], st_cc)),
        ])
    cws = [8, 42, 20, 26, 36, 65, 0, 20, 12]
    cws[6] = (CW / mm) - sum(cws)
    kt = Table(rows, colWidths=[c * mm for c in cws], repeatRows=1, hAlign="LEFT",
               splitByRow=0, splitInRow=1)
    kt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                   ("VALIGN", (0, 1), (-1, -1), "TOP")]))
    story.append(kt)

    story.append(P("4　委員の主な意見", st_h1))
    for s in ["No.1　朝市は毎週開催としたことで来場者が大きく伸びた。外国人客の誘致は、近隣の観光地と連携した周遊ルートの造成が必要である。",
              "No.2　移住者の数が目標を下回った。オフィス利用者へのフォローを強化し、移住相談につなげる仕組みを検討されたい。",
              "No.3　商店街の回遊は増えている。事業終了後も空き店舗の情報発信を続けられたい。",
              "No.4　開所初年度として利用は順調である。相談体制の周知に努められたい。",
              "No.5　オンライン化した手続の利用状況を手続ごとに把握し、利用の少ない手続の周知を工夫されたい。",
              "No.6　交付金事業は終了するが、地域商社が自立して経営を続けられるよう、売上の拡大に向けた支援を続けられたい。"]:
        story.append(P("・" + s, st_bul))
    done = sum(1 for k in allk if k["a"] is not None and computed_rate(k) >= 1)
    story.append(P(f"なお、{len(allk)}指標のうち目標を達成したものは{done}指標であった。委員会としての総合評価は、"
                   f"全{len(projs)}事業について「おおむね妥当」とする。", st_body))
    # distractor: achievement counts by year, with percentages
    story.append(P("（参考）交付金事業のKPI達成状況の推移", st_h1))
    hist = [("R2", 4, 11, 6), ("R3", 5, 12, 8), ("R4", len(projs), len(allk), done)]
    rows = [[P(x, st_lab) for x in ["年度", "対象事業数", "KPI数", "目標を達成したKPI数", "達成割合"]]]
    for y, ne, nk, ok in hist:
        rows.append([P(ERA[y], st_cc), P(f"{ne}事業", st_num), P(f"{nk}指標", st_num), P(f"{ok}指標", st_num),
                     P(f"{ok / nk * 100:.1f}％", st_num)])
    t = Table(rows, colWidths=[30 * mm, 26 * mm, 24 * mm, 38 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※実績が集計中の指標は、目標を達成していないものとして数えた。", st_note))
    story.append(P("（参考）笹井浜市地方創生推進外部評価委員会 委員名簿", st_h1))
    rows = [[P(x, st_lab) for x in ["区分", "氏名", "所属・役職", "備考"]]]
    for r in [("産業界", "波多野 誠一", "笹井浜商工会議所 副会頭", "委員長"),
              ("金融機関", "三輪 恭子", "笹井浜信用金庫 地域創生推進部長", ""),
              ("教育機関", "早瀬 直人", "県立大学 地域政策学部 准教授", "副委員長"),
              ("労働団体", "篠原 和也", "連合地域協議会 事務局長", ""),
              ("言論界", "佐久間 里美", "地方新聞社 笹井浜支局長", ""),
              ("住民代表", "久保田 明", "笹井浜市自治会連合会 会長", "")]:
        rows.append([P(r[0], st_cc), P(r[1], st_c), P(r[2], st_c), P(r[3], st_cc) if r[3] else ""])
    t = Table(rows, colWidths=[30 * mm, 40 * mm, 80 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("（任期：令和4年7月1日～令和6年6月30日、敬称略）", st_note))

    def on_page(canvas, d):
        canvas.saveState()
        if d.page == 1:                     # the boxed 資料３ at the top right
            canvas.setLineWidth(0.8)
            canvas.rect(W - rm - 22 * mm, H - 14 * mm, 22 * mm, 7.5 * mm)
            canvas.setFont(GOTHIC, 10.5)
            canvas.drawCentredString(W - rm - 11 * mm, H - 11.8 * mm, "資料３")
        canvas.setFont(MINCHO, 8)
        canvas.drawString(lm, H - 9 * mm, "笹井浜市地方創生推進外部評価委員会 資料")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 7 * mm, f"－ {d.page} －")
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
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": F2["fy"],
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f2_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "external_review_one_row_per_project_stacked_kpi_cell",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


def f2_row_key(p, k):
    i = p["kpis"].index(k)
    return f2_kpi_line(p, i, k)


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# asagihara: project page = page of its 交付対象事業の名称 row; a KPI's page
# (every year record of it) = page of its two rows in the KPI grid.
# sasaihama: project page = page of its table row's No. / 事業名（担当課）
# cell; a KPI's page = page of its ①… paragraph in the KPI cell.
PAGES = {
    "asagihara_r5_jisshi_jokyo": {
        "projects": {1: 1, 2: 2, 3: 2, 4: 3, 5: 4},
        "kpis": {"木質チップの年間供給量": 2, "林業への新規就業者数": 2,
                 "移住体験住宅の利用世帯数": 2, "空き家バンクを通じた移住者数": 2,
                 "中心市街地の空き店舗数": 3, "創業支援による新規創業件数": 3,
                 "交流拠点施設の年間利用者数": 3, "防災訓練・防災講座の参加者数": 3,
                 "デマンド交通の年間利用者数": 4, "中心部商店街の休日来訪者数": 4},
    },
    "sasaihama_r4_gaibu_hyoka": {
        "projects": {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2},
        "kpis": {"朝市の年間来場者数": 1, "水産加工品の新商品開発数": 1, "外国人観光客の宿泊者数": 1,
                 "お試しオフィスの利用者数": 1, "テレワークによる移住者数": 1,
                 "商店街の空き店舗率": 1, "中心市街地の休日歩行者通行量": 1, "まちなか消費額（年間）": 2,
                 "拠点施設の年間利用者数": 2, "子育て相談の受付件数": 2,
                 "オンライン申請が可能な手続数": 2, "市民課窓口の平均待ち時間": 2,
                 "地域商社の取扱商品数": 2, "地域商社の年間売上高": 2},
    },
}


# ===========================================================================
# self-checks
# ===========================================================================

def check_printed_values(pdf_name, truth, text):
    """Every value the truth gives must be printed (compared after NFKC, so
    full-width digits count; a negative number is looked for as △n), and
    every rate must be what 実績/目標 (目標/実績 when lower is better) gives.
    A value split by a page break (笹井浜市's in-row split) counts when its
    head ends one page's text run and its tail is on the next page."""
    fold = str.maketrans({"\u301c": "~"})
    flat = norm(text).translate(fold)
    pages = [norm(t).translate(fold) for t in text.split("\f")]

    def has(s):
        s = norm(s).translate(fold)
        if s in flat:
            return True
        return any(s[:i] in a and s[i:] in b
                   for a, b in zip(pages, pages[1:]) for i in range(4, len(s) - 3))
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
        assert abs(r * 100 - k["rate"]) <= 0.05 + 1e-9, (pdf_name, k["name"], r, k["rate"])
        assert has(f"{k['rate']:.1f}%"), (pdf_name, k["name"], k["rate"])


def check_rows_printed(stem, text):
    """Each KPI row / line (the cells the truth records come from, in
    order) is in the text as generated."""
    flat = norm(text)
    if stem == F1["stem"]:
        for p in F1["projects"]:
            for k in p["kpis"]:
                assert norm(f1_row_key(p, k)) in flat, (stem, f1_row_key(p, k))
    else:
        for p in F2["projects"]:
            for k in p["kpis"]:
                assert norm(f2_row_key(p, k)) in flat, (stem, f2_row_key(p, k))


def check_layout_specifics(stem, truth, text):
    """浅葱原町 prints no achievement rate anywhere (so every rate is null)
    and numbers its pages 「n / 4」; every planned-year target of a KPI is
    printed but gives no record.  笹井浜市's split row is really split."""
    pages = text.split("\f")
    if stem == F1["stem"]:
        flat = unicodedata.normalize("NFKC", text)
        assert "%" not in flat, (stem, "a percentage is printed")
        assert all(k["rate"] is None for k in truth["kpis"])
        assert len(pages) == F1_NPAGES, (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"{i} / {F1_NPAGES}" in t, (stem, "footer", i)
        fy = yr(F1["fy"])
        for p in F1["projects"]:
            for k in p["kpis"]:
                recs = sorted(r["fiscal_year"] for r in truth["kpis"]
                              if r["project_no"] == p["no"] and r["name"] == k["name"])
                assert recs == sorted(y for y in p["years"] if yr(y) <= fy), (stem, k["name"], recs)
    else:
        p3 = {p["no"]: p for p in F2["projects"]}[3]
        head = norm(project_head(stem, {"no": 3, "title": p3["title"], "department": p3["department"]}))
        assert head in norm(pages[0]), (stem, "project 3 head not whole on page 1")
        assert norm(p3["outcome"]) not in norm(text), (stem, "project 3 outcome is not split")
        assert norm(f2_kpi_line(p3, 1, p3["kpis"][1])) in norm(pages[0])
        assert norm(f2_kpi_line(p3, 2, p3["kpis"][2])) in norm(pages[1])


def kpi_row_key(stem, k):
    if stem == F1["stem"]:
        p = {p["no"]: p for p in F1["projects"]}[k["project_no"]]
        kk = next(x for x in p["kpis"] if x["name"] == k["name"])
        return f1_row_key(p, kk)
    p = {p["no"]: p for p in F2["projects"]}[k["project_no"]]
    kk = next(x for x in p["kpis"] if x["name"] == k["name"])
    return f2_row_key(p, kk)


def project_head(stem, pr):
    if stem == F1["stem"]:
        return "交付対象事業の名称" + pr["title"]
    p = {p["no"]: p for p in F2["projects"]}[pr["no"]]
    Z = zen if p["zen"] else ident
    return Z(str(pr["no"])) + pr["title"] + f"（{pr['department']}）"


def check_pages(pdf, truth, pages, report_only):
    exp = PAGES[pdf.stem]
    for pr in truth["projects"]:
        head = project_head(pdf.stem, pr)
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
            print(pdf.stem, "kpi", k["project_no"], k["name"], k["fiscal_year"], found, "name on", names)
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
        check_layout_specifics(pdf.stem, truth, text)
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
