"""Generate a third pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only eval/heldout_layouts/ and eval/heldout_layouts2/ were consulted,
for the technique and the truth schema.  Deterministic: reportlab documents
are built with invariant=1.

    .venv/bin/python eval/heldout_layouts3/make_heldout3.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts3/make_heldout3.py --png    # plus page PNGs in /tmp

Fixtures
--------
tsubakiura_r5_qa_chosho
    椿浦町 (fictional), FY R5.  Portrait A4 "事業評価調書" in question-and-answer
    form: per project a header box (整理番号 / 担当課 / 内線 / 事業名) and
    numbered questions 問１ … 問９, each a shaded question line over a ruled
    answer box.  The budget is a small table with fiscal years as COLUMNS and
    事業費 / うち交付金 / うち一般財源 as rows (千円 or 円), or a prose answer in
    万円.  The KPI table is TRANSPOSED: one COLUMN per indicator, and rows
    指標名 / 単位 / 基準値 / 目標値 / 実績値 / 達成率 / 達成状況.  The evaluation and
    the policy are check-box lists (■ = chosen, □ = not chosen).  One project
    is typed entirely with full-width digits.

kasumigahara_r4_widetable
    霞ヶ原市 (fictional), FY R4.  A3 landscape 効果検証結果一覧: page 1 is the
    explanation (legends and a distractor count table), pages 2-3 one wide
    Excel-like table with ONE ROW PER KPI; the project cells (No. / 事業名 /
    事業期間 / 交付金 / 事業費 R3決算・R4決算・R5予算 / 取組内容・成果 / 評価 /
    今後の方向性) are filled only in the project's first row and left blank
    below (not merged); 担当部署 is repeated as 〃.  A page break falls inside
    project 4's rows.  達成度 is a symbol plus a percentage (◎ 120.0%).  Page 4
    has the panel's opinions and two distractor tables (the strategy's
    基本目標 numerical targets, with △ used as a minus sign, and budget totals).
"""
from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (CondPageBreak, KeepTogether, PageBreak, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (EVALS, GOTHIC, MINCHO, P, extract_checked, fmt, make_has, norm, page_of,  # noqa: E402
                         pdftoppm_previews, style, write_truth, write_txt)

zen = partial(hg.zen, table=hg.zen_table("R"))  # full-width digits and 「Ｒ」, as typed in Word


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
    s = unicodedata.normalize("NFKC", s).strip()
    for sym in "◎○△×":
        s = s.replace(sym, "")
    s = s.strip()
    if s.endswith("%"):
        return float(s[:-1])
    return round(float(s) * 100, 1)


# ===========================================================================
# Fixture 1: 椿浦町 — Q&A 事業評価調書 (FY R5)
# ===========================================================================

# budget: "table" → rows of (key, printed year label, 事業費, うち交付金, planned);
#         "prose_man" → the 万円 sentence (project 2).
# rate: "pct" (109.4%), "ratio" (0.92), "word" (達成 / 未達成 only, no number).
# zen: the whole project is typed with full-width digits.
POLICIES_A = ["拡充", "継続", "改善・見直し", "終了"]

F1 = {
    "stem": "tsubakiura_r5_qa_chosho",
    "city": "椿浦町",
    "projects": [
        dict(no=1,
             title="椿浦漁港を核とした「海業」振興による交流人口拡大事業",
             department="産業振興課", ext="2314",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             purpose="漁業就業者の減少と高齢化が進む中、椿浦漁港の水域や施設を活用して、直売所の運営、体験漁業、漁港食堂の開設等の「海業」を展開し、交流人口の拡大と漁業者の所得向上を図る。",
             unit="千円", budget_style="table", total_col=True,
             budget=[("R4", "令和4年度\n（決算）", 12480, 6240, False),
                     ("R5", "令和5年度\n（決算）", 15926, 7963, False),
                     ("R6", "令和6年度\n（予算）", 14000, 7000, True)],
             outcome="令和5年4月に漁港直売所「つばき浜マルシェ」の営業日を週3日から週5日に拡大し、地元漁協と連携して朝獲れ鮮魚の販売を強化した。体験漁業・釣り教室は年間32回開催したが、荒天により8回が中止となった。また、漁港エリアの空き倉庫を改修し、飲食店など3店舗が新たに出店した。",
             rate="pct", zen=False,
             kpis=[
                 dict(name="漁港直売所の年間来場者数", unit="人", base=18500, base_year="R3",
                      t=25000, a=27340, lib=False),
                 dict(name="体験漁業・釣り教室の参加者数", unit="人", base=120, base_year="R3",
                      t=600, a=512, lib=False),
                 dict(name="漁港エリアへの新規出店数", unit="件", base=0, base_year="R3",
                      t=3, a=3, lib=False),
             ],
             notes=[],
             factor="体験漁業・釣り教室は、荒天による中止が8回（計約150人分）あったことが主な要因である。令和6年度は屋内で実施できる魚さばき教室を加え、天候に左右されない内容とする。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             reason="直売所の来場者数は目標を上回っており、令和6年度も計画どおり実施する。",
             opinion="漁港エリアへの出店は町外からの来訪者の増加につながっている。SNS等による情報発信を一層強化されたい。"),
        dict(no=2,
             title="移住・定住促進のための「お試し暮らし住宅」及びテレワーク拠点運営事業",
             department="総務企画課", ext="2105",
             period="令和5年度〜令和7年度", period_print="令和５年度～令和７年度（３か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             purpose="転入希望者が町での暮らしを事前に体験できる「お試し暮らし住宅」と、都市部の企業や個人が利用できるテレワーク拠点を運営し、移住相談から住まい探し、仕事の確保までを一体的に支援する。",
             unit="万円", budget_style="prose_man", total_col=False,
             budget=[("R5", None, 1850, 925, False), ("R6", None, 2100, None, True)],
             outcome="令和５年６月に町内２か所の空き家を改修した「お試し暮らし住宅」の運用を開始し、年間３１世帯（延べ２０７泊）が利用した。また、旧椿浦郵便局を改修したテレワーク拠点「ワークベースつばき」を同年１０月に開設し、首都圏の企業３社がサテライトオフィスとして契約した。",
             rate="pct", zen=True,
             kpis=[
                 dict(name="お試し暮らし住宅の利用世帯数", unit="世帯", base=None, base_year=None,
                      t=24, a=31, lib=False),
                 dict(name="移住相談件数", unit="件", base=86, base_year="R4",
                      t=150, a=142, lib=False),
                 dict(name="本事業を通じた移住者数", unit="人", base=5, base_year="R4",
                      t=15, a=9, lib=False),
             ],
             notes=["※お試し暮らし住宅は令和５年度に開設したため、基準値はない。"],
             factor="移住者数は、お試し暮らし住宅の利用者のうち実際に転入に至った人数が９人にとどまった。町内の賃貸住宅が不足していることが主な要因であり、空き家バンクとの連携を強化する。",
             evaluation="地方創生に相当程度効果があった", policy="改善・見直し",
             reason="利用世帯数は目標を上回ったが、転入に結びついていない。住まいの確保策と組み合わせて実施方法を見直す。",
             opinion="お試し暮らしの利用者へのアフターフォローを丁寧に行い、転入までの伴走支援を充実させることが望ましい。"),
        dict(no=3,
             title="椿浦町デマンド型乗合タクシー導入による地域公共交通再編事業",
             department="生活環境課", ext="2451",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             purpose="路線バスの廃止により公共交通空白地域が拡大していることから、AIによる配車システムを活用した予約型の乗合タクシーを導入し、高齢者等の通院や買物の移動手段を確保するとともに、町営バス路線を再編する。",
             unit="千円", budget_style="table", total_col=False,
             budget=[("R3", "令和3年度\n（決算）", 8200, 4100, False),
                     ("R4", "令和4年度\n（決算）", 9650, 4825, False),
                     ("R5", "令和5年度\n（決算）", 10420, 5210, False)],
             outcome="令和5年4月から運行区域を町内全域に拡大し、AIによる配車システムを用いた予約型の乗合タクシーを平日1日8便体制で運行した。高齢者を中心に通院や買物での利用が定着し、町営バスの重複路線2路線を廃止した。運転免許証の自主返納者には利用券（年間24枚）を交付した。",
             rate="ratio", zen=False,
             kpis=[
                 dict(name="デマンドタクシーの年間利用者数", unit="人", base=0, base_year="R2",
                      t=6000, a=5520, lib=False),
                 dict(name="公共交通空白地域の居住人口※", unit="人", base=1240, base_year="R2",
                      t=300, a=410, lib=True),
                 dict(name="免許返納者のうち乗合タクシー利用登録者の割合", unit="％", base=35.0,
                      base_year="R2", t=60.0, a=64.8, lib=False),
             ],
             notes=["※達成率欄は、目標値に対する実績値の比率（1.00以上で目標達成）を記載している。",
                    "※公共交通空白地域の居住人口は減少を目指す指標であるため、目標値÷実績値により算出している。"],
             factor="利用者数は、運行区域の拡大が年度当初となり周知に時間を要したことから、上半期の利用が伸びなかった。空白地域の人口は、山間部の2集落が配車可能区域の外に残ったことによる。",
             evaluation="地方創生に効果があった", policy="終了",
             reason="交付金事業としての期間は終了するが、令和6年度以降は町単独事業として運行を継続する。",
             opinion="運行開始から3年間で利用が定着しており、町単独での継続は妥当である。運賃収入の確保策も検討されたい。"),
        dict(no=4,
             title="ふるさと納税返礼品開発と連動した地場産品ブランド化推進事業",
             department="産業振興課", ext="2318",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             purpose="町の水産加工品や柑橘等の地場産品について、統一した認証基準による「椿浦ブランド」を創設し、ふるさと納税の返礼品開発や首都圏での販路開拓と連動させることで、町内事業者の所得向上と雇用の確保を図る。",
             unit="円", budget_style="table", total_col=False,
             budget=[("R4", "令和4年度\n（決算）", 4876000, 2438000, False),
                     ("R5", "令和5年度\n（決算）", 5312400, 2656200, False),
                     ("R6", "令和6年度\n（予算）", 5000000, 2500000, True)],
             outcome="町内の事業者と連携して新たに11品目を椿浦ブランドに認証し、うち9品目をふるさと納税の返礼品として登録した。首都圏の百貨店で開催された物産展に2回出展したほか、パッケージデザインの改良に取り組む6事業者に専門家を派遣した。",
             rate="pct", zen=False,
             kpis=[
                 dict(name="椿浦ブランド認証品の数", unit="品目", base=6, base_year="R3",
                      t=15, a=17, lib=False),
                 dict(name="地場産品の町外出荷額※", unit="百万円", base=412, base_year="R3",
                      t=480, a=None, lib=False),
                 dict(name="返礼品を扱う町内事業者数", unit="事業者", base=21, base_year="R3",
                      t=30, a=28, lib=False),
             ],
             notes=["※地場産品の町外出荷額は、県の統計調査（令和6年11月公表予定）により把握するため、実績値は未確定である。"],
             factor="町内事業者数は、人手不足により2事業者が返礼品の出品を見送ったため目標に届かなかった。発送業務の代行支援を検討する。",
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             reason="認証品の数は目標を大きく上回った。令和6年度は海外向けの販路開拓を加えて事業を拡充する。",
             opinion="認証品の品質管理を継続し、ブランドの信頼性を維持することが重要である。"),
        dict(no=5,
             title="こども家庭センター設置による妊娠・出産・子育ての切れ目ない支援事業",
             department="健康福祉課", ext="2260",
             period="令和5年度〜令和6年度", period_print="令和5年度～令和6年度（2か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             purpose="妊娠期から子育て期までの相談窓口を一本化したこども家庭センターを設置し、母子健康手帳アプリによる健診案内や予約のオンライン化と合わせて、子育て世帯の負担軽減と支援が必要な家庭の早期把握を図る。",
             unit="千円", budget_style="table", total_col=False,
             budget=[("R5", "令和5年度\n（決算）", 6734, 3367, False),
                     ("R6", "令和6年度\n（予算）", 7000, 3500, True)],
             outcome="令和5年4月に保健センター内にこども家庭センターを設置し、保健師2名と子育て支援員1名を配置した。母子健康手帳アプリを導入して健診の案内や予約をオンライン化したほか、産後ケア事業（宿泊型・日帰り型）を町内の助産院に委託して開始した。",
             rate="word", zen=False,
             kpis=[
                 dict(name="乳幼児健診の受診率", unit="％", base=93.1, base_year="R4",
                      t=97.0, a=97.8, lib=False),
                 dict(name="産後ケア事業の利用者数", unit="人", base=8, base_year="R4",
                      t=20, a=16, lib=False),
             ],
             notes=["※達成状況は、実績値が目標値以上の場合を「達成」、目標値未満の場合を「未達成」としている。"],
             factor="産後ケア事業は年度途中の開始となり、委託先の受入枠（月2人）が上限となったため目標に届かなかった。令和6年度は委託先を1か所追加する。",
             evaluation="地方創生に効果があった", policy="継続",
             reason="センターの設置により相談件数が増加しており、令和6年度も継続して実施する。",
             opinion="アプリの利用状況を分析し、支援が必要な家庭の早期把握に活用されたい。"),
    ],
}


def f1_rate_print(p, k):
    """The printed 達成率 cell, or None where no rate is printed."""
    if k["a"] is None or p["rate"] == "word":
        return None
    r = computed_rate(k)
    s = f"{r:.2f}" if p["rate"] == "ratio" else f"{r * 100:.1f}%"
    return zen(s) if p["zen"] else s


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 20 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=20 * mm, bottomMargin=18 * mm,
                            title="令和5年度 地方創生関係交付金事業 事業評価調書",
                            author="椿浦町", creator="椿浦町 総務企画課",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 20, align=TA_CENTER)
    st_right = style("r", MINCHO, 9.5, 14, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10.5, 15, spaceBefore=6, spaceAfter=2)
    st_body = style("b", MINCHO, 9.2, 14, firstLineIndent=9.2, leftIndent=4)
    st_bul = style("bl", MINCHO, 9.2, 14, leftIndent=14, firstLineIndent=-9.2)
    st_form = style("fm", GOTHIC, 11, 15, align=TA_CENTER)
    st_q = style("q", GOTHIC, 8.6, 11.5)
    st_a = style("a", MINCHO, 8.6, 12.4)
    st_lab = style("lab", GOTHIC, 8.4, 11, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.4, 11.5)
    st_cc = style("cc", MINCHO, 8.4, 11.5, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11.5, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 10.5, 14)
    st_note = style("nt", MINCHO, 7.8, 10.5)
    st_unit = style("u", MINCHO, 8, 10, align=TA_RIGHT)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
    shade = colors.HexColor("#E2EFDA")
    qshade = colors.HexColor("#F2F2F2")

    story = []
    story.append(P("令和5年度 地方創生関係交付金事業 事業評価調書", st_title))
    story.append(Spacer(1, 2 * mm))
    story.append(P("令和6年8月\n椿浦町 総務企画課", st_right))
    story.append(P("１ 趣旨", st_h1))
    story.append(P("本町では、椿浦町まち・ひと・しごと創生総合戦略（第2期）に位置付けた事業のうち、国の地方創生関係交付金を活用した事業について、"
                   "毎年度、事業担当課が作成する事業評価調書により効果検証を行っている。本書は、令和5年度に実施した5事業の事業評価調書を取りまとめたものである。", st_body))
    story.append(P("２ 評価の方法", st_h1))
    story.append(P("事業担当課は、調書の問１から問８までの質問項目に回答し、重要業績評価指標（KPI）の達成状況を踏まえて、事業の評価を次の4区分から、"
                   "今後の方針を「拡充」「継続」「改善・見直し」「終了」の4区分から選択した。問９には、令和6年7月25日に開催した"
                   "椿浦町総合戦略推進会議（委員10名）における意見を記載している。", st_body))
    for i, e in enumerate(EVALS, 1):
        story.append(P(f"（{i}）{e}", st_bul))
    story.append(P("３ 評価対象事業", st_h1))
    rows = [[P(x, st_lab) for x in ["整理番号", "事業名", "担当課", "交付金"]]]
    for p in F1["projects"]:
        g = p["grant_program"] + (f"\n（{p['grant_type']}）" if p["grant_type"] else "")
        rows.append([P(str(p["no"]), st_cc), P(p["title"], st_c), P(p["department"], st_cc),
                     P(g, st_c)])
    t = Table(rows, colWidths=[14 * mm, 84 * mm, 22 * mm, CW - 120 * mm])
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("４ 椿浦町の概況（参考）", st_h1))
    rows = [[P(x, st_lab) for x in ["区分", "令和3年度", "令和4年度", "令和5年度", "備考"]],
            [P("住民基本台帳人口（人）", st_c), P("9,812", st_num), P("9,655", st_num),
             P("9,487", st_num), P("各年度末現在", st_cc)],
            [P("世帯数（世帯）", st_c), P("4,306", st_num), P("4,281", st_num),
             P("4,259", st_num), P("各年度末現在", st_cc)],
            [P("高齢化率（％）", st_c), P("41.2", st_num), P("42.0", st_num),
             P("42.9", st_num), P("65歳以上", st_cc)],
            [P("観光入込客数（町全体、千人）", st_c), P("186", st_num), P("214", st_num),
             P("251", st_num), P("県観光統計", st_cc)]]
    t = Table(rows, colWidths=[56 * mm, 24 * mm, 24 * mm, 24 * mm, CW - 128 * mm])
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※上表は町の概況を示すものであり、各事業の重要業績評価指標（KPI）ではない。", st_note))
    story.append(Spacer(1, 4 * mm))

    def qblock(q, body):
        """A numbered question line over a ruled answer box."""
        if not isinstance(body, list):
            body = [body]
        tb = Table([[P(q, st_q)], [body]], colWidths=[CW])
        tb.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.7, colors.black),
                                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                                ("BACKGROUND", (0, 0), (-1, 0), qshade),
                                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                                ("TOPPADDING", (0, 0), (-1, -1), 2),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return KeepTogether([tb])  # a question is never parted from its answer

    for p in F1["projects"]:
        Z = zen if p["zen"] else (lambda s: s)
        story.append(CondPageBreak(50 * mm))
        story.append(P("【様式1】事業評価調書（令和5年度実施事業）", st_form))
        story.append(Spacer(1, 1.5 * mm))
        head = Table([
            [P("整理番号", st_lab), P(str(p["no"]), st_cc), P("担当課", st_lab),
             P(p["department"], st_cc), P("内線", st_lab), P(Z(p["ext"]), st_cc)],
            [P("事業名", st_lab), P(p["title"], st_title_cell), "", "", "", ""],
        ], colWidths=[20 * mm, 16 * mm, 20 * mm, 50 * mm, 16 * mm, CW - 122 * mm])
        head.setStyle(TableStyle(grid + [("SPAN", (1, 1), (-1, 1)),
                                         ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                                         ("BACKGROUND", (0, 0), (0, -1), shade),
                                         ("BACKGROUND", (2, 0), (2, 0), shade),
                                         ("BACKGROUND", (4, 0), (4, 0), shade)]))
        story.append(head)
        story.append(Spacer(1, 2 * mm))

        story.append(qblock(Z("問１　本事業の目的及び概要を記載してください。"), P(p["purpose"], st_a)))
        grant = p["grant_program"] + (f"（{p['grant_type']}）" if p["grant_type"] else "")
        story.append(qblock(Z("問２　事業の実施期間及び活用した交付金の名称を記載してください。"),
                            [P(f"実施期間：{p['period_print']}", st_a), P(f"交付金：{grant}", st_a)]))

        # 問３ budget
        if p["budget_style"] == "table":
            u = p["unit"]
            hdr = [P("区分", st_lab)] + [P(lbl, st_lab) for _, lbl, *_ in p["budget"]]
            r1 = [P("事業費", st_cc)] + [P(fmt(c), st_num) for _, _, c, _, _ in p["budget"]]
            r2 = [P("うち交付金", st_cc)] + [P(fmt(g), st_num) for _, _, _, g, _ in p["budget"]]
            r3 = [P("うち一般財源", st_cc)] + [P(fmt(c - g), st_num) for _, _, c, g, _ in p["budget"]]
            if p["total_col"]:
                hdr.append(P("合計", st_lab))
                r1.append(P(fmt(sum(b[2] for b in p["budget"])), st_num))
                r2.append(P(fmt(sum(b[3] for b in p["budget"])), st_num))
                r3.append(P(fmt(sum(b[2] - b[3] for b in p["budget"])), st_num))
            ncol = len(hdr) - 1
            bt = Table([hdr, r1, r2, r3], colWidths=[30 * mm] + [28 * mm] * ncol, hAlign="LEFT")
            bt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                           ("BACKGROUND", (0, 0), (0, -1), shade)]))
            body = [P(f"（単位：{u}）", st_unit), bt, Spacer(1, 2 * mm)]
            if any(b[4] for b in p["budget"]):
                body.append(P("※予算欄は当初予算額であり、決算額ではない。", st_note))
            story.append(qblock("問３　事業費（決算額）の推移を記載してください。", body))
        else:  # 万円 prose, full-width digits
            story.append(qblock(Z("問３　事業費（決算額）の推移を記載してください。"), P(
                Z("令和5年度の事業費は1,850万円（うち交付金925万円）である。"
                  "令和6年度は2,100万円を当初予算に計上しており、"
                  "3か年の総事業費は約6,000万円を見込んでいる。"), st_a)))

        story.append(qblock(Z("問４　令和5年度に実施した取組の内容及びその成果を記載してください。"),
                            P(p["outcome"], st_a)))

        # 問５ transposed KPI table: one column per indicator
        ks = p["kpis"]
        nk = len(ks)
        circ = "①②③④"
        yl = "（令和５年度）" if p["zen"] else "（R5）"
        rows = [[P("項目", st_lab)] + [P(f"指標{circ[i]}", st_lab) for i in range(nk)]]
        rows.append([P("指標名", st_lab)] + [P(k["name"], st_c) for k in ks])
        rows.append([P("単位", st_lab)] + [P(k["unit"], st_cc) for k in ks])
        rows.append([P("基準値", st_lab)] + [
            P(zen(fmt(k["base"]) + (f"（{k['base_year']}）" if k["base_year"] else "")) if p["zen"]
              else fmt(k["base"]) + (f"\n（{k['base_year']}）" if k["base_year"] else ""), st_cc)
            for k in ks])
        rows.append([P(f"目標値\n{yl}", st_lab)] + [P(Z(fmt(k["t"])), st_cc) for k in ks])
        rows.append([P(f"実績値\n{yl}", st_lab)] + [P(Z(fmt(k["a"])), st_cc) for k in ks])
        if p["rate"] != "word":
            rows.append([P("達成率", st_lab)] + [P(f1_rate_print(p, k) or "－", st_cc) for k in ks])
        rows.append([P("達成状況", st_lab)] + [
            P("－" if k["a"] is None else ("達成" if computed_rate(k) >= 1 else "未達成"), st_cc)
            for k in ks])
        kw = (CW - 8 - 26 * mm) / nk
        kt = Table(rows, colWidths=[26 * mm] + [kw] * nk)
        kt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                       ("BACKGROUND", (0, 0), (0, -1), shade)]))
        body = [kt, Spacer(1, 2.5 * mm)] + [P(n, st_note) for n in p["notes"]]
        story.append(qblock(Z("問５　重要業績評価指標（KPI）の達成状況を記載してください。"), body))

        story.append(qblock("問６　目標値に達しなかった指標がある場合は、その要因と対応策を記載してください。",
                            P(p["factor"], st_a)))
        ev = [P("　".join(("■" if e == p["evaluation"] else "□") + e for e in EVALS[i:i + 2]), st_a)
              for i in (0, 2)]
        story.append(qblock("問７　事業の評価を次の区分から一つ選択してください。", ev))
        pol = "　".join(("■" if x == p["policy"] else "□") + x for x in POLICIES_A)
        story.append(qblock("問８　今後の方針を選択し、その理由を記載してください。",
                            [P(pol, st_a), P(f"（理由）{p['reason']}", st_a)]))
        story.append(qblock("問９　総合戦略推進会議における意見", P(p["opinion"], st_a)))
        story.append(Spacer(1, 5 * mm))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawRightString(W - rm, H - 12 * mm, "椿浦町 地方創生関係交付金事業 事業評価調書（令和5年度実施事業）")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 10 * mm, f"P.{d.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in F1["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {b[0]: b[2] for b in p["budget"]},
            "budget_unit": p["unit"],
            "budget_planned": [b[0] for b in p["budget"] if b[-1]],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"].replace("※", ""),
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R5",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f1_rate_print(p, k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": "R5",
                   "layout": "qa_evaluation_form_transposed_kpi_table_checkbox_evaluation",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 霞ヶ原市 — A3 landscape wide table, one row per KPI (FY R4)
