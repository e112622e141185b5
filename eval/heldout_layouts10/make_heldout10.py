"""Generate a tenth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/,
eval/heldout_layouts9/make_heldout9.py and eval/heldout_layouts8/make_heldout8.py
were consulted, for the technique, the truth schema and the self-checks.
Deterministic: reportlab documents are built with invariant=1.

    .venv/bin/python eval/heldout_layouts10/make_heldout10.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts10/make_heldout10.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts10/make_heldout10.py --pages  # only print where things are found

Fixtures
--------
kaedegaoka_r5_taishohyo
    楓ヶ丘町 (fictional), FY R5, 円.  A LANDSCAPE Excel sheet where each
    project is a COLUMN: three projects side by side per page (page 2 holds
    two and an empty third column), the rows are the fields (事業名 / 担当課
    / 事業期間 / 交付金の種類 / 事業費 令和4年度 / 令和5年度 / 主な取組内容 /
    KPI①–③ each with 指標名 / 単位 / 基準値 / 目標値 / 実績値 / 達成率 /
    評価 / 今後の方針).  Lower-is-better KPIs are marked 「▼」 before the
    name; one period is written in 西暦; one actual is 「調査中」.

hotaruzawa_r5_iinkai_shiryo
    蛍沢町 (fictional), FY R5, 千円.  A council-committee 資料 WITHOUT ANY
    TABLE: 「○事業名」 lines, 「・」 bullets (担当課 / 事業期間 / 交付金 /
    事業費 / 取組内容 / 成果指標 / 評価 / 今後の方針), budgets as sentences
    「事業費12,480千円（うち交付金6,240千円）」, KPIs as sentences
    「目標70千人に対し実績76千人（達成率108.6％）」.  One project is typed
    with full-width digits; lower-is-better targets read 「…以下」; one
    actual is 「集計中」, one KPI sentence prints no rate.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, P, T, check_cells, check_schema, computed_rate,  # noqa: E402
                         extract_checked, fmt, grant_name, ident, make_has, norm,
                         pdftoppm_previews, period_to_truth, rate_str, style, truth_rate,
                         write_truth, write_txt, zen)


# ===========================================================================
# Fixture 1: 楓ヶ丘町 — landscape 対照表, one COLUMN per project (FY R5, 円)
# ===========================================================================

# budget: {fy: 事業費} in 円 (決算額); a year not in it prints 「－」.
# kpis:   base (value, printed year) or None (「－」); a "調査中" actual is a
#         record with actual / rate null.  lib: lower is better, printed
#         with 「▼」 before the name; its rate is 目標値÷実績値.
F1 = {
    "stem": "kaedegaoka_r5_taishohyo",
    "city": "楓ヶ丘町",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="楓ヶ丘高原の四季を生かした周遊観光とワーケーションの推進事業",
             department="商工観光課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             budget={"R4": 18640000, "R5": 21355000},
             outcome="高原の紅葉と雪原を巡る周遊バスを季節運行し、ワーケーション向けの貸しオフィス2か所を"
                     "民間事業者と共同で開設した。首都圏の企業向けに体験ツアーを4回実施した。",
             kpis=[
                 dict(name="観光入込客数", unit="人", base=(312000, "令和3年度"), t=360000, a=374520, lib=False),
                 dict(name="ワーケーション施設の利用者数", unit="人", base=None, t=1200, a=1046, lib=False),
                 dict(name="観光消費額", unit="千円", base=(1840000, "令和3年度"), t=2000000, a="調査中", lib=False),
             ],
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=2,
             title="空き家バンクの拡充と移住支援金による移住・定住促進事業",
             department="企画課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             budget={"R4": 9812400, "R5": 10204000},
             outcome="空き家バンクの登録物件を現地で撮影した動画で紹介し、改修費の補助を14件行った。"
                     "移住支援金を町独自に上乗せし、移住者の交流会を年3回開催した。",
             kpis=[
                 dict(name="移住者数", unit="人", base=(48, "令和2年度"), t=90, a=112, lib=False),
                 dict(name="空き家バンクの成約件数", unit="件", base=(12, "令和2年度"), t=25, a=21, lib=False),
             ],
             evaluation="地方創生に非常に効果的であった", policy="終了"),
        dict(no=3,
             title="子育て世代の働く場をつくるサテライトオフィス誘致事業",
             department="産業振興課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             budget={"R4": 14250000, "R5": 12980000},
             outcome="旧公民館を改修したサテライトオフィスに企業5社が進出した。子育て中の町民を対象に"
                     "在宅勤務の職業訓練を行い、進出企業との面談会を2回開催した。",
             kpis=[
                 dict(name="サテライトオフィスへの進出企業数", unit="社", base=(2, "令和3年度"), t=6, a=5, lib=False),
                 dict(name="進出企業による新規雇用者数", unit="人", base=None, t=20, a=23, lib=False),
                 dict(name="町外へ通勤する就業者の割合", unit="%", base=(38.6, "令和2年度"), t=36.0, a=37.2, lib=True),
             ],
             evaluation="地方創生に効果があった", policy="見直し"),
        dict(no=4,
             title="オンデマンド交通の導入による高齢者の移動支援事業",
             department="生活環境課",
             period="令和5年度〜令和7年度", period_print="2023年度～2025年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             budget={"R5": 26730000},
             outcome="AIが配車するオンデマンド交通を令和5年7月から町内全域で運行した。停留所を"
                     "68か所設け、高齢者向けの乗り方教室を地区ごとに12回開催した。",
             kpis=[
                 dict(name="オンデマンド交通の年間利用者数", unit="人", base=None, t=5000, a=5865, lib=False),
                 dict(name="公共交通空白地域の人口", unit="人", base=(2410, "令和4年度"), t=1800, a=1952, lib=True),
             ],
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=5,
             title="道の駅かえでの里の交流拠点化と地場産品の販路拡大事業",
             department="農林課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             budget={"R4": 42150000, "R5": 6380000},
             outcome="道の駅に農産物の加工室と交流ホールを増築し、令和5年5月に供用を始めた。"
                     "地場産品のオンライン販売を始め、町内の生産者23戸が出品した。",
             kpis=[
                 dict(name="道の駅の年間来場者数", unit="人", base=(184000, "令和3年度"), t=200000, a=213480, lib=False),
                 dict(name="地場産品の販売額", unit="千円", base=(152000, "令和3年度"), t=170000, a=166210, lib=False),
             ],
             evaluation="地方創生に効果があった", policy="拡充"),
    ],
}
F1_COLS = 3                     # projects per page
F1_NPAGES = 2
CIRC = "①②③④⑤"
F1_FYLAB = {"R4": "令和4年度", "R5": "令和5年度"}
F1_SUB = ["指標名", "単位", "基準値", "目標値", "実績値", "達成率"]


def f1_sub_value(k, sub):
    """The printed cell of a KPI sub-row (k None: a project with fewer KPIs)."""
    if k is None:
        return ""
    if sub == "指標名":
        return ("▼" if k["lib"] else "") + k["name"]
    if sub == "単位":
        return k["unit"]
    if sub == "基準値":
        return "－" if k["base"] is None else f"{fmt(k['base'][0])}（{k['base'][1]}）"
    if sub == "目標値":
        return fmt(k["t"])
    if sub == "実績値":
        return fmt(k["a"])
    if isinstance(k["a"], str):
        return "－"
    return rate_str(k["t"], k["a"], k["lib"])


def f1_field_rows(group):
    """[(label0, label1, [cell text per project column])] for a page's projects."""
    pad = group + [None] * (F1_COLS - len(group))

    def col(f):
        return [("" if p is None else f(p)) for p in pad]
    rows = [("事業番号", None, col(lambda p: f"No.{p['no']}")),
            ("事業名", None, col(lambda p: p["title"])),
            ("担当課", None, col(lambda p: p["department"])),
            ("事業期間", None, col(lambda p: p["period_print"])),
            ("交付金の種類", None, col(grant_name)),
            ("事業費（円）", "令和4年度", col(lambda p: fmt(p["budget"].get("R4")))),
            ("事業費（円）", "令和5年度", col(lambda p: fmt(p["budget"].get("R5")))),
            ("主な取組内容", None, col(lambda p: p["outcome"]))]
    for i in range(3):
        for sub in F1_SUB:
            rows.append((f"KPI{CIRC[i]}", sub,
                         col(lambda p: f1_sub_value(p["kpis"][i] if i < len(p["kpis"]) else None, sub))))
    rows += [("事業の評価", None, col(lambda p: p["evaluation"])),
             ("今後の方針", None, col(lambda p: p["policy"]))]
    return rows


