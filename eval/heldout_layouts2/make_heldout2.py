"""Generate a second pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only eval/heldout_layouts/ was consulted, for the technique and the
truth schema.  Deterministic: reportlab documents are built with invariant=1.

    .venv/bin/python eval/heldout_layouts2/make_heldout2.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts2/make_heldout2.py --png    # plus page PNGs in /tmp

Fixtures
--------
hibarino_r4_projectcards
    ひばり野町 (fictional), FY R4.  Portrait A4 "効果検証シート": one card per
    project, a card starting on a fresh page when less than about half a
    page is left.  Card = a shaded bar 【事業番号 N】 | 事業名：…, an info grid
    (所管課 / 実施期間 / 交付金の名称), ◇事業の概要 (distractor), a budget table
    with fiscal years as ROWS (年度 | 事業費 | うち交付金 | 備考, with a 合計 row
    on some cards and one card in 円), a KPI table with one row per KPI
    (指標名 | 単位 | 基準値 | 目標値（R4） | 実績値（R4） | 達成状況), the rate
    printed as "113.3%" on some cards and as a ratio "1.04" on others, ※
    footnotes (lower-is-better, missing actual), ◇令和4年度の取組実績 (outcome)
    and an 評価 grid with a letter grade (legend on page 1) and 今後の方針.

hamasaki_r3_wordreport
    浜咲市 (fictional), FY R3.  A Word-style narrative report: numbered
    headings (1. / 2. / 3. → (1) … (5) → ① … ⑤), a summary table of the five
    projects on page 1, and per project prose paragraphs, a budget sentence
    (「令和3年度事業費 32,480千円（うち交付金 16,240千円）」), department and
    period either in a small ruled box, in a sentence, or on one line, KPIs as
    bullet lines (two bullet styles) or small ruled tables (two shapes), and
    the evaluation / policy stated in a sentence or on a line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
from heldout_gen import (GOTHIC, MINCHO, P, extract_checked, extract_text, fmt, norm, page_of,  # noqa: E402
                         pdftoppm_previews, style, write_truth, write_txt)


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def computed_rate(k):
    """Achievement ratio: 実績/目標, or 目標/実績 for lower-is-better KPIs."""
    t, a = k["t"], k["a"]
    return (t / a) if k["lib"] else (a / t)


def rate_from_print(s):
    """Printed 達成率 → percent float (truth convention)."""
    if s is None:
        return None
    s = s.strip()
    if s.endswith("%") or s.endswith("％"):
        return float(s[:-1])
    return round(float(s) * 100, 1)


# ===========================================================================
# Fixture 1: ひばり野町 — project cards, budget years as rows (FY R4)
# ===========================================================================

GRADES = [("A", "地方創生に非常に効果的であった"), ("B", "地方創生に相当程度効果があった"),
          ("C", "地方創生に効果があった"), ("D", "地方創生に対して効果がなかった")]
POLICIES = [("拡充", "事業内容を拡充して実施する"), ("継続", "現行の内容で継続する"),
            ("見直し", "事業内容を見直して実施する"), ("終了", "交付金事業としては終了する")]

# rate_fmt: "pct" prints 113.3% plus （達成）/（未達成）; "ratio" prints 1.04.
# budget rows: (key, printed label, 事業費, うち交付金, 備考, planned)
F1 = {
    "stem": "hibarino_r4_projectcards",
    "city": "ひばり野町",
    "projects": [
        dict(no=1,
             title="地域おこし協力隊と連携した空き家バンク活用による移住・定住促進事業",
             department="企画課", period="令和3年度〜令和5年度",
             period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             summary="町内に約280戸ある空き家の流通を促進するため、地域おこし協力隊員を空き家相談員として配置し、所有者への働きかけと物件の掘り起こしを行う。あわせて、移住希望者への相談対応、改修費補助及びお試し住宅の運営を一体的に実施する。",
             unit="千円", total_row=True,
             budget=[("R3", "令和3年度", 8420, 4210, "決算額", False),
                     ("R4", "令和4年度", 9135, 4567, "決算額", False),
                     ("R5", "令和5年度（計画）", 9000, 4500, "当初予算額", True)],
             rate_fmt="pct",
             kpis=[
                 dict(name="空き家バンク登録物件数", unit="件", base=18, base_year="R2",
                      t=30, a=34, lib=False),
                 dict(name="空き家バンクを通じた移住世帯数", unit="世帯", base=4, base_year="R2",
                      t=10, a=8, lib=False),
                 dict(name="移住相談件数（窓口・オンライン）", unit="件", base=56, base_year="R2",
                      t=90, a=97, lib=False),
             ],
             notes=[],
             outcome="令和4年5月から地域おこし協力隊員2名を空き家相談員として配置し、町内全11地区で空き家所有者への意向調査（回答312件）を実施した。新たに16件の物件をバンクに登録したほか、東京及び大阪で開催された移住フェアに計4回出展し、オンライン移住相談を通年で実施した。空き家改修費補助は6件に交付した。",
             grade="B", policy="見直し",
             reason="登録物件数及び相談件数は目標を上回ったが、成約後の移住世帯数が目標に届かなかった。物件の見学から契約までの伴走支援を強化する。"),
        dict(no=2,
             title="ひばり野温泉郷を核とした滞在型観光推進事業",
             department="商工観光課", period="令和4年度〜令和6年度",
             period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             summary="日帰り客が中心となっている温泉郷の滞在時間を延ばすため、旅館・飲食店等で構成する協議会を設立し、農業体験や星空観察などの体験型観光プログラムの造成と、首都圏向けの誘客プロモーションを行う。",
             unit="千円", total_row=False,
             budget=[("R4", "令和4年度", 14860, 7430, "決算額", False),
                     ("R5", "令和5年度（計画）", 15200, 7600, "当初予算額", True),
                     ("R6", "令和6年度（計画）", 12000, 6000, "計画額", True)],
             rate_fmt="pct",
             kpis=[
                 dict(name="温泉郷の年間宿泊者数", unit="人泊", base=41200, base_year="R3",
                      t=45000, a=47815, lib=False),
                 dict(name="観光消費額※2", unit="百万円", base=812, base_year="R3",
                      t=900, a=None, lib=False, a_print="－※2"),
                 dict(name="体験型観光プログラム参加者数", unit="人", base=0, base_year="R3",
                      t=1500, a=1238, lib=False),
             ],
             notes=["※2 観光消費額は、県の観光入込客統計（令和5年9月公表予定）を基に算出するため、現時点では「－」としている。"],
             outcome="令和4年7月に温泉郷の旅館・飲食店14事業者による「ひばり野温泉郷滞在推進協議会」を設立し、農業体験や星空観察など体験型プログラム12種を造成した。10月から11月にかけて首都圏の旅行会社3社を招いたモニターツアーを計5回実施し、96名が参加した。令和5年1月には多言語対応の予約サイトを開設した。",
             grade="B", policy="継続",
             reason="宿泊者数は目標を達成した。体験プログラムは造成初年度で認知度が低く、参加者数は目標を下回った。"),
        dict(no=3,
             title="スマート農業技術の導入による担い手確保・耕作放棄地解消事業",
             department="農林課", period="令和2年度〜令和4年度",
             period_print="令和2年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             summary="高齢化による担い手不足と耕作放棄地の拡大に対応するため、直進アシスト付きトラクターや農薬散布用ドローン等のスマート農業機器の実証と共同利用体制の構築を進め、新規就農者の確保につなげる。",
             unit="千円", total_row=True,
             budget=[("R2", "令和2年度", 6300, 3150, "決算額", False),
                     ("R3", "令和3年度", 7480, 3740, "決算額", False),
                     ("R4", "令和4年度", 5920, 2960, "決算額", False)],
             rate_fmt="ratio",
             kpis=[
                 dict(name="新規就農者数（年間）", unit="人", base=2, base_year="R元",
                      t=5, a=6, lib=False),
                 dict(name="耕作放棄地面積※1", unit="ha", base=42.6, base_year="R元",
                      t=38.0, a=36.5, lib=True),
                 dict(name="スマート農業機器を導入した経営体数", unit="経営体", base=3, base_year="R元",
                      t=15, a=13, lib=False),
             ],
             notes=["※1 耕作放棄地面積は減少を目指す指標のため、達成状況は「目標値÷実績値」により算出している。"],
             outcome="町内3地区（東原・中之沢・西山）の計28haでスマート農業機器の実証を行い、延べ41経営体が操作研修に参加した。令和4年8月に機器の共同利用組合を設立し、年間の貸出件数は186件となった。新規就農者6名に対しては、機器利用料の2分の1を補助した。",
             grade="A", policy="終了", keep_whole=False,
             reason="全ての指標で概ね目標を達成した。令和5年度以降は共同利用組合による自主運営に移行する。"),
        dict(no=4,
             title="旧ひばり野中学校校舎を活用したサテライトオフィス・交流拠点整備事業",
             department="企画課", period="令和4年度〜令和5年度",
             period_print="令和4年度～令和5年度",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             summary="平成31年3月に閉校した旧ひばり野中学校の校舎を改修し、都市部企業のサテライトオフィスと町民の交流拠点を一体的に整備する。企業誘致による雇用創出と、町民と移住者の交流促進を図る。",
             unit="円", total_row=True,
             budget=[("R4", "R4", 86350000, 43175000, "決算額", False),
                     ("R5", "R5", 2400000, 1200000, "計画額（備品）", True)],
             rate_fmt="ratio",
             kpis=[
                 dict(name="サテライトオフィス入居企業数", unit="社", base=0, base_year=None,
                      t=3, a=2, lib=False),
                 dict(name="交流拠点の年間利用者数", unit="人", base=None, base_year=None,
                      t=4000, a=4571, lib=False),
             ],
             notes=["基準値の「－」は、事業開始前に施設が存在しなかったため数値がないことを示す。"],
             outcome="令和4年6月から9月にかけて、旧校舎2階の普通教室4室をオフィス区画（計6区画）に、1階をコワーキングスペース及び交流ホールに改修し、10月1日に「ひばり野ベース」として開所した。開所後、首都圏のIT企業2社が入居したほか、町民向けのプログラミング教室やマルシェ等のイベントを計23回開催した。",
             grade="B", policy="継続",
             reason="交流拠点の利用は好調である。入居企業数は目標に届いていないため、首都圏での誘致活動を継続する。"),
        dict(no=5,
             title="子育て世代包括支援とデジタル母子手帳の導入による子育て環境充実事業",
             department="健康福祉課", period="令和4年度〜令和5年度",
             period_print="令和4年度～令和5年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             summary="妊娠期から子育て期までの切れ目ない支援を行うため、母子手帳アプリを導入して健診・予防接種の通知やオンライン予約を可能にするとともに、子育て世代包括支援センターの相談体制を強化する。",
             unit="千円", total_row=False,
             budget=[("R4", "R4", 4180, 2090, "決算額", False),
                     ("R5", "R5", 1650, 825, "計画額", True)],
             rate_fmt="pct",
             kpis=[
                 dict(name="母子手帳アプリ登録者数", unit="人", base=0, base_year="R3",
                      t=300, a=352, lib=False),
                 dict(name="乳幼児健診の平均待ち時間※1", unit="分", base=48, base_year="R3",
                      t=30, a=27, lib=True),
                 dict(name="子育て支援に満足している保護者の割合※2", unit="％", base=62.5, base_year="R3",
                      t=70.0, a=None, lib=False, a_print=""),
             ],
             notes=["※1 平均待ち時間は短縮を目指す指標のため、達成率は「目標値÷実績値」で算出している。",
                    "※2 満足度は令和5年度に実施する町民意識調査により把握するため、実績値は空欄としている。"],
             outcome="令和4年8月に母子手帳アプリ「ひばりっこ手帳」の運用を開始し、健診・予防接種の通知とオンライン予約の機能を提供した。保健センターで実施する乳幼児健診（年24回）に予約制を導入したほか、子育て支援センターで出張相談会を6回開催し、延べ214組の親子が参加した。",
             grade="A", policy="拡充",
             reason="アプリ登録者数は目標を上回り、健診の待ち時間も大幅に短縮した。令和5年度は予防接種の電子予診票に対応する。"),
    ],
}


def f1_rate_print(p, k):
    if k["a"] is None:
        return None
    r = computed_rate(k)
    if p["rate_fmt"] == "pct":
        return f"{r * 100:.1f}%"
    return f"{r:.2f}"


def build_f1(outdir: Path, total_pages=None):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 15 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=20 * mm, bottomMargin=18 * mm,
                            title="令和4年度 地方創生関係交付金事業 効果検証シート",
                            author="ひばり野町", creator="ひばり野町 企画課",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 13.5, 18, align=TA_CENTER)
    st_body = style("b", MINCHO, 8.8, 13, firstLineIndent=8.8)
    st_leg = style("leg", MINCHO, 8.2, 11.5)
    st_sec = style("sec", GOTHIC, 9.2, 13, spaceBefore=4, spaceAfter=2)
    st_no = style("no", GOTHIC, 10, 13, align=TA_CENTER)
    st_name = style("nm", GOTHIC, 12, 15)
    st_lab = style("lab", GOTHIC, 8.2, 10.5, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.4, 11)
    st_cc = style("cc", MINCHO, 8.4, 11, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11, align=TA_RIGHT)
    st_grade = style("g", GOTHIC, 14, 16, align=TA_CENTER)
    st_note = style("nt", MINCHO, 7.6, 10.2)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    shade = colors.HexColor("#DDEBF7")
    bar = colors.HexColor("#1F4E79")

    story = []
    story.append(P("令和4年度 地方創生関係交付金事業の実施状況及び効果検証について", st_title))
    story.append(Spacer(1, 3 * mm))
    story.append(P("本町では、第2期ひばり野町まち・ひと・しごと創生総合戦略に基づき、地方創生関係交付金を活用した事業を実施している。"
                   "各事業の令和4年度の実施状況と重要業績評価指標（KPI）の実績について、所管課による自己評価を行い、"
                   "令和5年8月3日に開催したひばり野町総合戦略推進委員会において外部委員の意見を聴取した。結果は次のとおりである。", st_body))
    story.append(Spacer(1, 2 * mm))
    leg = Table([
        [P("評価区分", st_lab), P("　".join(f"{g}：{t}" for g, t in GRADES[:2]), st_leg)],
        ["", P("　".join(f"{g}：{t}" for g, t in GRADES[2:]), st_leg)],
        [P("今後の方針", st_lab), P("　".join(f"{g}：{t}" for g, t in POLICIES[:2]), st_leg)],
        ["", P("　".join(f"{g}：{t}" for g, t in POLICIES[2:]), st_leg)],
    ], colWidths=[24 * mm, CW - 24 * mm])
    leg.setStyle(TableStyle(grid + [("SPAN", (0, 0), (0, 1)), ("SPAN", (0, 2), (0, 3)),
                                    ("BACKGROUND", (0, 0), (0, -1), shade),
                                    ("ALIGN", (1, 0), (1, -1), "LEFT")]))
    story.append(leg)
    story.append(P("※ 達成状況は、目標値に対する実績値の割合（達成率）を示す。様式は所管課ごとに作成しているため、"
                   "百分率（%）又は比率（1.00で達成）のいずれかで表示している。", st_note))
    story.append(Spacer(1, 3 * mm))

    for i, p in enumerate(F1["projects"]):
        # Cards are kept whole (moved to the next page when they do not fit),
        # except project 3's, which the author let flow: it starts under
        # card 2 and its KPI block moves to the next page.
        card_story, story = story, []
        head = Table([[P(f"【事業番号 {p['no']}】", style(f"no{i}", GOTHIC, 10, 13, align=TA_CENTER,
                                                        textColor=colors.white)),
                       P(f"事業名：{p['title']}", st_name)]],
                     colWidths=[32 * mm, CW - 32 * mm])
        head.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("BACKGROUND", (0, 0), (0, 0), bar),
            ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#F2F2F2")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        grant = p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")
        info = Table([
            [P("所管課", st_lab), P(p["department"], st_c), P("実施期間", st_lab),
             P(p["period_print"], st_c)],
            [P("交付金の名称", st_lab), P(grant, st_c), "", ""],
        ], colWidths=[24 * mm, 56 * mm, 24 * mm, CW - 104 * mm])
        info.setStyle(TableStyle(grid + [("SPAN", (1, 1), (-1, 1)),
                                         ("BACKGROUND", (0, 0), (0, -1), shade),
                                         ("BACKGROUND", (2, 0), (2, 0), shade)]))
        story += [head, info]
        head_end = len(story)

        story.append(P("◇事業の概要", st_sec))
        story.append(P(p["summary"], st_body))

        u = p["unit"]
        story.append(P("◇事業費の状況", st_sec))
        brows = [[P("年度", st_lab), P(f"事業費（{u}）", st_lab), P(f"うち交付金（{u}）", st_lab),
                  P("備考", st_lab)]]
        for _, lbl, cost, grantv, note, _ in p["budget"]:
            brows.append([P(lbl, st_cc), P(fmt(cost), st_num), P(fmt(grantv), st_num), P(note, st_cc)])
        if p["total_row"]:
            brows.append([P("合計", st_lab), P(fmt(sum(b[2] for b in p["budget"])), st_num),
                          P(fmt(sum(b[3] for b in p["budget"])), st_num), ""])
        bt = Table(brows, colWidths=[40 * mm, 38 * mm, 38 * mm, 40 * mm], hAlign="LEFT")
        bcmds = grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]
        if p["total_row"]:
            bcmds.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F2F2F2")))
        bt.setStyle(TableStyle(bcmds))
        story.append(bt)

        kpi_start = len(story)
        story.append(P("◇重要業績評価指標（KPI）", st_sec))
        ystr = "（R4）" if p["rate_fmt"] == "pct" else "（令和4年度）"
        krows = [[P(x, st_lab) for x in ["指標名", "単位", "基準値", f"目標値\n{ystr}",
                                         f"実績値\n{ystr}", "達成状況"]]]
        for k in p["kpis"]:
            kname = k["name"].replace("※1", "<super>※1</super>").replace("※2", "<super>※2</super>")
            base = fmt(k["base"]) + (f"\n（{k['base_year']}）" if k["base_year"] else "")
            if k["a"] is None:
                a_cell = P(k["a_print"], st_cc) if k["a_print"] else ""
                r_cell = P("－", st_cc)
            else:
                a_cell = P(fmt(k["a"]), st_num)
                r = f1_rate_print(p, k)
                if p["rate_fmt"] == "pct":
                    r += "\n（達成）" if computed_rate(k) >= 1 else "\n（未達成）"
                r_cell = P(r, st_cc)
            krows.append([P(kname, st_c), P(k["unit"], st_cc), P(base, st_num),
                          P(fmt(k["t"]), st_num), a_cell, r_cell])
        kt = Table(krows, colWidths=[62 * mm, 17 * mm, 25 * mm, 25 * mm, 25 * mm, CW - 154 * mm],
                   repeatRows=1)
        kt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
        story.append(kt)
        for n in p["notes"]:
            story.append(P(n, st_note))
        kpi_end = len(story)

        story.append(P("◇令和4年度の取組実績", st_sec))
        story.append(P(p["outcome"], st_body))

        story.append(P("◇評価", st_sec))
        ev = Table([
            [P("評価", st_lab), P(p["grade"], st_grade), P("今後の方針", st_lab), P(p["policy"], st_cc)],
            [P("評価の理由", st_lab), P(p["reason"], st_c), "", ""],
        ], colWidths=[24 * mm, 30 * mm, 26 * mm, CW - 80 * mm])
        ev.setStyle(TableStyle(grid + [("SPAN", (1, 1), (-1, 1)),
                                       ("BACKGROUND", (0, 0), (0, -1), shade),
                                       ("BACKGROUND", (2, 0), (2, 0), shade)]))
        story.append(ev)
        story.append(Spacer(1, 8 * mm))
        # (KeepTogether must not be nested: an inner one wraps to a huge height.)
        if p.get("keep_whole", True):
            card_story.append(KeepTogether(story))
        else:
            card_story.extend([KeepTogether(story[:head_end])] + story[head_end:kpi_start]
                              + [KeepTogether(story[kpi_start:kpi_end])] + story[kpi_end:])
        story = card_story

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawString(lm, H - 12 * mm, "令和4年度 地方創生関係交付金事業 効果検証シート")
        canvas.drawRightString(W - rm, H - 12 * mm, "ひばり野町 企画課")
        canvas.setLineWidth(0.6)
        canvas.line(lm, H - 13.5 * mm, W - rm, H - 13.5 * mm)
        canvas.line(lm, 13 * mm, W - rm, 13 * mm)
        canvas.setFont(MINCHO, 8.5)
        tot = total_pages if total_pages else "?"
        canvas.drawCentredString(W / 2, 8.5 * mm, f"{d.page} / {tot}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    if total_pages is None:
        return build_f1(outdir, total_pages=len(extract_text(pdf).split("\f")))

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in F1["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {key: cost for key, _, cost, _, _, _ in p["budget"]},
            "budget_unit": p["unit"],
            "budget_planned": [key for key, *_, planned in p["budget"] if planned],
            "evaluation": p["grade"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"].replace("※1", "").replace("※2", ""),
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R4",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f1_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": "R4",
                   "layout": "project_cards_budget_years_as_rows_kpi_one_row_per_indicator",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 浜咲市 — Word-style narrative report (FY R3)
# ===========================================================================

# info: "box" (ruled 2-col box), "sentence" (in the 概要 paragraph), "line"
# (担当課：…　事業期間：… on one line).  kpi_style: "arrow" bullets
# (・名称：目標 X → 実績 Y（達成率 Z%）), "slash" bullets (・名称　目標：X／実績：Y／
# 達成率：Z%), "table_unitcol" (ruled table with a 単位 column and a 基準値
# column), "table_unitcell" (ruled table, units written in the cells).
# budget: list of (key, value, planned); the sentence is written per project.
F2 = {
    "stem": "hamasaki_r3_wordreport",
    "city": "浜咲市",
    "projects": [
        dict(no=1,
             title="浜咲港みなとまち賑わい創出・観光交流推進事業",
             department="観光交流課", period="令和元年度〜令和3年度",
             period_print="令和元年度～令和3年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             info="box",
             summary="浜咲港周辺の賑わいを創出するため、港湾緑地に観光交流施設「みなと交流館」を開設し、地元漁協と連携した朝市や大型客船の寄港に合わせたおもてなしイベントを実施するとともに、港を起点とした周遊観光の商品化を進める。",
             budget_unit="千円", budget=[("R3", 32480, False)],
             budget_sentence="令和3年度事業費 32,480千円（うち交付金 16,240千円）",
             kpi_style="arrow",
             kpis=[
                 dict(name="浜咲港周辺の観光入込客数", unit="千人", base=612, base_year="H30",
                      t=650, a=488, lib=False),
                 dict(name="みなと交流館の来館者数", unit="人", base=None, base_year=None,
                      t=120000, a=98412, lib=False),
                 dict(name="観光消費額", unit="億円", base=None, base_year=None,
                      t=38.5, a=None, lib=False,
                      missing="未確定（令和4年10月公表予定の観光動態調査により確定）"),
             ],
             outcome="令和3年4月に港湾緑地に「みなと交流館」を開館し、地元漁協と連携した朝市を毎月第2・第4日曜日に計22回開催した。新型コロナウイルス感染症の影響により、予定していた大型客船の寄港3回はすべて中止となったが、代替としてオンラインツアーを6回実施し、延べ1,120人が参加した。",
             eval_style="sentence",
             evaluation="地方創生に効果があった",
             policy="事業期間終了（観光協会による自主事業へ移行）"),
        dict(no=2,
             title="子育て世代に選ばれるまちづくり推進事業",
             department="こども未来課", period="令和2年度〜令和4年度",
             period_print=None,
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             info="sentence",
             summary=None,  # written with the department / period sentence below
             budget_unit="千円",
             budget=[("R2", 18600, False), ("R3", 21340, False), ("R4", 15000, True)],
             budget_sentence=None,
             kpi_style="arrow",
             kpis=[
                 dict(name="待機児童数（4月1日時点）", unit="人", base=12, base_year="R2",
                      t=5, a=3, lib=True, t_suffix="以下"),
                 dict(name="子育て世帯の転入者数", unit="人", base=1020, base_year="R元",
                      t=1100, a=1143, lib=False),
                 dict(name="ファミリー・サポート・センター会員数", unit="人", base=None, base_year=None,
                      t=800, a=745, lib=False),
             ],
             outcome="令和3年6月に市内2か所目となる子育て支援拠点「はまさきキッズベース西」を開設し、一時預かりの受入枠を1日20人から35人に拡大した。保育士確保のため、市内の保育施設に就職した保育士19名に就職支援金を交付したほか、子育て世帯向けの移住相談会を首都圏で3回開催した。",
             eval_style="sentence",
             evaluation="地方創生に非常に効果的であった",
             policy="事業の継続"),
        dict(no=3,
             title="浜咲ブランド水産物の高付加価値化及び首都圏・海外への販路開拓による水産業振興事業",
             department="水産振興課", period="令和3年度〜令和5年度",
             period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             info="box",
             summary="水揚げ量の減少と魚価の低迷が続く中、市内水産加工業者と連携して加工品のブランド認定制度を運用し、首都圏の百貨店やECサイト、海外の日本食材店への販路開拓を支援することで、水産業の所得向上と担い手確保を図る。",
             budget_unit="円", budget=[("R3", 9876000, False)],
             budget_sentence="令和3年度の事業費は 9,876,000円（うち交付金 4,938,000円）",
             kpi_style="table_unitcol",
             kpis=[
                 dict(name="浜咲ブランド認定水産加工品数", unit="品目", base=8, base_year="R2",
                      t=12, a=14, lib=False),
                 dict(name="水産加工品の首都圏向け出荷額", unit="百万円", base=245, base_year="R2",
                      t=280, a=263, lib=False),
                 dict(name="新規漁業就業者数", unit="人", base=3, base_year="R2",
                      t=6, a=6, lib=False),
             ],
             outcome="令和3年9月に市内の水産加工業者7社と「浜咲ブランド推進協議会」を設立し、新たに6品目をブランド認定した。同年11月及び令和4年2月に東京都内の百貨店で販売フェアを開催したほか、大手ECサイトに特設ページを開設し、延べ4,380件の注文を受けた。",
             eval_style="line",
             evaluation="地方創生に相当程度効果があった",
             policy="事業の継続"),
        dict(no=4,
             title="中心市街地空き店舗を活用した創業支援拠点整備事業",
             department="商工労政課", period="令和2年度〜令和3年度",
             period_print="令和2年度～令和3年度",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             info="line",
             summary="中心市街地の空き店舗を改修してシェアオフィスとチャレンジショップを備えた創業支援拠点を整備し、創業セミナーや専門家相談と組み合わせて、まちなかでの創業と空き店舗の解消を促進する。なお、本事業は令和2年度補正予算を令和3年度に繰り越して実施した。",
             budget_unit="千円", budget=[("R3", 64800, False)],
             budget_sentence="令和3年度事業費 64,800千円（うち交付金 32,400千円）",
             kpi_style="slash",
             kpis=[
                 dict(name="創業支援拠点の利用者数", unit="人", base=None, base_year=None,
                      t=2400, a=2918, lib=False),
                 dict(name="拠点を利用した創業者数", unit="件", base=None, base_year=None,
                      t=8, a=5, lib=False),
                 dict(name="中心市街地の空き店舗率", unit="％", base=18.4, base_year="R元",
                      t=16.0, a=16.8, lib=True),
             ],
             outcome="旧呉服店の空き店舗（延床面積412㎡）を改修し、令和3年7月にシェアオフィス及びチャレンジショップを備えた創業支援拠点「ハマサキ・スタートアップ・ラボ」を開設した。創業セミナーを年間10回開催して延べ186人が受講したほか、中小企業診断士等の専門家による個別相談を94件実施した。",
             eval_style="line",
             evaluation="地方創生に効果があった",
             policy="事業内容の見直し（改善）"),
        dict(no=5,
             title="ICTを活用した高齢者の見守り・健康づくり推進事業",
             department="高齢福祉課", period="令和3年度〜令和5年度",
             period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             info="box",
             summary="高齢化率が35％を超える中、独居高齢者の見守りと介護予防を効率的に行うため、IoTセンサーによる見守りサービスと健康アプリによるポイント制度を導入し、民生委員や地域包括支援センターと情報を共有する仕組みを構築する。",
             budget_unit="千円", budget=[("R3", 11250, False)],
             budget_sentence="令和3年度事業費 11,250千円（うち交付金 5,625千円）",
             kpi_style="table_unitcell",
             kpis=[
                 dict(name="見守りセンサー設置世帯数", unit="世帯", base=120, base_year="R2",
                      t=400, a=436, lib=False),
                 dict(name="健康アプリを利用する65歳以上の市民数", unit="人", base=0, base_year="R2",
                      t=1000, a=812, lib=False),
                 dict(name="要介護認定率（65歳以上）※", unit="％", base=17.8, base_year="R2",
                      t=17.5, a=17.3, lib=True),
             ],
             outcome="市内全21地区の民生委員と連携し、独居高齢者宅436世帯に見守りセンサーを設置した。異常検知による通知は年間57件あり、うち3件は救急搬送につながった。また、令和3年10月から健康アプリ「はまさき元気アップ」の配信を開始し、地区公民館でスマートフォン教室を延べ48回開催した。",
             eval_style="sentence",
             evaluation="地方創生に相当程度効果があった",
             policy="事業の継続"),
    ],
}

CIRC = "①②③④⑤⑥"


def f2_rate_print(k):
    if k["a"] is None:
        return None
    return f"{computed_rate(k) * 100:.1f}%"


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 25 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=28 * mm, bottomMargin=25 * mm,
                            title="令和3年度 地方創生関係交付金事業 効果検証報告書",
                            author="浜咲市", creator="Microsoft Word",
                            subject="", producer="ReportLab")
    fs = 10.5
    st_title = style("t", GOTHIC, 15, 22, align=TA_CENTER)
    st_right = style("r", MINCHO, fs, 16, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 11.5, 17, spaceBefore=10, spaceAfter=3)
    st_h2 = style("h2", GOTHIC, 10.8, 16, spaceBefore=9, spaceAfter=2, leftIndent=fs,
                  firstLineIndent=-fs * 0, keepWithNext=1)
    st_h3 = style("h3", GOTHIC, fs, 16, spaceBefore=4, spaceAfter=1, leftIndent=fs,
                  keepWithNext=1)
    st_body = style("b", MINCHO, fs, 17, leftIndent=fs * 2, firstLineIndent=fs)
    st_body0 = style("b0", MINCHO, fs, 17, firstLineIndent=fs)
    st_bul = style("bl", MINCHO, fs, 17, leftIndent=fs * 3, firstLineIndent=-fs)
    st_note = style("nt", MINCHO, 8.8, 13, leftIndent=fs * 3, firstLineIndent=-fs)
    st_lab = style("lab", GOTHIC, 9, 12, align=TA_CENTER)
    st_c = style("c", MINCHO, 9, 12.5)
    st_cc = style("cc", MINCHO, 9, 12.5, align=TA_CENTER)
    st_num = style("n", MINCHO, 9, 12.5, align=TA_RIGHT)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 9),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    shade = colors.HexColor("#EDEDED")

    story = []
    story.append(P("令和３年度 地方創生関係交付金を活用した事業の効果検証報告書", st_title))
    story.append(Spacer(1, 4 * mm))
    story.append(P("令和４年８月\n浜咲市 総合政策部 企画調整課", st_right))
    story.append(Spacer(1, 4 * mm))

    story.append(P("1. 効果検証の概要", st_h1))
    story.append(P("本市では、第2期浜咲市まち・ひと・しごと創生総合戦略（令和2年度～令和6年度）に位置付けた施策のうち、"
                   "国の地方創生関係交付金を活用して実施した事業について、毎年度、重要業績評価指標（KPI）の達成状況等を基に効果検証を行っている。"
                   "令和3年度実施事業については、担当課による自己評価を踏まえ、令和4年7月21日に開催した浜咲市地方創生推進懇話会において、"
                   "産官学金労言の委員12名から意見を聴取し、次の区分により評価を行った。", st_body0))
    for x in ["地方創生に非常に効果的であった", "地方創生に相当程度効果があった",
              "地方創生に効果があった", "地方創生に対して効果がなかった"]:
        story.append(P(f"・{x}", st_bul))
    story.append(P("また、今後の方針は「事業の継続」「事業内容の見直し（改善）」「事業の中止」「事業期間終了」の4区分とした。", st_body0))

    story.append(P("2. 対象事業", st_h1))
    story.append(P("令和3年度に地方創生関係交付金を活用して実施した事業は、次の5事業である。", st_body0))
    story.append(Spacer(1, 2 * mm))
    srows = [[P(x, st_lab) for x in ["No.", "事業名", "交付金の種類", "担当課"]]]
    for p in F2["projects"]:
        g = p["grant_program"] + (f"\n（{p['grant_type']}）" if p["grant_type"] else "")
        srows.append([P(str(p["no"]), st_cc), P(p["title"], st_c), P(g, st_c),
                      P(p["department"], st_cc)])
    stab = Table(srows, colWidths=[10 * mm, 72 * mm, 48 * mm, CW - 130 * mm], repeatRows=1)
    stab.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(stab)

    story.append(P("3. 各事業の実施状況及び効果", st_h1))
    for p in F2["projects"]:
        story.append(P(f"({p['no']}) {p['title']}", st_h2))
        grant = p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")
        sec = iter(CIRC)

        story.append(P(f"{next(sec)} 事業の概要", st_h3))
        if p["info"] == "sentence":
            story.append(P(
                f"本事業は、{p['department']}が令和2年度から令和4年度までの3か年計画で実施しているもので、"
                f"{grant}を活用している。共働き世帯の増加に伴い保育需要が高まる中、子育て支援拠点の整備と保育人材の確保を一体的に進め、"
                "子育て世代の転入促進と待機児童の解消を図るものである。", st_body))
        else:
            story.append(P(p["summary"], st_body))
        if p["info"] == "box":
            box = Table([[P("担当課", st_lab), P(p["department"], st_c)],
                         [P("事業期間", st_lab), P(p["period_print"], st_c)],
                         [P("交付金", st_lab), P(grant, st_c)]],
                        colWidths=[24 * mm, 100 * mm], hAlign="CENTER")
            box.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade)]))
            story.append(Spacer(1, 1.5 * mm))
            story.append(box)
            story.append(Spacer(1, 1.5 * mm))
        elif p["info"] == "line":
            story.append(P(f"担当課：{p['department']}　　事業期間：{p['period_print']}", st_body))
            story.append(P(f"交付金：{grant}", st_body))

        story.append(P(f"{next(sec)} 事業費", st_h3))
        if p["budget_sentence"]:
            story.append(P(f"{p['budget_sentence']}であった。" if "の事業費は" in p["budget_sentence"]
                           else p["budget_sentence"], st_body))
        else:  # project 2: several years in one sentence, one planned
            story.append(P("事業費は、令和2年度 18,600千円、令和3年度 21,340千円（うち交付金 10,670千円）であり、"
                           "令和4年度は 15,000千円を当初予算に計上している。", st_body))

        story.append(P(f"{next(sec)} 実施内容及び成果", st_h3))
        story.append(P(p["outcome"], st_body))

        story.append(P(f"{next(sec)} 重要業績評価指標（KPI）の達成状況", st_h3))
        ks = p["kpi_style"]
        if ks in ("arrow", "slash"):
            for k in p["kpis"]:
                u = k["unit"]
                tgt = f"{fmt(k['t'])}{u}{k.get('t_suffix', '')}"
                base = f"基準値 {fmt(k['base'])}{u}（{k['base_year']}）" if k["base"] is not None else None
                if ks == "arrow":
                    s = f"・{k['name']}："
                    if base:
                        s += base + "、"
                    if k["a"] is None:
                        s += f"目標 {tgt} → 実績 {k['missing']}"
                    else:
                        s += f"目標 {tgt} → 実績 {fmt(k['a'])}{u}（達成率 {f2_rate_print(k)}）"
                    if k["lib"]:
                        s += "※数値が小さいほど良い指標のため、達成率は目標値÷実績値で算出"
                else:
                    s = f"・{k['name']}　"
                    if base:
                        s += base.replace("基準値 ", "基準値：") + "／"
                    s += f"目標：{tgt}／実績：{fmt(k['a'])}{u}／達成率：{f2_rate_print(k)}"
                    if k["lib"]:
                        s += "（減少を目指す指標のため、目標値÷実績値により算出）"
                story.append(P(s, st_bul))
        elif ks == "table_unitcol":
            rows = [[P(x, st_lab) for x in ["指標", "単位", "基準値\n（R2）", "目標値\n（R3）",
                                            "実績値\n（R3）", "達成率"]]]
            for k in p["kpis"]:
                rows.append([P(k["name"], st_c), P(k["unit"], st_cc), P(fmt(k["base"]), st_num),
                             P(fmt(k["t"]), st_num), P(fmt(k["a"]), st_num),
                             P(f2_rate_print(k), st_num)])
            t = Table(rows, colWidths=[52 * mm, 16 * mm, 18 * mm, 18 * mm, 18 * mm, CW - 122 * mm - 8 * mm],
                      hAlign="RIGHT")
            t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
            story.append(Spacer(1, 1 * mm))
            story.append(t)
        else:  # table_unitcell
            rows = [[P(x, st_lab) for x in ["指標名", "基準値（R2）", "目標値（R3）", "実績値（R3）",
                                            "達成率"]]]
            for k in p["kpis"]:
                u = k["unit"]
                rows.append([P(k["name"], st_c),
                             P(f"{fmt(k['base'])}{u}", st_num),
                             P(f"{fmt(k['t'])}{u}", st_num), P(f"{fmt(k['a'])}{u}", st_num),
                             P(f2_rate_print(k), st_num)])
            t = Table(rows, colWidths=[52 * mm, 22 * mm, 22 * mm, 22 * mm, CW - 118 * mm - 8 * mm],
                      hAlign="RIGHT")
            t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
            story.append(Spacer(1, 1 * mm))
            story.append(t)
            story.append(P("※ 要介護認定率は低いほど良い指標であるため、達成率は「目標値÷実績値」により算出している。",
                           st_note))

        story.append(P(f"{next(sec)} 評価及び今後の方針", st_h3))
        if p["eval_style"] == "sentence":
            story.append(P(f"懇話会における評価は「{p['evaluation']}」であり、今後の方針は「{p['policy']}」とする。",
                           st_body))
        else:
            story.append(P(f"評価：{p['evaluation']}", st_body))
            story.append(P(f"今後の方針：{p['policy']}", st_body))

    story.append(P("4. 今後の対応", st_h1))
    story.append(P("懇話会では、コロナ禍の影響を受けた観光関連事業について、指標の設定方法を含めて見直すべきとの意見があった。"
                   "各担当課は、評価結果を令和5年度予算編成及び次期交付金申請に反映させるとともに、"
                   "未確定となっている実績値については、確定後に市ホームページで公表する。", st_body0))

    def on_page(canvas, d):
        canvas.saveState()
        if d.page > 1:
            canvas.setFont(MINCHO, 8)
            canvas.drawRightString(W - rm, H - 15 * mm,
                                   "浜咲市 令和３年度 地方創生関係交付金事業 効果検証報告書")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 13 * mm, f"- {d.page} -")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    projects, kpis = [], []
    for p in F2["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {key: v for key, v, _ in p["budget"]}, "budget_unit": p["budget_unit"],
            "budget_planned": [key for key, _, planned in p["budget"] if planned],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"].replace("※", ""),
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R3",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f2_rate_print(k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": "R3",
                   "layout": "word_narrative_report_kpi_bullets_and_small_tables", "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# project_no -> page of its heading / of all its KPI rows.
# hibarino: card 3 starts at the foot of page 2 (heading, info, 概要, budget)
# and its KPI block is on page 3; card 4 shares page 3.
# hamasaki: project 1's heading is on page 1 (after the summary table, which
# also lists every title) and its KPIs on page 2; project 4's heading is on
# page 3 and its KPIs on page 4.
PAGES = {
    "hibarino_r4_projectcards": {"projects": {1: 1, 2: 2, 3: 2, 4: 3, 5: 4},
                                 "kpis": {1: 1, 2: 2, 3: 3, 4: 3, 5: 4},
                                 "heading": "事業名：{title}"},
    "hamasaki_r3_wordreport": {"projects": {1: 1, 2: 2, 3: 3, 4: 3, 5: 4},
                               "kpis": {1: 2, 2: 2, 3: 3, 4: 4, 5: 4},
                               "heading": "({no}) {title}"},
}


# ===========================================================================
# self-checks
# ===========================================================================

def check_printed_values(pdf_name, truth, text):
    """Every value the truth gives must be printed, and every rate must be
    what 実績/目標 (目標/実績 when lower is better) gives."""
    flat = norm(text)
    for pr in truth["projects"]:
        for key in ("title", "department", "policy", "outcome"):
            assert norm(pr[key]) in flat, (pdf_name, key, pr[key])
        assert norm(pr["grant_program"]) in flat, (pdf_name, pr["grant_program"])
        if pr["grant_type"]:
            assert norm(f"{pr['grant_program']}（{pr['grant_type']}）") in flat, (pdf_name, pr["grant_type"])
        for fy, v in pr["budget"].items():
            assert norm(f"{v:,}") in flat, (pdf_name, fy, v)
    for k in truth["kpis"]:
        assert norm(k["name"]) in flat, (pdf_name, k["name"])
        for v in (k["target"], k["actual"], k["baseline"]):
            if v is not None:
                assert norm(fmt(v)) in flat, (pdf_name, k["name"], v)
        if k["actual"] is None:
            assert k["rate"] is None, (pdf_name, k["name"])
            continue
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.5 + 1e-9, (pdf_name, k["name"], r, k["rate"])


def main(argv):
    outdir = HERE
    results = []
    for build in (build_f1, build_f2):
        pdf, truth = build(outdir)
        text = extract_checked(pdf)
        check_printed_values(pdf.name, truth, text)
        pages = write_txt(outdir, pdf, text, truth)
        results.append((pdf, truth, pages))

    for pdf, truth, pages in results:
        exp = PAGES[pdf.stem]
        for pr in truth["projects"]:
            pr["page"] = exp["projects"][pr["no"]]
            head = exp["heading"].format(no=pr["no"], title=pr["title"])
            assert page_of(pages, head) == [pr["page"]], (pdf.name, head, page_of(pages, head))
        for k in truth["kpis"]:
            k["page"] = exp["kpis"][k["project_no"]]
            assert page_of(pages, k["name"]) == [k["page"]], (pdf.name, k["name"],
                                                               page_of(pages, k["name"]))
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 70)


if __name__ == "__main__":
    main(sys.argv[1:])