# ===========================================================================

# budget: {key: value} for the printed years, planned: keys printed in the
# R5予算 column.  A KPI name ending in （↓） is lower-is-better.
F2 = {
    "stem": "kasumigahara_r4_widetable",
    "city": "霞ヶ原市",
    "projects": [
        dict(no=1,
             title="霞ヶ原駅周辺まちなか再生・にぎわい創出事業",
             department="まちづくり推進課",
             period="令和3年度〜令和5年度", period_print="令和3年度～\n令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             budget={"R3": 21560, "R4": 24310, "R5": 22000},
             outcome="駅前広場を活用した「かすみがはらマルシェ」を毎月第3日曜日に開催し（年12回、出店者延べ386店）、休日の歩行者通行量は基準値から約16％増加した。空き店舗の改修費補助により6店舗が新規出店したほか、商店街の案内サインを多言語化した。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             kpis=[
                 dict(name="駅周辺の歩行者通行量（休日）", unit="人/日", base=6820, t=7500, a=7912, lib=False),
                 dict(name="空き店舗への新規出店数", unit="件", base=2, t=5, a=6, lib=False),
                 dict(name="駅周辺エリアの空き店舗率（↓）", unit="％", base=21.4, t=18.0, a=19.1, lib=True),
             ]),
        dict(no=2,
             title="霞ヶ原産農産物の輸出促進及び６次産業化支援による稼げる農業推進事業",
             department="農政課",
             period="令和4年度〜令和6年度", period_print="令和4年度～\n令和6年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             budget={"R4": 13245, "R5": 15800},
             outcome="台湾及びシンガポールの輸入業者を招へいした商談会を2回開催し、いちご及び梨の輸出契約が新たに4件成立した。6次産業化に取り組む農業者12経営体に対して専門家による個別指導を行い、ジャムやドライフルーツなど5商品を開発した。",
             evaluation="地方創生に効果があった", policy="見直し",
             kpis=[
                 dict(name="農産物輸出額", unit="百万円", base=38, t=55, a=61, lib=False),
                 dict(name="６次産業化による新商品の開発数", unit="件", base=0, t=8, a=5, lib=False),
                 dict(name="新規就農者数（年間）", unit="人", base=7, t=10, a=10, lib=False),
             ]),
        dict(no=3,
             title="子育て世帯の転入・定住を促進する住まい支援及び子育て応援事業",
             department="こども家庭課",
             period="令和3年度〜令和5年度", period_print="令和3年度～\n令和5年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             budget={"R3": 9880, "R4": 11420, "R5": 10500},
             outcome="子育て世帯が市内で住宅を取得又は賃借する際の費用を補助する「かすみがはら子育て住まい応援補助金」を54件交付した。また、子育て応援サイトを開設して手続や施設の情報を一元化したほか、転入世帯向けの交流会を4回開催し、延べ132組が参加した。",
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             kpis=[
                 dict(name="子育て世帯の転入超過数", unit="世帯", base=12, t=40, a=46, lib=False),
                 dict(name="住まい支援補助の交付件数", unit="件", base=None, t=60, a=54, lib=False),
                 dict(name="子育て環境に満足する市民の割合※", unit="％", base=48.2, t=55.0, a=None,
                      lib=False, a_print="未確定"),
             ]),
        dict(no=4,
             title="市民協働による資源循環・ごみ減量推進事業",
             department="環境政策課",
             period="令和4年度〜令和5年度", period_print="令和4年度～\n令和5年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             budget={"R4": 6318, "R5": 3200},
             outcome="ごみ分別アプリ「かすみん分別ナビ」を令和4年6月に配信開始し、収集日の通知や分別辞典の機能を提供した。自治会と連携して資源回収拠点を市内8か所に新設したほか、小学校13校で出前講座を実施した。",
             evaluation="地方創生に効果があった", policy="継続",
             kpis=[
                 dict(name="1人1日当たりのごみ排出量（↓）", unit="g", base=912, t=880, a=868, lib=True),
                 dict(name="ごみ分別アプリのダウンロード数", unit="件", base=0, t=8000, a=9615, lib=False),
                 dict(name="リサイクル率", unit="％", base=17.6, t=20.0, a=18.9, lib=False),
             ]),
        dict(no=5,
             title="旧霞ヶ原小学校を活用した多世代交流・創業支援拠点整備事業",
             department="企画政策課",
             period="令和3年度〜令和4年度", period_print="令和3年度～\n令和4年度",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             budget={"R3": 48600, "R4": 152380},
             outcome="旧霞ヶ原小学校の校舎を改修し、令和4年10月に多世代交流・創業支援拠点「かすみラボ」を開所した。コワーキングスペースと創業相談窓口を設け、半年間で延べ13,480人が利用した。創業セミナーを6回開催し、受講者のうち2名が市内で創業した。",
             evaluation="地方創生に非常に効果的であった", policy="終了",
             kpis=[
                 dict(name="拠点の年間利用者数", unit="人", base=None, t=12000, a=13480, lib=False),
                 dict(name="拠点を利用した創業件数", unit="件", base=None, t=4, a=2, lib=False),
                 dict(name="拠点でのイベント開催回数", unit="回", base=None, t=24, a=31, lib=False),
             ]),
    ],
}
F2_PLANNED = ["R5"]          # the R5予算 column