def f1_row_key(p, k, sub):
    """The text of a KPI sub-row (label and the cells of the page's columns)."""
    projs = F1["projects"]
    i0 = (p["no"] - 1) // F1_COLS * F1_COLS
    group = projs[i0:i0 + F1_COLS]
    i = p["kpis"].index(k)
    for lab0, lab1, cells in f1_field_rows(group):
        if lab0 == f"KPI{CIRC[i]}" and lab1 == sub:
            return lab1 + "".join(cells)
    raise KeyError(sub)


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A4)
    lm = rm = 12 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=15 * mm, bottomMargin=11 * mm,
                            title="令和5年度 地方創生関係交付金事業 実施状況対照表", author="楓ヶ丘町",
                            creator="Microsoft Excel", subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 12.5, 16)
    st_unit = style("u", MINCHO, 8.5, 11, align=TA_RIGHT)
    st_note = style("nt", MINCHO, 7.6, 10.2, leftIndent=16, firstLineIndent=-16)
    st_lab = style("lb", GOTHIC, 7.6, 9.6, align=TA_CENTER)
    st_td = style("td", MINCHO, 7.6, 9.6)
    st_tt = style("tt", GOTHIC, 7.8, 10)
    st_tn = style("tn", MINCHO, 7.8, 9.6, align=TA_RIGHT)
    st_tc = style("tc", GOTHIC, 8, 10, align=TA_CENTER)
    GRID = colors.HexColor("#595959")
    SHADE = colors.HexColor("#DDEBF7")
    KSHADE = colors.HexColor("#F2F2F2")
    L0, L1 = 54, 50
    PC = (CW - L0 - L1) / F1_COLS

    projs = F1["projects"]
    story = []
    notes = [
        "※1　事業費は各年度の決算額（交付対象事業経費）である。事業期間外の年度は「－」とした。",
        "※2　達成率は実績値÷目標値により算出した。指標名の前に「▼」を付した指標は、値が小さいほど良い指標であり、"
        "目標値÷実績値により算出している。",
        "※3　No.1の観光消費額は、県の観光動態調査（令和6年11月公表予定）により確定するため「調査中」とした。",
        "※4　No.4の事業期間は、事業計画の記載のとおり西暦で表示している。",
    ]
    for gi in range(0, len(projs), F1_COLS):
        group = projs[gi:gi + F1_COLS]
        story += [P(f"令和5年度　地方創生関係交付金事業　実施状況対照表（{gi // F1_COLS + 1}／{F1_NPAGES}）", st_title),
                  P("（単位：円）", st_unit), Spacer(1, 1.5 * mm)]
        rows, cmds = [], [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                          ("FONT", (0, 0), (-1, -1), MINCHO, 7.6), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                          ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
                          ("BACKGROUND", (0, 0), (1, -1), SHADE), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
        frows = f1_field_rows(group)
        spans = {}
        for r, (lab0, lab1, cells) in enumerate(frows):
            if lab1 is None:
                lab_cells = [P(lab0, st_lab), ""]
                cmds.append(("SPAN", (0, r), (1, r)))
            else:
                lab_cells = [P(lab0, st_lab) if lab0 not in spans else "", P(lab1, st_lab)]
                spans.setdefault(lab0, [r, r])[1] = r
            if lab0 == "事業番号":
                vals = [P(c, st_tc) if c else "" for c in cells]
            elif lab0 == "事業名":
                vals = [P(c, st_tt) if c else "" for c in cells]
            elif lab0.startswith("事業費") or lab1 in ("目標値", "実績値", "達成率"):
                vals = [(P(c, st_tn) if c not in ("調査中", "－") else P(c, style("c", MINCHO, 7.8, 9.6, align=TA_CENTER)))
                        if c else "" for c in cells]
            else:
                vals = [P(c, st_td) if c else "" for c in cells]
            rows.append(lab_cells + vals)
            if lab0.startswith("KPI") and lab1 == "指標名":
                cmds.append(("BACKGROUND", (2, r), (-1, r), KSHADE))
        for lab0, (r0, r1) in spans.items():
            cmds.append(("SPAN", (0, r0), (0, r1)))
        story.append(T(rows, [L0, L1] + [PC] * F1_COLS, cmds, hAlign="LEFT", repeatRows=0))
        story.append(Spacer(1, 2 * mm))
        story += [P(n, st_note) for n in notes]
        if gi + F1_COLS < len(projs):
            story.append(PageBreak())

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 8)
        canvas.drawString(lm, H - 9 * mm, "楓ヶ丘町 企画課")
        canvas.drawRightString(W - rm, H - 9 * mm, "2024/8/30 作成")
        canvas.setFont(MINCHO, 8)
        canvas.drawCentredString(W / 2, 6 * mm, f"{d.page} / {F1_NPAGES}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: v for fy, v in sorted(p["budget"].items())},
            "budget_unit": "円",
            "budget_planned": [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            actual = k["a"] if isinstance(k["a"], (int, float)) else None
            kpis.append({
                "project_no": p["no"], "name": k["name"], "unit": k["unit"],
                "baseline": None if k["base"] is None else k["base"][0],
                "fiscal_year": F1["fy"], "target_date": None,
                "target": k["t"], "actual": actual,
                "rate": truth_rate(k["t"], actual, k["lib"]),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": F1["fy"],
                   "layout": "landscape_taishohyo_one_column_per_project_field_rows",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 蛍沢町 — council-committee 資料 without tables (FY R5, 千円)
# ===========================================================================

# budget: {fy: (事業費, うち交付金)} 千円; "R6" is the 予算額 (planned).
# kpis:   t / a; a "集計中" is a record with actual / rate null; rate False:
#         the sentence prints no 達成率 (rate null).  lib: 「目標N以下」.
#         base: (value, year) or None (not printed).
F2 = {
    "stem": "hotaruzawa_r5_iinkai_shiryo",
    "city": "蛍沢町",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="ほたるの里の自然体験を核とした滞在型観光推進事業",
             department="商工観光課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             zen=False,
             budget={"R4": (12480, 6240), "R5": (13650, 6825)},
             outcome="ほたるの観賞期に合わせた夜間のガイドツアーを造成し、町内の民宿8軒と連携した宿泊プランを販売した。"
                     "また、渓流での自然体験プログラムを通年で実施できるよう、ガイド12人を養成した。",
             kpis=[
                 dict(name="ほたる観賞期の観光入込客数", unit="千人", base=(58, "令和2年度"), t=70, a=76, lib=False),
                 dict(name="自然体験プログラムの参加者数", unit="人", base=None, t=1500, a=1362, lib=False),
                 dict(name="町内の観光消費額", unit="百万円", base=(385, "令和2年度"), t=420, a="集計中", lib=False),
             ],
             note="※町内の観光消費額は、県の観光統計（令和6年11月公表予定）により確定するため、集計中としている。",
             evaluation="地方創生に相当程度効果があった", policy="終了",
             next="令和6年度からは、町観光協会の自主事業としてガイドツアーを継続する。"),
        dict(no=2,
             title="移住コンシェルジュの配置と空き家改修支援による移住・定住促進事業",
             department="企画政策課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False,
             budget={"R4": (8640, 4320), "R5": (9215, 4607), "R6": (9000, 4500)},
             outcome="移住コンシェルジュ2人を配置し、オンライン相談を平日夜間と土日に広げた。"
                     "空き家の改修費を7件補助し、首都圏の移住フェアに3回出展した。",
             kpis=[
                 dict(name="移住相談件数", unit="件", base=(64, "令和3年度"), t=150, a=163, lib=False),
                 dict(name="町の支援を受けて移住した世帯数", unit="世帯", base=None, t=12, a=9, lib=False),
             ],
             note=None,
             evaluation="地方創生に効果があった", policy="継続",
             next="移住後の仕事探しの支援を強め、移住世帯数の目標達成を目指す。"),
        dict(no=3,
             title="子育て応援アプリと保育ＩＣＴの導入による子育て環境の充実事業",
             department="こども未来課",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             zen=True,
             budget={"R5": (21360, 10680)},
             outcome="令和5年6月に子育て応援アプリを導入し、予防接種の通知と健診の予約をアプリで行えるようにした。"
                     "町内の保育所4園に登降園管理と連絡帳のシステムを導入し、保育士の事務負担を減らした。",
             kpis=[
                 dict(name="子育て応援アプリの登録者数", unit="人", base=None, t=1200, a=1456, lib=False),
                 dict(name="保育所の待機児童数", unit="人", base=(9, "令和4年4月1日"), t=3, a=5, lib=True),
             ],
             note="※待機児童数は令和6年4月1日現在。目標値以下を目指す指標のため、達成率は目標値÷実績値により算出した。",
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             next="保育士の確保策とあわせて、保育所の受入枠の拡大を検討する。"),
        dict(no=4,
             title="蛍沢ブランド農産物の認証制度と町外への販路開拓事業",
             department="農林振興課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False,
             budget={"R4": (6120, 3060), "R5": (7480, 3740)},
             outcome="町独自のブランド認証制度を設け、新たに4品目を認証した。都市部の飲食店との商談会を2回開催し、"
                     "ふるさと納税の返礼品に認証品を加えた。",
             kpis=[
                 dict(name="ブランド認証品目数", unit="品目", base=None, t=10, a=11, lib=False, rate=False),
                 dict(name="町外への農産物出荷額", unit="百万円", base=(312, "令和3年度"), t=350, a=338, lib=False),
                 dict(name="耕作放棄地の面積", unit="ha", base=(47.3, "令和3年度"), t=42.0, a=44.5, lib=True),
             ],
             note=None,
             evaluation="地方創生に効果があった", policy="見直し",
             next="出荷額の伸びが鈍いため、販路開拓の対象を近隣県の量販店に広げる。"),
        dict(no=5,
             title="旧蛍沢小学校を活用したコワーキング拠点整備事業",
             department="総務課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             zen=False,
             budget={"R5": (48600, 24300)},
             outcome="旧蛍沢小学校の校舎を改修し、令和5年7月にコワーキングスペースと会議室を開所した。"
                     "開所に合わせて、町外の起業希望者向けの創業セミナーを4回開催した。",
             kpis=[
                 dict(name="コワーキングスペースの利用者数", unit="人", base=None, t=3000, a=3412, lib=False),
                 dict(name="拠点を利用した起業件数", unit="件", base=None, t=3, a=2, lib=False),
             ],
             note="※令和4年度補正予算を令和5年度に繰り越して執行した。",
             evaluation="地方創生に効果があった", policy="継続",
             next="町外の企業へのＰＲを強め、拠点での起業支援を続ける。"),
    ],
}
F2_FYLAB = {"R4": "令和4年度", "R5": "令和5年度", "R6": "令和6年度"}


def f2_Z(p):
    return zen if p["zen"] else ident


def f2_budget_sentence(p):
    Z = f2_Z(p)
    parts = []
    for fy in ("R4", "R5", "R6"):
        if fy in p["budget"]:
            v, g = p["budget"][fy]
            kind = "予算額" if fy == "R6" else "事業費"
            parts.append(f"{Z(F2_FYLAB[fy])}　{kind}{Z(fmt(v))}千円（うち交付金{Z(fmt(g))}千円）")
    return "、".join(parts)


def f2_kpi_sentence(p, i, k):
    Z = f2_Z(p)
    u = k["unit"]
    tgt = f"目標{Z(fmt(k['t']))}{u}" + ("以下" if k["lib"] else "")
    if isinstance(k["a"], str):
        s = f"{k['name']}は、{tgt}に対し、実績は{k['a']}である※。"
    elif k.get("rate") is False:
        s = f"{k['name']}は、{tgt}に対し実績{Z(fmt(k['a']))}{u}であった。"
    else:
        r = Z(rate_str(k["t"], k["a"], k["lib"]).replace("%", "％"))
        s = f"{k['name']}は、{tgt}に対し実績{Z(fmt(k['a']))}{u}（達成率{r}）であった。"
    if k["base"] is not None:
        s += f"（基準値：{Z(fmt(k['base'][0]))}{u}・{Z(k['base'][1])}）"
    return f"{CIRC[i]}　{s}"


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 22 * mm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=20 * mm, bottomMargin=18 * mm,
                            title="地方創生関係交付金事業の効果検証結果について", author="蛍沢町",
                            creator="一太郎", subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 13, 19, align=TA_CENTER, spaceAfter=6)
    st_date = style("dt", MINCHO, 10.5, 15, align=TA_RIGHT)
    st_h = style("h", GOTHIC, 11, 17, spaceBefore=8, spaceAfter=2)
    st_body = style("b", MINCHO, 10.5, 17, firstLineIndent=10.5, leftIndent=10.5)
    st_proj = style("pj", GOTHIC, 10.5, 17, spaceBefore=9, leftIndent=10.5, firstLineIndent=-10.5)
    st_bul = style("bl", MINCHO, 10.5, 17, leftIndent=31.5, firstLineIndent=-10.5)
    st_kpi = style("kp", MINCHO, 10.5, 17, leftIndent=42, firstLineIndent=-10.5)
    st_note = style("nt", MINCHO, 9.5, 14.5, leftIndent=31.5)

    projs = F2["projects"]
    nk = sum(len(p["kpis"]) for p in projs)
    done = [computed_rate(k["t"], k["a"], k["lib"]) >= 1 for p in projs for k in p["kpis"]
            if not isinstance(k["a"], str)]
    n_ok, n_ng = sum(done), len(done) - sum(done)
    tot = {fy: sum(p["budget"].get(fy, (0, 0))[0] for p in projs) for fy in ("R4", "R5")}
    story = [
        P("令和5年度 地方創生関係交付金事業の効果検証結果について", st_title),
        P("2024年（令和6年）9月11日<br/>総務常任委員会<br/>企画政策課", st_date),
        P("１　趣旨", st_h),
        P("本町が地方創生関係交付金を活用して実施した事業について、蛍沢町まち・ひと・しごと創生推進会議において"
          "令和5年度の実績に基づく効果検証を行ったので、その結果を報告する。", st_body),
        P("２　検証の方法", st_h),
        P("各事業の重要業績評価指標（KPI）について、令和5年度の目標値と実績値を比較し、達成率（実績値÷目標値）を"
          "算出した。目標値以下を目指す指標は、目標値÷実績値により算出している。実績値が確定していないものは"
          "「集計中」とした。", st_body),
        P("３　検証結果の概要", st_h),
        P(f"5事業の{nk}指標のうち、目標値を達成した指標は{n_ok}指標、達成しなかった指標は{n_ng}指標であった"
          f"（実績値が集計中のものが1指標）。5事業の令和5年度の事業費の合計は{fmt(tot['R5'])}千円であり、"
          f"前年度（{fmt(tot['R4'])}千円）を上回った。", st_body),
        P("４　事業別の検証結果", st_h),
    ]
    for p in projs:
        Z = f2_Z(p)
        story.append(P(f"○{p['title']}", st_proj))
        story.append(P(f"・担当課：{p['department']}", st_bul))
        story.append(P(f"・事業期間：{Z(p['period_print'])}", st_bul))
        story.append(P(f"・交付金：{grant_name(p)}", st_bul))
        story.append(P(f"・事業費：{f2_budget_sentence(p)}", st_bul))
        story.append(P(f"・取組内容：{Z(p['outcome'])}", st_bul))
        story.append(P("・成果指標（KPI）：", st_bul))
        for i, k in enumerate(p["kpis"]):
            story.append(P(f2_kpi_sentence(p, i, k), st_kpi))
        if p["note"]:
            story.append(P(Z(p["note"]), st_note))
        story.append(P(f"・評価：{p['evaluation']}", st_bul))
        story.append(P(f"・今後の方針：{p['policy']}", st_bul))
        story.append(P(f"・今後の取組：{Z(p['next'])}", st_bul))
    story += [
        P("５　今後の予定", st_h),
        P("本検証結果は町ホームページで公表するとともに、令和7年度の事業計画の見直しに反映させる。"
          "また、次期総合戦略の策定に向けて、令和7年3月までに基本目標の数値目標を再設定する。", st_body),
    ]

    def on_page(canvas, d):
        canvas.saveState()
        if d.page == 1:
            canvas.setLineWidth(0.8)
            canvas.rect(W - rm - 22 * mm, H - 15 * mm, 22 * mm, 7.5 * mm)
            canvas.setFont(GOTHIC, 12)
            canvas.drawCentredString(W - rm - 11 * mm, H - 12.8 * mm, "資料２")
        canvas.setFont(MINCHO, 10)
        canvas.drawCentredString(W / 2, 9 * mm, f"－{d.page}－")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: p["budget"][fy][0] for fy in ("R4", "R5", "R6") if fy in p["budget"]},
            "budget_unit": "千円",
            "budget_planned": ["R6"] if "R6" in p["budget"] else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": f2_Z(p)(p["outcome"]),
            "page": None,
        })
        for k in p["kpis"]:
            actual = k["a"] if isinstance(k["a"], (int, float)) else None
            kpis.append({
                "project_no": p["no"], "name": k["name"], "unit": k["unit"],
                "baseline": None if k["base"] is None else k["base"][0],
                "fiscal_year": F2["fy"], "target_date": None,
                "target": k["t"], "actual": actual,
                "rate": None if k.get("rate") is False else truth_rate(k["t"], actual, k["lib"]),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "committee_shiryo_no_tables_bullets_kpi_and_budget_sentences",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# self-checks
# ===========================================================================

def src_project(stem, no):
    src = F1 if stem == F1["stem"] else F2
    return {p["no"]: p for p in src["projects"]}[no]


def src_kpi(stem, k):
    p = src_project(stem, k["project_no"])
    return p, next(x for x in p["kpis"] if x["name"] == k["name"])


def check_printed_values(stem, truth, text):
    """Every value the truth gives is printed (after NFKC, so full-width
    digits count); every printed rate is what 実績/目標 (目標/実績 when lower
    is better) gives, with one decimal."""
    has = make_has(text)
    for pr in truth["projects"]:
        p = src_project(stem, pr["no"])
        for key in ("title", "department", "evaluation", "policy", "outcome"):
            assert has(pr[key]), (stem, key, pr[key])
        assert has(p["period_print"]), (stem, "period", p["period_print"])
        assert period_to_truth(p["period_print"]) == pr["period"], (stem, p["period_print"], pr["period"])
        assert has(f"{pr['grant_program']}（{pr['grant_type']}）"), (stem, pr["grant_type"])
        for fy, v in pr["budget"].items():
            assert has(f"{v:,}"), (stem, fy, v)
        for fy in pr["budget_planned"]:
            assert fy in pr["budget"], (stem, fy)
    for k in truth["kpis"]:
        _, sk = src_kpi(stem, k)
        assert has(k["name"]), (stem, k["name"])
        assert has(k["unit"]), (stem, k["unit"])
        for v in (k["target"], k["actual"], k["baseline"]):
            if v is not None:
                assert has(fmt(v)), (stem, k["name"], v)
        if k["rate"] is None:
            assert k["actual"] is None or sk.get("rate") is False, (stem, k["name"])
            continue
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.05 + 1e-9, (stem, k["name"], r, k["rate"])
        assert has(f"{k['rate']:.1f}%"), (stem, k["name"], k["rate"])


def kpi_keys(stem, k):
    """The printed strings a KPI record comes from, each in the text once."""
    p, sk = src_kpi(stem, k)
    if stem == F1["stem"]:
        return [f1_row_key(p, sk, sub) for sub in ("指標名", "目標値", "実績値", "達成率")]
    return [f2_kpi_sentence(p, p["kpis"].index(sk), sk)]


def project_head(stem, pr):
    if stem == F1["stem"]:
        # the 事業番号 row of its page (its column's header cell is in it)
        i0 = (pr["no"] - 1) // F1_COLS * F1_COLS
        return "事業番号" + "".join(f"No.{p['no']}" for p in F1["projects"][i0:i0 + F1_COLS])
    return "○" + pr["title"]


def check_rows_printed(stem, truth, text):
    flat = norm(text)
    for k in truth["kpis"]:
        for key in kpi_keys(stem, k):
            n = flat.count(norm(key))
            assert n == (1 if stem == F2["stem"] else flat.count(norm(key))) and n >= 1, (stem, key, n)
    if stem == F1["stem"]:
        # each KPI sub-row of a page is printed once, as a row
        for k in truth["kpis"]:
            for key in kpi_keys(stem, k):
                assert flat.count(norm(key)) == 1 or key.startswith("達成率－"), (stem, key)


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    flat = norm(text)
    has = make_has(text)
    if stem == F1["stem"]:
        assert len(pages) == F1_NPAGES, (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"{i} / {F1_NPAGES}" in t, (stem, "footer", i)
            assert norm(f"実施状況対照表（{i}／{F1_NPAGES}）") in norm(t)
        # the projects are columns: the 事業番号 row lists the page's projects
        assert "事業番号No.1No.2No.3" in norm(pages[0]) and "事業番号No.4No.5" in norm(pages[1])
        # budget rows: one row per year across the columns, 「－」 outside the period
        assert has("令和4年度" + "".join(fmt(p["budget"].get("R4")) for p in F1["projects"][3:]))
        assert has("令和5年度" + "".join(fmt(p["budget"].get("R5")) for p in F1["projects"][:3]))
        assert has("2023年度～2025年度") and "調査中" in flat
        assert has("▼町外へ通勤する就業者の割合") and has("▼公共交通空白地域の人口")
        assert not re.search(r"[０-９]", text)          # full-width digits are in the other report
    else:
        for i, t in enumerate(pages, 1):
            assert f"－{i}－" in t, (stem, "footer", i)
        assert "資料２" in pages[0] and norm("2024年（令和6年）9月11日") in flat
        assert has("令和５年度～令和７年度") and has("２１，３６０千円（うち交付金１０，６８０千円）")
        assert has("目標３人以下に対し実績５人（達成率６０．０％）")
        assert has("目標10品目に対し実績11品目であった。")
        assert has("令和6年度　予算額9,000千円（うち交付金4,500千円）")
        assert flat.count("○") == len(F2["projects"])


def find_pages(stem, truth, pages, report_only):
    """F1: a project's page is the page of its column (No.N), every KPI of
    it is on that page.  F2: a project's page is the page of its ○ line, a
    KPI's page is the page of its sentence (each found on exactly one page)."""
    hg.find_pages(stem, truth, pages, report_only, project_head, kpi_keys,
                  project_page=(lambda pr: (pr["no"] - 1) // F1_COLS + 1) if stem == F1["stem"] else None,
                  kpis_on_project_page=stem == F1["stem"])


def main(argv):
    outdir = HERE
    results = []
    built = [build(outdir) for build in (build_f1, build_f2)]
    check_cells()
    for pdf, truth in built:
        text = extract_checked(pdf)
        check_printed_values(pdf.stem, truth, text)
        check_rows_printed(pdf.stem, truth, text)
        pages = write_txt(outdir, pdf, text, truth)
        results.append((pdf, truth, pages, text))

    report_only = "--pages" in argv
    for pdf, truth, pages, text in results:
        find_pages(pdf.stem, truth, pages, report_only)
        if report_only:
            continue
        check_layout_specifics(pdf.stem, truth, text)
        check_schema(truth, HERE.parent / "heldout_layouts9")
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 70)


if __name__ == "__main__":
    main(sys.argv[1:])
