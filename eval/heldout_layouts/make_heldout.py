"""Generate two held-out fixture reports (PDF + flattened text + truth JSON).

Written independently of the report reader (its code was not read).
Deterministic: reportlab documents are built with invariant=1.

    python eval/heldout_layouts/make_heldout.py          # writes next to this file
    python eval/heldout_layouts/make_heldout.py --png    # also renders page PNGs

Fixtures
--------
shinonomedai_r3_yearcols
    東雲台市 (fictional). Landscape A4 summary table: one row per KPI, the
    project cells (No / 事業名 / 交付金 / 事業期間 / 事業費（円）) span the KPI
    rows. KPI values for two fiscal years printed as column groups headed in
    西暦 ("2020年度（令和2年度）") with 目標値 / 実績値 sub-columns, a 現状値
    baseline, and a single 達成度 column for 2021 printed as a ratio (1.05).
    The table continues onto page 2 with the header repeated; project 3 is cut
    by the page break (its second KPI row is on page 2 with "（続き）").
    事業の評価 / 今後の方針 / 担当課 are in a separate 別表 on page 3.
    Periods are printed in 西暦 ("2020年度～2022年度").

midorikawa_r3_cards
    みどり川町 (fictional). Portrait A4, two-column page of project "cards".
    Each card: info box (担当課 / 事業期間 / 交付金), a budget row in 千円 with
    year headers H30 / R元 / R2 / R3 / R4（予定）, and per KPI a small grid with
    years as ROWS (年度 | 目標値 | 実績値 | 達成率, rates as 118％), the unit in
    the KPI name's parentheses and the 基準値 on the KPI heading line, then
    事業の成果 / 事業の評価 / 今後の方針. ※ footnotes at the end.
"""
from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Frame, PageBreak, PageTemplate, SimpleDocTemplate,
                                Spacer, Table, TableStyle)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, P, extract_checked, fmt, page_of, pdfium_previews,  # noqa: E402
                         write_truth, write_txt)


def style(name, font=MINCHO, size=7.5, lead=None, align=0, **kw):
    """heldout_gen.style with this report's smaller default size and tighter leading."""
    return hg.style(name, font, size, lead or size * 1.3, align, **kw)


# ===========================================================================
# Fixture 1: 東雲台市 — summary table with year column groups
# ===========================================================================