def f2_mark(k):
    if k["a"] is None:
        return None
    r = round(computed_rate(k) * 100, 1)
    return "◎" if r >= 120 else "○" if r >= 100 else "△" if r >= 80 else "×"


def f2_rate_print(k):
    if k["a"] is None:
        return None
    return f"{f2_mark(k)} {computed_rate(k) * 100:.1f}%"


def f2_clean(name):
    return name.replace("（↓）", "").replace("※", "")


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A3)
    lm = rm = 12 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=18 * mm, bottomMargin=15 * mm,
                            title="令和4年度 地方創生関係交付金事業 効果検証結果一覧",
                            author="霞ヶ原市", creator="Microsoft Excel",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 16, 22, align=TA_CENTER)
    st_right = style("r", MINCHO, 10, 15, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 11.5, 17, spaceBefore=8, spaceAfter=3)
    st_body = style("b", MINCHO, 10, 16, firstLineIndent=10, leftIndent=6)
    st_bul = style("bl", MINCHO, 10, 16, leftIndent=22, firstLineIndent=-10)
    st_lab = style("lab", GOTHIC, 8.4, 11, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.6, 11.6)
    st_cc = style("cc", MINCHO, 8.6, 11.6, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.6, 11.6, align=TA_RIGHT)
    st_small = style("s", MINCHO, 8.2, 11)
    TF = 9.6  # the wide table's font size (an A3 sheet printed at 100%)
    t_lab = style("tlab", GOTHIC, TF - 0.4, TF * 1.3, align=TA_CENTER)
    t_c = style("tc", MINCHO, TF, TF * 1.32)
    t_cc = style("tcc", MINCHO, TF, TF * 1.32, align=TA_CENTER)
    t_num = style("tn", MINCHO, TF, TF * 1.32, align=TA_RIGHT)
    t_small = style("ts", MINCHO, TF - 0.6, (TF - 0.6) * 1.32)
    st_note = style("nt", MINCHO, 8.4, 11.5)
    shade = colors.HexColor("#FCE4D6")
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.6),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]

    projs = F2["projects"]
    allk = [k for p in projs for k in p["kpis"]]

    # ---------------- page 1: explanation ----------------
    story = []
    story.append(P("令和4年度 地方創生関係交付金事業 効果検証結果一覧", st_title))
    story.append(P(zen("令和5年9月") + "\n霞ヶ原市 企画政策課", st_right))
    story.append(P("1　効果検証の概要", st_h1))
    story.append(P("本市では、第2期霞ヶ原市まち・ひと・しごと創生総合戦略（令和2年度～令和6年度）に基づき、地方創生関係交付金を活用した事業を実施している。"
                   "令和4年度に実施した5事業について、各事業の担当部署が重要業績評価指標（KPI）の実績を取りまとめて自己評価を行い、"
                   "令和5年8月22日に開催した霞ヶ原市地方創生推進有識者会議（委員9名）の意見を踏まえて評価を確定した。", st_body))
    story.append(P("2　評価の基準", st_h1))
    story.append(P("（1）KPIの達成度は、目標値に対する実績値の割合（達成率）により、次の4段階で表示する。", st_body))
    leg = Table([[P(x, st_lab) for x in ["表示", "達成率", "表示", "達成率"]],
                 ["◎ ", P("120%以上", st_cc), "△ ", P("80%以上100%未満", st_cc)],
                 ["○ ", P("100%以上120%未満", st_cc), "× ", P("80%未満", st_cc)]],
                colWidths=[18 * mm, 50 * mm, 18 * mm, 50 * mm], hAlign="LEFT")
    leg.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                    ("FONT", (0, 1), (-1, -1), GOTHIC, 10)]))
    story.append(Spacer(1, 1 * mm))
    story.append(leg)
    story.append(Spacer(1, 2 * mm))
    story.append(P("（2）KPI欄の（↓）は、数値の減少を目指す指標を示す。この指標の達成率は、目標値÷実績値により算出する。", st_body))
    story.append(P("（3）事業の評価は、次の4区分により表示する。", st_body))
    for e in EVALS:
        story.append(P(f"・{e}", st_bul))
    story.append(P("（4）今後の方向性は、「拡充」「継続」「見直し」「終了」の4区分により表示する。", st_body))
    story.append(P("3　評価結果の概要", st_h1))
    ev_cnt = Counter(p["evaluation"] for p in projs)
    mk_cnt = Counter(f2_mark(k) for k in allk)
    rows = [[P("事業の評価", st_lab), P("事業数", st_lab), "", P("KPIの達成度", st_lab), P("指標数", st_lab)]]
    marks = ["◎", "○", "△", "×", None]
    for i, e in enumerate(EVALS + [None]):
        left = [P(e, st_c), P(f"{ev_cnt[e]}事業", st_num)] if e else [P("計", st_cc),
                                                                     P(f"{len(projs)}事業", st_num)]
        m = marks[i]
        right = ([P(f"{m}（{['120%以上', '100%以上120%未満', '80%以上100%未満', '80%未満'][i]}）", st_c),
                  P(f"{mk_cnt[m]}指標", st_num)] if m else
                 [P("－（実績値未確定）", st_c), P(f"{mk_cnt[None]}指標", st_num)])
        rows.append(left + [""] + right)
    rows.append(["", "", "", P("計", st_cc), P(f"{len(allk)}指標", st_num)])
    t = Table(rows, colWidths=[70 * mm, 24 * mm, 8 * mm, 60 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade),
                                  ("BACKGROUND", (2, 0), (2, -1), colors.white),
                                  ("LINEABOVE", (2, 0), (2, -1), 0, colors.white),
                                  ("LINEBELOW", (2, 0), (2, -1), 0, colors.white),
                                  ("LINEBELOW", (0, -2), (1, -1), 0, colors.white),
                                  ("LINEBEFORE", (0, -1), (1, -1), 0, colors.white),
                                  ("LINEAFTER", (0, -1), (0, -1), 0, colors.white)]))
    story.append(Spacer(1, 1 * mm))
    story.append(t)
    story.append(P("4　事業別の評価結果", st_h1))
    story.append(P("事業別の評価結果は、次ページ以降の「効果検証結果一覧表」のとおりである。", st_body))
    story.append(PageBreak())

    # ---------------- pages 2-3: the wide table ----------------
    cols = [("No.", 9), ("事業名", 46), ("担当部署", 24), ("事業期間", 21), ("交付金の名称", 38),
            ("重要業績評価指標（KPI）", 58), ("単位", 13), ("基準値", 15), ("目標値\n（R4）", 15),
            ("実績値\n（R4）", 15), ("達成度", 20), ("R3決算", 16), ("R4決算", 16), ("R5予算", 16),
            ("令和4年度の主な取組内容・成果", 0), ("評価", 24), ("今後の\n方向性", 15)]
    fixed = sum(w for _, w in cols) * mm
    widths = [w * mm if w else CW - fixed for _, w in cols]
    BUD = 11  # first budget column

    def header_rows():
        r0, r1 = [], []
        for i, (lbl, _) in enumerate(cols):
            if BUD <= i < BUD + 3:
                r0.append(P("事業費（千円）", t_lab) if i == BUD else "")
                r1.append(P(lbl, t_lab))
            else:
                r0.append(P(lbl, t_lab))
                r1.append("")
        return [r0, r1]

    def kpi_cells(k):
        return [P(k["name"], t_c), P(k["unit"], t_cc), P(fmt(k["base"]), t_num),
                P(fmt(k["t"]), t_num),
                P(fmt(k["a"]) if k["a"] is not None else k["a_print"], t_num),
                P(f2_rate_print(k) or "－", t_cc)]

    body, ends = [], []
    for p in projs:
        grant = p["grant_program"] + (f"\n（{p['grant_type']}）" if p["grant_type"] else "")
        for j, k in enumerate(p["kpis"]):
            if j == 0:
                bud = [P(fmt(p["budget"].get(y)), t_num) for y in ("R3", "R4", "R5")]
                row = ([P(str(p["no"]), t_cc), P(p["title"], t_c), P(p["department"], t_cc),
                        P(p["period_print"], t_cc), P(grant, t_small)] + kpi_cells(k) + bud +
                       [P(p["outcome"], t_small), P(p["evaluation"], t_c), P(p["policy"], t_cc)])
            else:
                row = (["", "", P("〃", t_cc), "", ""] + kpi_cells(k) + ["", "", "", "", "", ""])
            body.append(row)
        ends.append(len(body) - 1)

    def make_table(rows, proj_ends):
        data = header_rows() + rows
        cmds = [("BOX", (0, 0), (-1, -1), 0.9, colors.black),
                ("INNERGRID", (0, 0), (-1, 1), 0.5, colors.black),
                ("LINEAFTER", (0, 2), (-2, -1), 0.5, colors.black),
                ("LINEBELOW", (5, 2), (10, -1), 0.4, colors.black),
                ("FONT", (0, 0), (-1, -1), MINCHO, TF),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                ("VALIGN", (0, 2), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("BACKGROUND", (0, 0), (-1, 1), shade),
                ("LINEBELOW", (0, 1), (-1, 1), 0.9, colors.black),
                ("SPAN", (BUD, 0), (BUD + 2, 0))]
        for i in range(len(cols)):
            if not BUD <= i < BUD + 3:
                cmds.append(("SPAN", (i, 0), (i, 1)))
        for e in proj_ends:
            cmds.append(("LINEBELOW", (0, e + 2), (-1, e + 2), 0.7, colors.black))
        t = Table(data, colWidths=widths, repeatRows=2)
        t.setStyle(TableStyle(cmds))
        return t

    story.append(P("効果検証結果一覧表（令和4年度実施事業）", st_h1))
    story.append(make_table(body, ends))
    story.append(Spacer(1, 1.5 * mm))
    story.append(P("※ 事業費のR3決算・R4決算は決算額、R5予算は当初予算額である。「－」は事業期間外を示す。", st_note))
    story.append(P("※ （↓）は数値の減少を目指す指標であり、達成度は目標値÷実績値により算出している。", st_note))
    story.append(P("※ 子育て環境の満足度は、令和5年10月実施の市民意識調査により把握するため、実績値を「未確定」としている。", st_note))
    story.append(P("※ 基準値は令和2年度の値である。基準値欄の「－」は、事業開始前の数値がないことを示す。", st_note))
    story.append(PageBreak())

    # ---------------- page 4: opinions and distractors ----------------
    story.append(P("5　有識者会議における主な意見", st_h1))
    for s in ["駅周辺のにぎわい創出は成果が表れている。マルシェの出店者が常設店舗の開業につながるよう、支援の連続性を確保されたい。",
              "農産物の輸出は好調であるが、6次産業化の商品開発が目標に届いていない。販路を見据えた商品開発となるよう見直しが必要である。",
              "子育て世帯の転入超過は目標を上回っており、住まい支援の拡充は妥当である。",
              "拠点整備事業は交付金事業としては終了するが、創業件数の増加に向けて運営体制の強化を図られたい。"]:
        story.append(P(f"・{s}", st_bul))
    story.append(P("（参考）第2期霞ヶ原市まち・ひと・しごと創生総合戦略 基本目標の数値目標の状況", st_h1))
    rows = [[P(x, st_lab) for x in ["基本目標", "数値目標", "基準値（H30）", "目標値（R6）",
                                    "現状値（R4）", "進捗"]],
            [P("1 しごとをつくり、安心して働けるようにする", st_c), P("市内の従業者数", st_c),
             P("41,230人", st_num), P("42,000人", st_num), P("40,815人", st_num), P("遅れ", st_cc)],
            [P("2 新しいひとの流れをつくる", st_c), P("社会増減数", st_c),
             P("△312人", st_num), P("0人", st_num), P("△145人", st_num), P("順調", st_cc)],
            [P("3 結婚・出産・子育ての希望をかなえる", st_c), P("合計特殊出生率", st_c),
             P("1.38", st_num), P("1.50", st_num), P("1.41", st_num), P("遅れ", st_cc)],
            [P("4 安心して暮らせる魅力的なまちをつくる", st_c), P("市民の定住意向", st_c),
             P("78.5％", st_num), P("85.0％", st_num), P("80.2％", st_num), P("順調", st_cc)]]
    t = Table(rows, colWidths=[90 * mm, 60 * mm, 30 * mm, 30 * mm, 30 * mm, 20 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※ 数値目標は総合戦略全体の目標であり、個別事業の重要業績評価指標（KPI）ではない。△はマイナスを示す。", st_note))
    story.append(P("（参考）地方創生関係交付金事業費の推移（単位：千円）", st_h1))
    tot = {y: sum(p["budget"].get(y, 0) for p in projs) for y in ("R3", "R4", "R5")}
    nproj = {y: sum(1 for p in projs if y in p["budget"]) for y in ("R3", "R4", "R5")}
    rows = [[P(x, st_lab) for x in ["年度", "事業数", "事業費", "うち交付金", "備考"]]]
    for y, lbl, note in (("R3", "令和3年度", "決算"), ("R4", "令和4年度", "決算"), ("R5", "令和5年度", "当初予算")):
        rows.append([P(lbl, st_cc), P(f"{nproj[y]}事業", st_num), P(fmt(tot[y]), st_num),
                     P(fmt(tot[y] // 2), st_num), P(note, st_cc)])
    t = Table(rows, colWidths=[30 * mm, 22 * mm, 30 * mm, 30 * mm, 30 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8.5)
        canvas.drawString(lm, H - 11 * mm, "令和4年度 地方創生関係交付金事業 効果検証結果一覧")
        canvas.drawRightString(W - rm, H - 11 * mm, "霞ヶ原市 企画政策課")
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
            "budget": dict(p["budget"]), "budget_unit": "千円",
            "budget_planned": [y for y in F2_PLANNED if y in p["budget"]],
            "evaluation": p["evaluation"], "policy": p["policy"], "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": f2_clean(k["name"]),
                "unit": k["unit"], "baseline": k["base"], "fiscal_year": "R4",
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": rate_from_print(f2_rate_print(k)),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": "R4",
                   "layout": "a3_landscape_wide_table_one_row_per_kpi_project_cells_first_row_only",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# heading: how a project's title is found on its own page (a pattern that
# does not match the page-1 list).  kpis: KPI name (as in the truth) -> page
# of its row / column.
# tsubakiura: the 調書 flow on without page breaks (a question block is never
# split from its answer, a new 調書 needs about 50 mm): project 1's header and
# 問１-問２ are at the foot of page 1 and its KPI table is on page 2; likewise
# 2 → 3 and 3 → 4.  Project 4 starts at the top of page 5, project 5 on page 6.
# kasumigahara: the wide table runs over pages 2-3; the page break falls
# inside project 4 (first KPI row on page 2, the other two on page 3, under
# the repeated header, with a blank 事業名 and 〃 in 担当部署).
PAGES = {
    "tsubakiura_r5_qa_chosho": {
        "heading": "事業名{title}",
        "projects": {1: 1, 2: 2, 3: 3, 4: 5, 5: 6},
        "kpis": {"漁港直売所の年間来場者数": 2, "体験漁業・釣り教室の参加者数": 2,
                 "漁港エリアへの新規出店数": 2,
                 "お試し暮らし住宅の利用世帯数": 3, "移住相談件数": 3, "本事業を通じた移住者数": 3,
                 "デマンドタクシーの年間利用者数": 4, "公共交通空白地域の居住人口": 4,
                 "免許返納者のうち乗合タクシー利用登録者の割合": 4,
                 "椿浦ブランド認証品の数": 5, "地場産品の町外出荷額": 5, "返礼品を扱う町内事業者数": 5,
                 "乳幼児健診の受診率": 6, "産後ケア事業の利用者数": 6},
    },
    "kasumigahara_r4_widetable": {
        "heading": "{no}{title}",
        "projects": {1: 2, 2: 2, 3: 2, 4: 2, 5: 3},
        "kpis": {"駅周辺の歩行者通行量（休日）": 2, "空き店舗への新規出店数": 2,
                 "駅周辺エリアの空き店舗率": 2,
                 "農産物輸出額": 2, "６次産業化による新商品の開発数": 2, "新規就農者数（年間）": 2,
                 "子育て世帯の転入超過数": 2, "住まい支援補助の交付件数": 2,
                 "子育て環境に満足する市民の割合": 2,
                 "1人1日当たりのごみ排出量": 2, "ごみ分別アプリのダウンロード数": 3, "リサイクル率": 3,
                 "拠点の年間利用者数": 3, "拠点を利用した創業件数": 3, "拠点でのイベント開催回数": 3},
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
        for key in ("title", "department", "evaluation", "policy", "outcome", "period"):
            assert has(pr[key]), (pdf_name, key, pr[key])
        assert has(pr["grant_program"]), (pdf_name, pr["grant_program"])
        if pr["grant_type"]:
            assert has(f"{pr['grant_program']}（{pr['grant_type']}）") or \
                has(f"{pr['grant_program']}\n（{pr['grant_type']}）"), (pdf_name, pr["grant_type"])
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
    """The printed 達成率 / 達成度 strings (those the truth rates come from)
    are in the text as generated, cell by cell."""
    flat = norm(text)
    if stem == F1["stem"]:
        for p in F1["projects"]:
            cells = [f1_rate_print(p, k) for k in p["kpis"]]
            if p["rate"] == "word":
                assert not any(cells)
                cells = ["達成" if computed_rate(k) >= 1 else "未達成" for k in p["kpis"]]
                row = "達成状況" + "".join(cells)
            else:
                row = "達成率" + "".join(c or "－" for c in cells)
            assert norm(row) in flat, (stem, p["no"], row)
    else:
        for p in F2["projects"]:
            for k in p["kpis"]:
                r = f2_rate_print(k)
                if r is not None:
                    assert norm(r) in flat, (stem, k["name"], r)


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
        exp = PAGES[pdf.stem]
        for pr in truth["projects"]:
            head = exp["heading"].format(no=pr["no"], title=pr["title"])
            if report_only:
                print(pdf.stem, "project", pr["no"], page_of(pages, head))
                continue
            pr["page"] = exp["projects"][pr["no"]]
            assert page_of(pages, head) == [pr["page"]], (pdf.name, head, page_of(pages, head))
        for k in truth["kpis"]:
            if report_only:
                print(pdf.stem, "kpi", k["project_no"], k["name"], page_of(pages, k["name"]))
                continue
            k["page"] = exp["kpis"][k["name"]]
            assert page_of(pages, k["name"]) == [k["page"]], (pdf.name, k["name"],
                                                               page_of(pages, k["name"]))
        if report_only:
            continue
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 60)


if __name__ == "__main__":
    main(sys.argv[1:])