F1 = {
    "stem": "shinonomedai_r3_yearcols",
    "city": "東雲台市",
    "projects": [
        dict(no=1, title="しののめ観光ＤＸ推進事業",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             period_print="2020年度～\n2022年度", period="令和2年度〜令和4年度",
             budget=18456000, department="観光振興課",
             evaluation="地方創生に相当程度効果があった", policy="事業の継続",
             opinion="コロナ禍で入込客数は目標を下回ったが、アプリ登録者は順調に増加している。データの活用による周遊促進を期待する。",
             summary="観光アプリ「しののめナビ」を開発し、市内観光施設の混雑状況や周遊ルートをリアルタイムで配信する。取得した位置情報データを分析し、観光施策に活用する。",
             kpis=[
                 dict(name="観光入込客数", unit="万人", base=152.3,
                      t20=155.0, a20=98.7, t21=158.0, a21=121.4, rate="0.77", lib=False),
                 dict(name="観光アプリ「しののめナビ」登録者数", unit="人", base=0,
                      t20=3000, a20=3412, t21=8000, a21=9136, rate="1.14", lib=False),
             ]),
        dict(no=2, title="子育て世代の移住・定住促進事業",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             period_print="2020年度～\n2024年度", period="令和2年度〜令和6年度",
             budget=24870500, department="企画政策課",
             evaluation="地方創生に非常に効果的であった", policy="事業の継続",
             opinion="転入世帯数、転出超過数ともに目標を達成しており、高く評価できる。",
             summary="子育て世帯向けの移住支援金の加算、空き家改修補助、首都圏での移住相談会を一体的に実施し、子育て世代の転入促進と転出抑制を図る。",
             kpis=[
                 dict(name="子育て世帯の転入世帯数", unit="世帯", base=42,
                      t20=50, a20=47, t21=60, a21=63, rate="1.05", lib=False),
                 dict(name="市外への転出超過数※1", unit="人", base=310,
                      t20=290, a20=302, t21=270, a21=248, rate="1.09", lib=True),
             ]),
        dict(no=3, title="中心市街地にぎわい拠点整備事業",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             period_print="2020年度～\n2021年度", period="令和2年度〜令和3年度",
             budget=96800000, department="商工労働課",
             evaluation="地方創生に効果があった", policy="事業内容の見直し（改善）",
             opinion="拠点施設の利用は好調であるが、周辺商店街への波及効果が見えにくい。空き店舗対策との連携を強化されたい。",
             summary="中心市街地の旧百貨店跡地に、子育て支援・交流機能を備えたにぎわい拠点施設を整備し、まちなかの回遊性向上を図る。",
             kpis=[
                 dict(name="にぎわい拠点施設の年間利用者数", unit="人", base=None,
                      t20=10000, a20=8215, t21=25000, a21=26980, rate="1.08", lib=False),
                 dict(name="中心市街地の空き店舗数※1", unit="店舗", base=48,
                      t20=45, a20=46, t21=40, a21="集計中※2", rate="－", lib=True),
             ]),
        dict(no=4, title="スマート農業による\n担い手育成事業",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             period_print="2018年度～\n2021年度", period="平成30年度〜令和3年度",
             budget=7320000, department="農政課",
             evaluation="地方創生に相当程度効果があった", policy="事業期間終了（自立化）",
             opinion="新規就農者数は目標を上回った。機器導入は目標に届かなかったが、今後は農業者団体による自主運営に移行する。",
             summary="ドローンや自動操舵トラクター等のスマート農業機器の実証・貸出を行うとともに、新規就農者向けの実践研修を実施する。",
             kpis=[
                 dict(name="新規就農者数", unit="人", base=5,
                      t20=8, a20=6, t21=10, a21=11, rate="1.10", lib=False),
                 dict(name="スマート農業機器を導入した経営体数", unit="経営体", base=3,
                      t20=12, a20=14, t21=20, a21=17, rate="0.85", lib=False),
             ]),
        dict(no=5, title="ワーケーション受入環境整備事業",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             period_print="2020年度～\n2022年度", period="令和2年度〜令和4年度",
             budget=11205000, department="商工労働課",
             evaluation="地方創生に効果があった", policy="事業の継続",
             opinion="利用者数は目標を達成したが、平日の稼働率が低い。企業との長期契約の獲得に注力されたい。",
             summary="旧公民館を改修したコワーキングスペースを運営するとともに、首都圏企業向けのワーケーションプログラムを造成し、誘致活動を行う。",
             kpis=[
                 dict(name="ワーケーション利用者数", unit="人", base=120,
                      t20=300, a20=185, t21=600, a21=652, rate="1.09", lib=False),
                 dict(name="コワーキングスペースの平均空室率※1", unit="％", base=45.0,
                      t20=40.0, a20=41.5, t21=35.0, a21=38.2, rate="0.92", lib=True),
             ]),
        dict(no=6, title="健康ポイントによる\n健康寿命延伸事業",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             period_print="2020年度～\n2022年度", period="令和2年度〜令和4年度",
             budget=5648000, department="健康福祉課",
             evaluation="地方創生に効果があった", policy="事業内容の見直し（改善）",
             opinion="参加者数は順調に伸びているが、健診受診率の向上に結びついていない。ポイント付与の対象を見直すべきである。",
             summary="歩数や健診受診に応じてポイントを付与する健康ポイント制度を運用し、市民の主体的な健康づくりと健康寿命の延伸を図る。",
             kpis=[
                 dict(name="健康ポイント事業参加者数", unit="人", base=1200,
                      t20=2000, a20=2310, t21=3000, a21=3051, rate="1.02", lib=False),
                 dict(name="特定健康診査受診率", unit="％", base=38.5,
                      t20=42.0, a20=36.9, t21=45.0, a21=41.3, rate="0.92", lib=False),
             ]),
    ],
}

# rows (project index, kpi index) placed on page 1; the rest go to page 2.
F1_SPLIT = 11  # first 9 KPI rows on page 1 -> project 5 is cut after its 1st KPI


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(str(pdf), pagesize=pagesize, invariant=1,
                            leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=14 * mm,
                            title="2021年度 地方創生関係交付金事業 効果検証一覧",
                            author="東雲台市", creator="東雲台市 企画政策課",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 13, align=TA_CENTER)
    st_sub = style("s", MINCHO, 8.5)
    st_h = style("h", GOTHIC, 7, 8.5, align=TA_CENTER)
    st_c = style("c", MINCHO, 7.8, 10.2)
    st_cc = style("cc", MINCHO, 7.8, 10.2, align=TA_CENTER)
    st_num = style("n", MINCHO, 7.8, 10.2, align=TA_RIGHT)
    st_note = style("note", MINCHO, 7.5, 10.5)

    # 14 columns
    widths = [8, 29, 28, 17, 21, 40, 36, 11, 15, 14, 14, 14, 14, 12]
    widths = [w * mm for w in widths]

    def header():
        h1 = ["No.", "事業名", "交付金の種類", "事業期間", "2021年度\n事業費\n（円）",
              "事業の概要", "重要業績評価指標\n（ＫＰＩ）", "単位", "現状値\n（2019\n年度）",
              "2020年度（令和2年度）", "", "2021年度（令和3年度）", "",
              "達成度\n（2021\n年度）\n※3"]
        h2 = ["", "", "", "", "", "", "", "", "", "目標値", "実績値", "目標値", "実績値", ""]
        return [[P(x, st_h) if x else "" for x in h1],
                [P(x, st_h) if x else "" for x in h2]]

    def base_style(nrows):
        cmds = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 7.8),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#D9E1F2")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        for c in list(range(0, 9)) + [13]:
            cmds.append(("SPAN", (c, 0), (c, 1)))
        cmds += [("SPAN", (9, 0), (10, 0)), ("SPAN", (11, 0), (12, 0))]
        return cmds

    # flatten KPI rows
    flat = []
    for p in F1["projects"]:
        for i, k in enumerate(p["kpis"]):
            flat.append((p, i, k))

    def body_rows(chunk, continued_first):
        rows, cmds = [], []
        r0 = 2
        i = 0
        while i < len(chunk):
            p, ki, k = chunk[i]
            # how many consecutive rows of this project in this chunk
            n = 1
            while i + n < len(chunk) and chunk[i + n][0] is p:
                n += 1
            for j in range(n):
                _, kj, kk = chunk[i + j]
                if j == 0:
                    if kj > 0:   # continuation of a project cut by the page break
                        proj_cells = [P(str(p["no"]), st_cc),
                                      P("（続き）", st_cc), "", "", "", ""]
                    else:
                        grant = p["grant_program"] + (
                            f"\n（{p['grant_type']}）" if p["grant_type"] else "")
                        proj_cells = [P(str(p["no"]), st_cc), P(p["title"], st_c),
                                      P(grant, st_c), P(p["period_print"], st_cc),
                                      P(fmt(p["budget"]), st_num), P(p["summary"], st_c)]
                else:
                    proj_cells = ["", "", "", "", "", ""]
                kname = kk["name"].replace("※1", "<super>※1</super>")
                a21 = kk["a21"]
                a21_cell = P(a21.replace("※2", "<super>※2</super>"), st_cc) \
                    if isinstance(a21, str) else P(fmt(a21), st_num)
                rows.append(proj_cells + [
                    P(kname, st_c), P(kk["unit"], st_cc), P(fmt(kk["base"]), st_num),
                    P(fmt(kk["t20"]), st_num), P(fmt(kk["a20"]), st_num),
                    P(fmt(kk["t21"]), st_num), a21_cell,
                    P(kk["rate"], st_cc)])
            if n > 1:
                for c in range(6):
                    cmds.append(("SPAN", (c, r0 + i), (c, r0 + i + n - 1)))
            i += n
        return rows, cmds

    story = []
    story.append(P("2021年度（令和3年度）地方創生関係交付金事業 効果検証一覧", st_title))
    story.append(Spacer(1, 3 * mm))
    story.append(P("東雲台市 企画政策部 企画政策課　　　　　　"
                   "（事業費は交付対象事業費の決算額、単位：円）", st_sub))
    story.append(Spacer(1, 2 * mm))

    for pg, chunk in enumerate([flat[:F1_SPLIT], flat[F1_SPLIT:]]):
        rows, cmds = body_rows(chunk, pg > 0)
        data = header() + rows
        t = Table(data, colWidths=widths, repeatRows=2)
        t.setStyle(TableStyle(base_style(len(data)) + cmds))
        if pg > 0:
            story.append(PageBreak())
            story.append(P("（前頁からの続き）", st_sub))
            story.append(Spacer(1, 2 * mm))
        story.append(t)

    story.append(Spacer(1, 4 * mm))
    for n in [
        "※1 「市外への転出超過数」、「中心市街地の空き店舗数」及び「コワーキングスペースの平均空室率」は数値が小さいほど良い指標であるため、"
        "達成度は「目標値÷実績値」により算出している。",
        "※2 2021年度の空き店舗数は、2022年7月に実施する空き店舗実態調査の結果により確定するため「集計中」としている。",
        "※3 達成度は2021年度の目標値に対する実績値の割合を示す（小数第3位を四捨五入）。1.00以上で目標達成。",
        "※4 現状値の「－」は、事業開始前に施設が存在しなかったため数値がないことを示す。",
    ]:
        story.append(P(n, st_note))

    # 別表 follows the notes on the same page
    story.append(Spacer(1, 8 * mm))
    story.append(P("（別表）外部有識者会議による事業の評価及び今後の方針", style("t2", GOTHIC, 11)))
    story.append(Spacer(1, 3 * mm))
    bw = [10, 52, 24, 50, 40, 97]
    bdata = [[P(x, st_h) for x in ["No.", "事業名", "担当課", "事業の評価",
                                   "今後の方針", "外部有識者の主な意見"]]]
    for p in F1["projects"]:
        bdata.append([P(str(p["no"]), st_cc), P(p["title"], st_c),
                      P(p["department"], st_cc), P(p["evaluation"], st_c),
                      P(p["policy"], st_c), P(p["opinion"], st_c)])
    bt = Table(bdata, colWidths=[w * mm for w in bw], repeatRows=1)
    bt.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(bt)
    story.append(Spacer(1, 3 * mm))
    story.append(P("【事業の評価の区分】 地方創生に非常に効果的であった ／ 地方創生に相当程度効果があった ／ "
                   "地方創生に効果があった ／ 地方創生に対して効果がなかった", st_note))
    story.append(P("【今後の方針の区分】 事業の継続 ／ 事業内容の見直し（改善） ／ 事業の中止 ／ 事業期間終了（自立化）", st_note))

    def footer(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawCentredString(pagesize[0] / 2, 7 * mm, f"{d.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)

    # ---------------- truth ----------------
    kpi_pages = {}
    for idx, (p, ki, k) in enumerate(flat):
        kpi_pages[(p["no"], ki)] = 1 if idx < F1_SPLIT else 2
    projects, kpis = [], []
    for p in F1["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"].replace("\n", ""),
            "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"], "budget": {"R3": p["budget"]},
            "budget_unit": "円", "budget_planned": [],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": None,
            "page": kpi_pages[(p["no"], 0)],
        })
        for ki, k in enumerate(p["kpis"]):
            name = k["name"].replace("※1", "").replace("\n", "")
            for fy, t, a, r in (("R2", k["t20"], k["a20"], None),
                                ("R3", k["t21"], k["a21"],
                                 None if k["rate"] == "－" else round(float(k["rate"]) * 100, 1))):
                kpis.append({
                    "project_no": p["no"], "name": name, "unit": k["unit"],
                    "baseline": k["base"], "fiscal_year": fy, "target_date": None,
                    "target": t, "actual": None if isinstance(a, str) else a,
                    "rate": r, "lower_is_better": k["lib"],
                    "page": kpi_pages[(p["no"], ki)],
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": "R3",
                   "layout": "year_column_summary_table_with_separate_evaluation_sheet",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: みどり川町 — two-column project cards, KPI years as rows
# ===========================================================================

F2 = {
    "stem": "midorikawa_r3_cards",
    "city": "みどり川町",
    "projects": [
        dict(no=1, title="移住定住ポータル構築・移住相談体制強化事業",
             department="企画政策課", period="平成30年度〜令和4年度",
             period_print="平成30年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             budget=[("H30", "H30", 4500), ("R1", "R元", 5200), ("R2", "R2", 4800),
                     ("R3", "R3", 5150), ("R4", "R4\n（予定）", 5000)],
             planned=["R4"],
             summary="首都圏在住の若年層をターゲットに、移住定住ポータルサイト「みどり川で暮らす」を構築するとともに、専任の移住コーディネーターを配置し、オンラインと対面の両面から移住相談体制を強化する。",
             kpis=[
                 dict(mark="①", name="移住相談窓口・ポータルサイトへの移住相談件数", unit="件",
                      base=24, base_year="H29",
                      rows=[("R2", 60, 71, "118％"), ("R3", 80, 77, "96％")], lib=False),
                 dict(mark="②", name="町の支援制度を利用した移住者数", unit="人",
                      base=3, base_year="H29",
                      rows=[("R2", 10, 8, "80％"), ("R3", 15, 12, "80％")], lib=False),
             ],
             outcome="オンライン移住相談の通年実施と首都圏での移住フェア出展（年4回）により、相談件数は基準値の約3倍となった。一方、相談から実際の移住に結びつく割合は伸び悩んでいる。",
             evaluation="地方創生に相当程度効果があった",
             policy="事業内容の見直し（改善）"),
        dict(no=2, title="デマンド交通を核とした地域公共交通再編事業",
             department="まちづくり交通課", period="令和2年度〜令和4年度",
             period_print="令和2年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             budget=[("R2", "R2", 12340), ("R3", "R3", 15600), ("R4", "R4\n（予定）", 9800)],
             planned=["R4"],
             summary="路線バスの廃止により生じた交通空白地域を解消するため、ＡＩ配車システムを活用したデマンドバスを導入し、町内の公共交通網を再編する。",
             kpis=[
                 dict(mark="①", name="デマンドバス年間利用者数", unit="人/年",
                      base=8200, base_year="R元",
                      rows=[("R2", 10000, 9430, "94％"), ("R3", 12000, 12600, "105％")], lib=False),
                 dict(mark="②", name="公共交通空白地域に居住する住民数※1", unit="人",
                      base=1850, base_year="R元",
                      rows=[("R2", 1600, 1720, "93％"), ("R3", 1300, 1250, "104％")], lib=True),
             ],
             outcome="AIによる配車システムを導入し、予約から乗車までの待ち時間を平均25分から12分に短縮した。運行区域を町北部の山間集落まで拡大し、交通空白地域の縮小が進んだ。",
             evaluation="地方創生に非常に効果的であった",
             policy="事業の継続"),
        dict(no=3, title="森林資源を活用した林業人材育成事業",
             department="農林振興課", period="令和元年度〜令和3年度",
             period_print="令和元年度～令和3年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             budget=[("R1", "R元", 3200), ("R2", "R2", 4150), ("R3", "R3", 3980)],
             planned=[],
             summary="町面積の8割を占める森林資源を活用するため、林業アカデミーによる担い手育成と、木質バイオマス燃料の地域内供給体制の構築を一体的に進める。",
             kpis=[
                 dict(mark="①", name="林業への新規就業者数（累計ではなく各年度）", unit="人",
                      base=2, base_year="H30",
                      rows=[("R2", 4, 4, "100％"), ("R3", 6, 7, "117％")], lib=False),
                 dict(mark="②", name="町内施設における木質バイオマス燃料利用量", unit="t",
                      base=1200, base_year="H30",
                      rows=[("R2", 1500, 1380, "92％"), ("R3", 1800, None, "－")], lib=False),
             ],
             outcome="林業アカデミーを開講し、2年間で11名が修了、うち7名が町内の林業事業体に就業した。木質バイオマスボイラーを町営温泉施設に導入した。",
             evaluation="地方創生に効果があった",
             policy="事業期間終了（町単独事業として継続）"),
        dict(no=4, title="ふるさと納税を活用した特産品ブランド化推進事業",
             department="産業振興課", period="令和3年度〜令和5年度",
             period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             budget=[("R3", "R3", 6240), ("R4", "R4\n（予定）", 7000), ("R5", "R5\n（予定）", 7000)],
             planned=["R4", "R5"],
             summary="町内事業者によるブランド推進協議会を設立し、特産品の認証制度の創設、パッケージ改良及びふるさと納税返礼品としての販路拡大に取り組む。",
             kpis=[
                 dict(mark="①", name="「みどり川ブランド」認証品目数", unit="品目",
                      base=0, base_year="R2",
                      rows=[("R3", 5, 6, "120％")], lib=False),
                 dict(mark="②", name="特産品の町外向け販売額", unit="百万円",
                      base=38, base_year="R2",
                      rows=[("R3", 45, 47.5, "106％")], lib=False),
             ],
             outcome="町内事業者12者が参加するブランド推進協議会を設立し、6品目を「みどり川ブランド」に認証した。ふるさと納税返礼品への採用により町外向け販売額が増加した。",
             evaluation="地方創生に相当程度効果があった",
             policy="事業の継続"),
    ],
}


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 12 * mm
    gap = 6 * mm
    top = 24 * mm
    bottom = 16 * mm
    colw = (W - lm - rm - gap) / 2
    frames = [Frame(lm, bottom, colw, H - top - bottom, id="L",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
              Frame(lm + colw + gap, bottom, colw, H - top - bottom, id="R",
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)]

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 12)
        canvas.drawString(lm, H - 14 * mm, "令和3年度 地方創生推進交付金事業 実施報告書")
        canvas.setFont(MINCHO, 9)
        canvas.drawRightString(W - rm, H - 14 * mm, "みどり川町")
        canvas.setLineWidth(1.2)
        canvas.line(lm, H - 17 * mm, W - rm, H - 17 * mm)
        canvas.setLineWidth(0.4)
        canvas.line(lm + colw + gap / 2, bottom, lm + colw + gap / 2, H - top + 2 * mm)
        canvas.setFont(MINCHO, 8)
        canvas.drawCentredString(W / 2, 8 * mm, f"－ {d.page} －")
        canvas.restoreState()

    doc = BaseDocTemplate(str(pdf), pagesize=A4, invariant=1,
                          leftMargin=lm, rightMargin=rm, topMargin=top, bottomMargin=bottom,
                          title="令和3年度 地方創生推進交付金事業 実施報告書",
                          author="みどり川町", creator="みどり川町 企画政策課")
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=on_page)])

    st_head = style("hd", GOTHIC, 10.5, 14)
    st_lab = style("lab", GOTHIC, 7.8, 10, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.2, 10.5)
    st_cc = style("cc", MINCHO, 8.2, 10.5, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.2, 10.5, align=TA_RIGHT)
    st_k = style("k", GOTHIC, 8.2, 10.5)
    st_sec = style("sec", GOTHIC, 8.6, 11.5)
    st_body = style("b", MINCHO, 8.2, 11.5, firstLineIndent=8.2)
    st_note = style("nt", MINCHO, 7.6, 10.2)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.2),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2)]
    shade = colors.HexColor("#E7E6E6")

    story = []
    for p in F2["projects"]:
        story.append(P(f"■事業No.{p['no']}　{p['title']}", st_head))
        story.append(Spacer(1, 1.5 * mm))
        info = Table([
            [P("担当課", st_lab), P(p["department"], st_c)],
            [P("事業期間", st_lab), P(p["period_print"], st_c)],
            [P("交付金", st_lab), P(f"{p['grant_program']}（{p['grant_type']}）", st_c)],
        ], colWidths=[18 * mm, colw - 18 * mm])
        info.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade)]))
        story.append(info)
        story.append(Spacer(1, 2 * mm))

        story.append(P("（１）事業の概要", st_sec))
        story.append(P(p["summary"], st_body))
        story.append(Spacer(1, 1.5 * mm))
        story.append(P("（２）事業費の推移　　　　　　　　　　　　（単位：千円）", st_sec))
        n = len(p["budget"])
        bw = [18 * mm] + [(colw - 18 * mm) / n] * n
        brow1 = [P("年度", st_lab)] + [P(lbl, st_lab) for _, lbl, _ in p["budget"]]
        brow2 = [P("事業費", st_lab)] + [P(fmt(v), st_num) for _, _, v in p["budget"]]
        bt = Table([brow1, brow2], colWidths=bw)
        bt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                       ("BACKGROUND", (0, 0), (0, -1), shade)]))
        story.append(bt)
        story.append(Spacer(1, 2 * mm))

        story.append(P("（３）重要業績評価指標（ＫＰＩ）", st_sec))
        story.append(Spacer(1, 1 * mm))
        for k in p["kpis"]:
            kname = k["name"].replace("※1", "<super>※1</super>")
            kw = [16 * mm, (colw - 16 * mm) * 0.3, (colw - 16 * mm) * 0.3, (colw - 16 * mm) * 0.4]
            rows = [
                [P(f"ＫＰＩ{k['mark']}　{kname}（{k['unit']}）", st_k), "", "", ""],
                [P("基準値", st_lab), P(f"{fmt(k['base'])}（{k['base_year']}）", st_cc), "", ""],
                [P("年度", st_lab), P("目標値", st_lab), P("実績値", st_lab), P("達成率", st_lab)],
            ]
            for fy, t, a, r in k["rows"]:
                rows.append([P(fy, st_cc), P(fmt(t), st_num),
                             P(fmt(a) if a is not None else "－", st_num if a is not None else st_cc),
                             P(r, st_cc)])
            kt = Table(rows, colWidths=kw, repeatRows=3)
            kt.setStyle(TableStyle(grid + [
                ("SPAN", (0, 0), (-1, 0)), ("SPAN", (1, 1), (-1, 1)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#FFF2CC")),
                ("BACKGROUND", (0, 1), (0, 1), shade),
                ("BACKGROUND", (0, 2), (-1, 2), shade),
            ]))
            story.append(kt)
            story.append(Spacer(1, 1.5 * mm))
        story.append(Spacer(1, 0.5 * mm))
        story.append(P("（４）事業の成果", st_sec))
        story.append(P(p["outcome"], st_body))
        story.append(Spacer(1, 1.5 * mm))
        ev = Table([[P("事業の評価", st_lab), P(p["evaluation"], st_c)],
                    [P("今後の方針", st_lab), P(p["policy"], st_c)]],
                   colWidths=[18 * mm, colw - 18 * mm])
        ev.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade)]))
        story.append(ev)
        story.append(Spacer(1, 7 * mm))

    story.append(P("【注記】", st_sec))
    for n in [
        "※1 事業No.2のＫＰＩ②は減少を目指す指標であるため、達成率は「目標値÷実績値」で算出している。",
        "※2 事業No.3のＫＰＩ②の令和3年度実績値は、令和4年9月に集計結果を公表予定のため「－」としている。",
        "※3 達成率は小数点以下を四捨五入している。R元は令和元年度を示す。",
        "※4 事業費は交付対象事業費（令和3年度までは決算額、令和4年度以降は計画額）である。",
    ]:
        story.append(P(n, st_note))

    doc.build(story)

    projects, kpis = [], []
    for p in F2["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: v for fy, _, v in p["budget"]}, "budget_unit": "千円",
            "budget_planned": p["planned"], "evaluation": p["evaluation"],
            "policy": p["policy"], "outcome": p["outcome"], "page": None,
        })
        for k in p["kpis"]:
            for fy, t, a, r in k["rows"]:
                kpis.append({
                    "project_no": p["no"], "name": k["name"].replace("※1", ""),
                    "unit": k["unit"], "baseline": k["base"], "fiscal_year": fy,
                    "target_date": None, "target": t, "actual": a,
                    "rate": None if r == "－" else float(r.rstrip("％")),
                    "lower_is_better": k["lib"], "page": None,
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": "R3",
                   "layout": "two_column_project_cards_kpi_years_as_rows", "pages": None},
        "projects": projects, "kpis": kpis,
    }


# Pages verified by eye on the rendered PNGs (see README); asserted below
# against the extracted text so a layout drift fails loudly.
# Project 4's card starts at the foot of page 1's right column (heading and
# the 担当課 row) and continues on page 2, so its page is 1 but its KPIs are
# on page 2.  Project 2's KPI① grid is split between the two columns of
# page 1 (header rows repeated).
F2_PAGES = {"projects": {1: 1, 2: 1, 3: 1, 4: 1},
            # project_no -> page of all its KPI rows
            "kpis": {1: 1, 2: 1, 3: 1, 4: 2}}


def main(argv):
    outdir = HERE
    results = []
    pdf1, truth1 = build_f1(outdir)
    pdf2, truth2 = build_f2(outdir)
    for pdf, truth in ((pdf1, truth1), (pdf2, truth2)):
        text = extract_checked(pdf)
        pages = write_txt(outdir, pdf, text, truth)
        results.append((pdf, truth, pages))

    # fixture 2 pages: hard-coded (checked visually), then asserted.
    for pr in truth2["projects"]:
        pr["page"] = F2_PAGES["projects"][pr["no"]]
    for k in truth2["kpis"]:
        k["page"] = F2_PAGES["kpis"][k["project_no"]]

    # sanity: every title / KPI name is on the page the truth claims
    for pdf, truth, pages in results:
        for pr in truth["projects"]:
            assert pr["page"] in page_of(pages, pr["title"]), (pdf.name, pr["title"])
        for k in truth["kpis"]:
            assert k["page"] in page_of(pages, k["name"]), (pdf.name, k["name"], k["page"],
                                                            page_of(pages, k["name"]))
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        # Preview PNGs go to /tmp, not next to the fixtures.  NB: the CID
        # fonts are not embedded; pdfium draws no Japanese glyphs unless a
        # CJK font is installed where it looks (/usr/share/fonts ...).
        # `pdftoppm` with IPA fonts visible to fontconfig renders them fully.
        pdfium_previews([pdf for pdf, *_ in results], 1.5, "/tmp/{stem}.p{page}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
