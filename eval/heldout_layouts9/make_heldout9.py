"""Generate a ninth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/,
eval/heldout_layouts8/make_heldout8.py and eval/heldout_layouts7/make_heldout7.py
were consulted, for the technique, the truth schema and the self-checks.
Deterministic: reportlab documents are built with invariant=1.

    .venv/bin/python eval/heldout_layouts9/make_heldout9.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts9/make_heldout9.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts9/make_heldout9.py --pages  # only print where things are found

Fixtures
--------
tsuzurahara_r5_hyoka_chosho
    葛籠原町 (fictional), FY R5.  A cover page, then one 事業評価調書 per
    project, ONE A4 PAGE EACH: a ruled form with a LABEL COLUMN on the left
    (項目 | 内容).  The tall rows are labelled in VERTICAL writing (one
    glyph per line: 取/組/内/容, 成/果/指/標).  The budget is a small table
    区分 | R3 | R4 | R5 | R6（当初予算） with rows 事業費 / うち交付金 /
    一般財源 (千円).  Each KPI is a header line (KPI① name, then 単位 /
    基準値 / 目標の方向) over a TRANSPOSED table: FISCAL YEARS AS ROWS
    (令和3年度 / 令和4年度 / 令和5年度) and the columns 目標値 | 実績値 |
    達成率 | 備考.  A year whose 目標値 is 「－」 is before the project
    began.  One sheet writes its years in 西暦 (2021年度 …), one is typed
    with full-width digits.

akanegaura_r4_kouiki_renkei
    茜ヶ浦町 (fictional) and its partners, FY R4.  The joint 効果検証報告書
    of a 広域連携 (あかね湾岸地域広域連携推進協議会; 茜ヶ浦町 is the
    事務局).  Each project lists its 代表団体 (with the 担当課) and its
    連携団体 (each with its own 課); one project is represented by a partner
    town.  The budget is a SHARE TABLE by municipality (rows: the member
    towns and 合計; two-level header: year over 事業費 | うち交付金, in 円).
    The KPIs are reported for the whole area; on three projects the KPI
    table has a TWO-LEVEL HEADER whose 実績値 spans 圏域全体 and one column
    per member town.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
from heldout_gen import (GOTHIC, MINCHO, P, T, V, check_cells, check_schema, computed_rate,  # noqa: E402
                         extract_checked, fmt, grant_name, ident, make_has, norm, page_of,
                         pdftoppm_previews, period_to_truth, rate_str, style, truth_rate,
                         write_truth, write_txt, zen)


# ===========================================================================
# Fixture 1: 葛籠原町 — 事業評価調書, one page per project (FY R5)
# ===========================================================================

# budget: {fy: (事業費, うち交付金)}, 千円; 一般財源 = 事業費 - うち交付金.
#         "R6" is the 当初予算 column (planned).
# kpis:   rows = [(fy, target, actual, 備考)]; target None prints 「－」 (a year
#         before the project began: not a record); actual None prints 「－」,
#         "集計中" prints itself (a record with actual null).
# years:  how the year rows are labelled: "reiwa" 令和3年度, "zen" 令和３年度,
#         "seireki" 2021年度.
F1 = {
    "stem": "tsuzurahara_r5_hyoka_chosho",
    "city": "葛籠原町",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="葛籠原渓谷の自然資源を生かした体験型・滞在型観光の推進による交流人口拡大事業",
             short="渓谷の体験型観光推進",
             department="商工観光課", dept_print="商工観光課　観光振興係",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, years="reiwa",
             purpose="町を訪れる観光客は日帰りが中心で、観光消費が町内に落ちにくい。渓谷の自然資源を生かした"
                     "体験プログラムを整え、宿泊を伴う滞在型の観光地への転換を図る。",
             budget={"R3": (12480, 6240), "R4": (14920, 7460), "R5": (13650, 6825)},
             budget_note=None,
             outcome="渓谷沿いの遊歩道2.4kmを再整備し、カヌーと沢登りの体験プログラムを町内外の民間事業者3社と共同で造成した。"
                     "体験の予約サイトを英語と中国語に対応させ、首都圏の旅行会社向けの商談会を2回開催した。"
                     "また、町内の宿泊施設5軒と連携して連泊割引の実証を行った。",
             kpis=[
                 dict(name="渓谷エリアの観光入込客数", unit="千人", base=(142, "令和2年度"), lib=False,
                      rows=[("R3", 150, 138, "コロナ禍の影響"), ("R4", 165, 171, ""), ("R5", 180, 196, "")]),
                 dict(name="体験プログラムの参加者数", unit="人", base=None, lib=False,
                      rows=[("R3", 500, 412, ""), ("R4", 800, 865, ""), ("R5", 1000, 1124, "")]),
                 dict(name="渓谷エリアの観光消費額", unit="百万円", base=(820, "令和2年度"), lib=False,
                      rows=[("R3", 850, 791, ""), ("R4", 900, 934, ""), ("R5", 950, "集計中", "※参照")]),
             ],
             kpi_note="※令和5年度の観光消費額は、県の観光統計（令和6年10月公表予定）により確定する。",
             evaluation="地方創生に相当程度効果があった",
             reason="入込客数と体験プログラムの参加者数は2年連続で目標値を上回った。観光消費額は令和5年度分が"
                    "未確定であるが、令和4年度は目標値を上回っている。",
             policy="終了",
             next="令和6年度以降は、町観光協会の自主事業として体験プログラムと予約サイトの運営を続ける。"),
        dict(no=2,
             title="空き家を活用したお試し住宅の運営とオンライン移住相談による移住・定住促進事業",
             short="お試し住宅・移住相談",
             department="総合政策課", dept_print="総合政策課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             zen=False, years="reiwa",
             purpose="転出超過が続く若い世代の移住を促すため、町内の空き家をお試し住宅として活用し、"
                     "相談から住まい探しまでを一貫して支援する。",
             budget={"R4": (8640, 4320), "R5": (9215, 4607), "R6": (9000, 4500)},
             budget_note=None,
             outcome="空き家2戸を改修したお試し住宅の運営を続け、延べ31世帯が利用した。オンライン移住相談の受付を"
                     "平日夜間と土日に広げ、首都圏と関西圏の移住フェアに計4回出展した。"
                     "移住者向けの住まい探しツアーを町内の不動産事業者と共同で6回実施した。",
             kpis=[
                 dict(name="移住相談件数", unit="件", base=(64, "令和3年度"), lib=False,
                      rows=[("R3", None, 64, "事業開始前（参考値）"), ("R4", 120, 138, ""), ("R5", 150, 163, "")]),
                 dict(name="お試し住宅を利用した移住世帯数", unit="世帯", base=None, lib=False,
                      rows=[("R3", None, None, "事業開始前"), ("R4", 6, 4, "住宅の運用は7月から"),
                            ("R5", 8, 9, "")]),
             ],
             kpi_note=None,
             evaluation="地方創生に効果があった",
             reason="移住相談件数は2年続けて目標値を上回った。お試し住宅を経た移住世帯数は令和4年度は目標値に"
                    "届かなかったが、令和5年度は上回った。",
             policy="拡充",
             next="お試し住宅を1戸増やし、利用後の住まい探しと仕事探しの支援を強化する。"),
        dict(no=3,
             title="子育て応援アプリの導入と健診予約のオンライン化による子育て世代の負担軽減事業",
             short="子育て応援アプリ",
             department="こども家庭課", dept_print="こども家庭課",
             period="令和5年度〜令和7年度", period_print="令和５年度～令和７年度（３か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             zen=True, years="zen",
             purpose="乳幼児健診の待ち時間が長く、働く保護者の負担になっている。健診の予約と母子健康手帳の記録を"
                     "アプリで行えるようにし、子育て世代の負担を減らす。",
             budget={"R5": (21360, 10680), "R6": (5400, 2700)},
             budget_note=None,
             outcome="令和５年６月に子育て応援アプリを導入し、母子健康手帳の記録、予防接種の通知、健診の予約を"
                     "アプリで行えるようにした。乳幼児健診の受付を予約制とし、保健センターの待合スペースを"
                     "１２席から２０席に広げた。",
             kpis=[
                 dict(name="子育て応援アプリの登録者数", unit="人", base=None, lib=False,
                      rows=[("R3", None, None, "事業開始前"), ("R4", None, None, "事業開始前"),
                            ("R5", 1200, 1456, "")]),
                 dict(name="乳幼児健診の平均待ち時間", unit="分", base=(45, "令和４年度"), lib=True,
                      rows=[("R3", None, None, "事業開始前"), ("R4", None, None, "事業開始前"),
                            ("R5", 30, 36, "予約枠の調整中")]),
             ],
             kpi_note=None,
             evaluation="地方創生に相当程度効果があった",
             reason="アプリの登録者数は目標値を大きく上回った。健診の平均待ち時間は基準値から短くなったが、"
                    "目標値には届かなかった。",
             policy="継続",
             next="健診の予約枠を見直し、待ち時間の短縮を図る。"),
        dict(no=4,
             title="旧葛籠原中学校の校舎を改修した多世代交流・テレワーク拠点の整備事業",
             short="旧中学校の交流拠点整備",
             department="生涯学習課", dept_print="生涯学習課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             zen=False, years="reiwa",
             purpose="閉校した旧葛籠原中学校の校舎を改修し、住民の交流の場と、町外の企業や個人が利用できる"
                     "テレワークの場を整備する。",
             budget={"R5": (58460, 29230)},
             budget_note="※令和4年度補正予算を令和5年度に繰り越して執行した。",
             outcome="旧葛籠原中学校の校舎1階と2階を改修し、令和5年6月に多世代交流スペースとテレワークスペース"
                     "（個室4室、座席20席）を開所した。開所記念のイベントと、町外の企業向けの見学会を開催した。",
             kpis=[
                 dict(name="交流拠点の年間利用者数", unit="人", base=None, lib=False,
                      rows=[("R3", None, None, ""), ("R4", None, None, "整備期間"),
                            ("R5", 4000, 4380, "令和5年6月開所")]),
                 dict(name="テレワークスペースの月平均利用件数", unit="件", base=None, lib=False,
                      rows=[("R3", None, None, ""), ("R4", None, None, "整備期間"),
                            ("R5", 60, 52, "開所後10か月の平均")]),
             ],
             kpi_note=None,
             evaluation="地方創生に効果があった",
             reason="交流スペースの利用は目標値を上回ったが、テレワークスペースの利用は町外への周知が不足し、"
                    "目標値を下回った。",
             policy="見直し",
             next="町外の企業への周知を強め、テレワークスペースの料金体系を見直す。"),
        dict(no=5,
             title="AIデマンド交通の運行と乗換拠点の整備による町内全域の移動手段確保事業",
             short="AIデマンド交通",
             department="住民生活課", dept_print="住民生活課　交通政策係",
             period="令和3年度〜令和6年度", period_print="令和3年度～令和6年度（4か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, years="seireki",
             purpose="路線バスの廃止により公共交通の空白地域が広がっている。AIを活用した予約型の乗合交通を運行し、"
                     "町内全域で高齢者などの移動手段を確保する。",
             budget={"R3": (7820, 3910), "R4": (8460, 4230), "R5": (8935, 4467), "R6": (8000, 4000)},
             budget_note=None,
             outcome="AIデマンド交通の運行エリアを町内全域に広げ、車両を3台から4台に増やした。役場前と診療所前に"
                     "乗換拠点を整備し、路線バスとの乗り継ぎを可能にした。高齢者向けにスマートフォン予約の講習会を8回開催した。",
             kpis=[
                 dict(name="デマンド交通の年間利用者数", unit="人", base=(1980, "2020年度"), lib=False,
                      rows=[("R3", 3000, 2614, ""), ("R4", 3600, 3702, ""), ("R5", 4200, 4455, "")]),
                 dict(name="公共交通空白地域の居住人口", unit="人", base=(1540, "2020年度"), lib=True,
                      rows=[("R3", 1200, 1260, "目標値÷実績値"), ("R4", 900, 870, "目標値÷実績値"),
                            ("R5", 600, 645, "目標値÷実績値")]),
             ],
             kpi_note=None,
             evaluation="地方創生に効果があった",
             reason="利用者数は2年続けて目標値を上回った。空白地域の居住人口は乗換拠点の整備により減ったが、"
                    "令和5年度は目標値に届かなかった。",
             policy="継続",
             next="令和6年度は予約システムを更新し、乗換拠点を1か所増やす。"),
    ],
}
F1_YEARS = ["R3", "R4", "R5"]
F1_BUDGET_COLS = ["R3", "R4", "R5", "R6"]
F1_NPAGES = 6
CIRC = "①②③④⑤"


def f1_Z(p):
    return zen if p["zen"] else ident


def f1_year_label(p, fy):
    n = int(fy[1:])
    if p["years"] == "seireki":
        return f"{2018 + n}年度"
    lab = f"令和{n}年度"
    return zen(lab) if p["years"] == "zen" else lab


def f1_row_cells(p, k, row):
    """A year row of a KPI table, as printed: 年度 | 目標値 | 実績値 | 達成率 | 備考."""
    Z = f1_Z(p)
    fy, t, a, note = row
    tt = Z(fmt(t))
    aa = a if isinstance(a, str) else Z(fmt(a))
    if t is not None and isinstance(a, (int, float)):
        r = Z(rate_str(t, a, k["lib"]))
    else:
        r = "－"
    return [f1_year_label(p, fy), tt, aa, r, Z(note)]


def f1_row_key(p, k, row):
    return "".join(f1_row_cells(p, k, row))


def f1_kpi_head(p, i, k):
    Z = f1_Z(p)
    base = "－" if k["base"] is None else f"{Z(fmt(k['base'][0]))}（{k['base'][1]}）"
    direction = "減少" if k["lib"] else "増加"
    return (f"KPI{CIRC[i]}　{k['name']}",
            f"単位：{k['unit']}　　基準値：{base}　　目標の方向：{direction}")


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 17 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=17 * mm, bottomMargin=15 * mm,
                            title="令和5年度 地方創生関係交付金事業 事業評価調書", author="葛籠原町",
                            creator="Microsoft Word", subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 15, 21, align=TA_CENTER)
    st_date = style("dt", MINCHO, 10, 15, align=TA_RIGHT)
    st_h = style("h", GOTHIC, 10.5, 16, spaceBefore=6, spaceAfter=2)
    st_body = style("b", MINCHO, 9.5, 15, firstLineIndent=9.5)
    st_item = style("it", MINCHO, 9.2, 14, leftIndent=18, firstLineIndent=-14)
    st_form = style("fm", GOTHIC, 12.5, 17)
    st_formr = style("fmr", GOTHIC, 10, 17, align=TA_RIGHT)
    st_lab = style("lb", GOTHIC, 8.6, 11.5, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.8, 12.6)
    st_ct = style("ct", GOTHIC, 9.6, 13.5)
    st_kh = style("kh", GOTHIC, 8.6, 12, spaceBefore=3)
    st_kd = style("kd", MINCHO, 8.2, 11.5, spaceAfter=1.5)
    st_note = style("nt", MINCHO, 7.8, 11, spaceBefore=2)
    st_th = style("th", GOTHIC, 8, 10.5, align=TA_CENTER)
    st_td = style("td", MINCHO, 8.2, 10.5)
    st_tn = style("tn", MINCHO, 8.2, 10.5, align=TA_RIGHT)
    st_tc = style("tc", MINCHO, 8.2, 10.5, align=TA_CENTER)
    GRID = colors.HexColor("#404040")
    SHADE = colors.HexColor("#E7E6E6")

    projs = F1["projects"]
    story = []

    # ---------------- page 1: cover ----------------
    story += [
        Spacer(1, 4 * mm),
        P("令和5年度<br/>地方創生関係交付金事業 事業評価調書", st_title),
        Spacer(1, 4 * mm),
        P("2024年（令和6年）8月<br/>葛籠原町 総合政策課", st_date),
        Spacer(1, 3 * mm),
        P("1　趣旨", st_h),
        P("本町では、地方創生関係交付金を活用して実施した事業について、毎年度、担当課による自己評価を行い、"
          "葛籠原町総合戦略推進会議の意見を聴いて効果を検証している。本書は、令和5年度に実施した5事業の"
          "事業評価調書を取りまとめたものである。", st_body),
        P("2　調書の見方", st_h),
        P("(1)　調書は1事業につき1ページとし、「成果指標」欄には、指標ごとに令和3年度から令和5年度までの"
          "目標値、実績値及び達成率を年度ごとに記載している。", st_item),
        P("(2)　達成率は、実績値÷目標値により算出した。「目標の方向」が「減少」の指標は、目標値÷実績値により"
          "算出している。", st_item),
        P("(3)　事業開始前の年度は目標値を「－」とし、実績値は参考値として記載している（達成率は算出しない）。", st_item),
        P("(4)　実績値が確定していないものは「集計中」とし、達成率は「－」とした。", st_item),
        P("(5)　事業費の「R6（当初予算）」欄は令和6年度の当初予算額であり、決算額ではない。", st_item),
        P("3　評価区分", st_h),
        P("事業の評価は、次の4区分による。", st_body),
        P("・地方創生に非常に効果的であった", st_item),
        P("・地方創生に相当程度効果があった", st_item),
        P("・地方創生に効果があった", st_item),
        P("・地方創生に対して効果がなかった", st_item),
        P("4　評価対象事業", st_h),
    ]
    tot5 = sum(p["budget"].get("R5", (0, 0))[0] for p in projs)
    lrows = [[P(x, st_th) for x in ["調書No.", "事業名（略称）", "担当課", "事業期間", "R5事業費（千円）"]]]
    for p in projs:
        lrows.append([P(str(p["no"]), st_tc), P(p["short"], st_td), P(p["department"], st_td),
                      P(f1_Z(p)(p["period_print"]), st_td), P(fmt(p["budget"]["R5"][0]), st_tn)])
    lrows.append(["", P("合計", st_tc), "", "", P(fmt(tot5), st_tn)])
    story.append(T(lrows, [40, 130, 78, 150, 80],
                   [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("FONT", (0, 0), (-1, -1), MINCHO, 8.2), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)],
                   hAlign="LEFT"))
    allk = [(p, k) for p in projs for k in p["kpis"]]
    story += [
        P("5　成果指標の達成状況（令和5年度）", st_h),
        P(f"令和5年度の目標値を設定した{len(allk)}指標のうち、目標値を達成したものは"
          f"{sum(1 for p, k in allk for r in k['rows'] if r[0] == 'R5' and isinstance(r[2], int) and computed_rate(r[1], r[2], k['lib']) >= 1)}指標、"
          f"達成しなかったものは"
          f"{sum(1 for p, k in allk for r in k['rows'] if r[0] == 'R5' and isinstance(r[2], int) and computed_rate(r[1], r[2], k['lib']) < 1)}指標、"
          f"実績値が集計中のものは1指標であった（前年度は9指標のうち6指標を達成）。", st_body),
        PageBreak(),
    ]

    # ---------------- one 調書 per page ----------------
    LW = 70                       # label column
    VW = CW - LW                  # content column
    inner = VW - 8                # content column less its paddings
    for p in projs:
        Z = f1_Z(p)
        head = T([[P("事業評価調書（令和5年度実施事業）", st_form), P(f"調書No.{Z(str(p['no']))}", st_formr)]],
                 [CW * 0.75, CW * 0.25],
                 [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                  ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black)])
        # budget table: 区分 | R3 | R4 | R5 | R6（当初予算）
        bh = ["区分"] + [c if c != "R6" else "R6（当初予算）" for c in F1_BUDGET_COLS]
        brows = [[P(x, st_th) for x in bh]]
        for lab, f in (("事業費", lambda v: v[0]), ("うち交付金", lambda v: v[1]),
                       ("一般財源", lambda v: v[0] - v[1])):
            brows.append([P(lab, st_td)] + [P(Z(fmt(f(p["budget"][c]))) if c in p["budget"] else "－", st_tn)
                                             for c in F1_BUDGET_COLS])
        bt = T(brows, [78, 70, 70, 70, 86],
               [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("FONT", (0, 0), (-1, -1), MINCHO, 8.2), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)],
               hAlign="LEFT")
        bcell = [bt] + ([P(p["budget_note"], st_note)] if p["budget_note"] else [])
        # KPI blocks
        kcell = []
        for i, k in enumerate(p["kpis"]):
            h1, h2 = f1_kpi_head(p, i, k)
            krows = [[P(x, st_th) for x in ["年度", "目標値", "実績値", "達成率", "備考"]]]
            for row in k["rows"]:
                c = f1_row_cells(p, k, row)
                krows.append([P(c[0], st_tc), P(c[1], st_tn), P(c[2], st_tn if c[2] != "集計中" else st_tc),
                              P(c[3], st_tn), P(c[4], st_td) if c[4] else ""])
            kt = T(krows, [72, 62, 62, 58, 148],
                   [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("FONT", (0, 0), (-1, -1), MINCHO, 8.2), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)],
                   hAlign="LEFT")
            kcell += [P(Z(h1), st_kh), P(Z(h2), st_kd), kt]
        if p["kpi_note"]:
            kcell.append(P(p["kpi_note"], st_note))
        rows = [
            [P("事業名", st_lab), P(p["title"], st_ct)],
            [P("担当課", st_lab), P(p["dept_print"], st_c)],
            [P("事業期間", st_lab), P(Z(p["period_print"]), st_c)],
            [P("交付金の種類", st_lab), P(grant_name(p), st_c)],
            [P("事業の目的", st_lab), P(p["purpose"], st_c)],
            [P("事業費<br/>（単位：千円）", st_lab), bcell],
            [V("取組内容"), P(p["outcome"], st_c)],
            [V("成果指標"), kcell],
            [P("事業の評価", st_lab), P(p["evaluation"], st_ct)],
            [P("評価の理由", st_lab), P(p["reason"], st_c)],
            [P("今後の方針", st_lab), P(p["policy"], st_ct)],
            [P("今後の取組", st_lab), P(p["next"], st_c)],
        ]
        form = T(rows, [LW, VW],
                 [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BOX", (0, 0), (-1, -1), 1.1, colors.black),
                  ("BACKGROUND", (0, 0), (0, -1), SHADE), ("FONT", (0, 0), (-1, -1), GOTHIC, 9.5),
                  ("LEADING", (0, 0), (-1, -1), 13), ("ALIGN", (0, 0), (0, -1), "CENTER"),
                  ("VALIGN", (0, 0), (0, -1), "MIDDLE"), ("VALIGN", (1, 0), (1, -1), "TOP"),
                  ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                  ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)],
                 hAlign="LEFT")
        assert sum(kt._colWidths) <= inner and sum(bt._colWidths) <= inner
        story += [head, Spacer(1, 3 * mm), form]
        if p is not projs[-1]:
            story.append(PageBreak())

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 8)
        canvas.drawString(lm, H - 10 * mm, "葛籠原町 地方創生関係交付金事業 事業評価調書")
        canvas.drawRightString(W - rm, H - 10 * mm, "令和5年度")
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
            "budget": {fy: p["budget"][fy][0] for fy in F1_BUDGET_COLS if fy in p["budget"]},
            "budget_unit": "千円",
            "budget_planned": ["R6"] if "R6" in p["budget"] else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            for fy, t, a, _ in k["rows"]:
                if t is None:
                    continue                     # before the project began: history
                actual = a if isinstance(a, (int, float)) else None
                kpis.append({
                    "project_no": p["no"], "name": k["name"],
                    "unit": k["unit"], "baseline": None if k["base"] is None else k["base"][0],
                    "fiscal_year": fy,
                    "target_date": None, "target": t, "actual": actual,
                    "rate": truth_rate(t, actual, k["lib"]),
                    "lower_is_better": k["lib"], "page": None,
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": F1["fy"],
                   "layout": "hyoka_chosho_one_page_per_project_label_column_kpi_year_rows",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 茜ヶ浦町 ほか — 広域連携 joint report (FY R4)
# ===========================================================================

TOWNS = {"茜ヶ浦町": "akane", "鶉野町": "uzura", "檜垣村": "higaki", "真菰川村": "makomo"}

# members: [(town, 課)], the first is the 代表団体 (its 課 is the department).
# shares:  {fy: [事業費 per member, in the members' order]}, 円; the grant is
#          half of each share.  fy "R5" is the 当初予算 (planned).
# kpis:    t / a for the whole area (a None: 「集計中」); by_town: the actual
#          per member (a breakdown, printed under a two-level header), or None
#          for a one-level table.  base: the 基準値（R2） or None (「－」).
F2 = {
    "stem": "akanegaura_r4_kouiki_renkei",
    "city": "茜ヶ浦町",
    "fy": "R4",
    "projects": [
        dict(no=1,
             title="あかね湾岸サイクルツーリズムの推進による広域周遊観光の促進事業",
             members=[("茜ヶ浦町", "商工観光課"), ("鶉野町", "産業振興課"), ("檜垣村", "総務企画課")],
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             zen=False,
             summary="湾岸の3町村をつなぐサイクリングコースを設定し、レンタサイクルと休憩所を整えて、"
                     "圏域を周遊する観光客を増やす。",
             outcome="湾岸を一周する全長68kmのサイクリングコースに案内サインと路面表示を設置し、3町村の道の駅と"
                     "観光案内所の計6か所にレンタサイクルの貸出・返却拠点を整えた。サイクリストを受け入れる"
                     "飲食店と宿泊施設を「サイクルサポート店」として42店登録し、周遊マップを作成した。",
             shares={"R3": [9860000, 4120000, 2310000], "R4": [11482000, 5036000, 2694000],
                     "R5": [10500000, 4800000, 2500000]},
             budget_note=None,
             kpis=[
                 dict(name="サイクリングコースの利用者数", unit="人", base=18400, t=24000, a=25930, lib=False,
                      by_town=[14210, 7480, 4240]),
                 dict(name="レンタサイクルの貸出台数", unit="台", base=None, t=3000, a=2745, lib=False,
                      by_town=[1620, 780, 345]),
                 dict(name="圏域の観光消費額", unit="百万円", base=2180, t=2400, a=None, lib=False,
                      by_town=[1386, 612, None]),
             ],
             kpi_note="※圏域の観光消費額は、檜垣村分が村の観光統計（令和5年12月公表予定）により確定するため、"
                      "圏域全体の値は集計中である。",
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=2,
             title="あかね湾岸暮らし体験と圏域合同の移住相談による移住・定住促進事業",
             members=[("茜ヶ浦町", "企画課"), ("鶉野町", "企画財政課"), ("檜垣村", "総務企画課"),
                      ("真菰川村", "振興課")],
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             zen=False,
             summary="4町村が合同で移住相談窓口を設け、圏域内のどこに住んでも暮らしを体験できる"
                     "仕組みをつくり、圏域への移住を促す。",
             outcome="4町村合同のオンライン移住相談窓口を開設し、東京と大阪の移住フェアに圏域として計3回出展した。"
                     "各町村のお試し住宅を共通の予約サイトで案内し、移住体験ツアーを年4回実施した。",
             shares={"R4": [6240000, 3180000, 2050000, 1530000],
                     "R5": [6500000, 3300000, 2100000, 1600000]},
             budget_note=None,
             kpis=[
                 dict(name="圏域への移住者数", unit="人", base=84, t=120, a=131, lib=False, by_town=None,
                      note="4町村の合計"),
                 dict(name="合同窓口での移住相談件数", unit="件", base=None, t=400, a=362, lib=False, by_town=None,
                      note="窓口開設は6月"),
             ],
             kpi_note=None,
             evaluation="地方創生に効果があった", policy="拡充"),
        dict(no=3,
             title="スマート農業機械の共同利用と担い手の育成による圏域農業の振興事業",
             members=[("鶉野町", "農林水産課"), ("茜ヶ浦町", "農政課"), ("檜垣村", "産業建設課")],
             period="令和3年度〜令和5年度", period_print="2021年度～2023年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             zen=False,
             summary="ドローンや自動操舵トラクターなどのスマート農業機械を3町村で共同利用し、"
                     "担い手の負担を減らして耕作放棄地の発生を抑える。",
             outcome="農業用ドローン4機と自動操舵トラクター2台を共同利用の機械として導入し、予約管理の仕組みを"
                     "整えた。3町村の農業者を対象にスマート農業の研修会を9回開催し、新規就農者向けの実地研修を行った。",
             shares={"R3": [7120000, 3460000, 1980000], "R4": [8345000, 3870000, 2215000],
                     "R5": [8000000, 3800000, 2200000]},
             budget_note=None,
             kpis=[
                 dict(name="スマート農業機械を利用する経営体数", unit="経営体", base=None, t=45, a=52, lib=False,
                      by_town=[28, 15, 9]),
                 dict(name="圏域の耕作放棄地面積", unit="ha", base=334.0, t=310.0, a=318.6, lib=True,
                      by_town=[142.3, 118.9, 57.4]),
                 dict(name="圏域の新規就農者数", unit="人", base=None, t=12, a=9, lib=False,
                      by_town=[5, 3, 1]),
             ],
             kpi_note="※耕作放棄地面積は減少を目指す指標のため、達成率は目標値÷実績値により算出した。",
             evaluation="地方創生に効果があった", policy="見直し"),
        dict(no=4,
             title="道の駅あかね湾岸への圏域観光交流拠点の整備事業",
             members=[("茜ヶ浦町", "建設課"), ("鶉野町", "産業振興課"), ("檜垣村", "総務企画課")],
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             zen=False,
             summary="道の駅あかね湾岸に、3町村の特産品の販売と観光案内を行う交流拠点を整備する。",
             outcome="令和3年度補正予算を繰り越して、道の駅あかね湾岸の敷地に圏域観光交流拠点（特産品の販売所、"
                     "観光案内所、多目的スペース）を建設し、令和4年7月に開館した。",
             shares={"R4": [64820000, 18540000, 9270000]},
             budget_note="※令和3年度補正予算を令和4年度に繰り越して執行した。",
             kpis=[
                 dict(name="道の駅の年間来場者数", unit="人", base=None, t=180000, a=196420, lib=False,
                      by_town=None, note="7月開館"),
                 dict(name="圏域特産品の販売額", unit="千円", base=None, t=85000, a=78640, lib=False,
                      by_town=None, note="3町村の特産品の合計"),
             ],
             kpi_note=None,
             evaluation="地方創生に相当程度効果があった", policy="終了"),
        dict(no=5,
             title="圏域連携によるオンライン診療と救急搬送の連携体制の構築事業",
             members=[("茜ヶ浦町", "健康福祉課"), ("鶉野町", "健康推進課"), ("檜垣村", "住民福祉課")],
             period="令和4年度〜令和6年度", period_print="令和４年度～令和６年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             zen=True,
             summary="医師の少ない鶉野町と檜垣村の住民が、茜ヶ浦町の病院のオンライン診療を受けられるようにし、"
                     "救急搬送の情報共有をデジタル化する。",
             outcome="茜ヶ浦町立病院と鶉野町・檜垣村の診療所３か所をオンラインで結び、令和４年８月からオンライン診療を"
                     "始めた。救急車３台にタブレットを配備し、搬送先の病院と患者の情報を共有できるようにした。",
             shares={"R4": [5734000, 2412600, 1861400], "R5": [6000000, 2500000, 2000000]},
             budget_note=None,
             kpis=[
                 dict(name="オンライン診療の利用件数", unit="件", base=None, t=600, a=684, lib=False,
                      by_town=[390, 186, 108]),
                 dict(name="救急搬送の平均所要時間", unit="分", base=48.6, t=42.0, a=44.5, lib=True,
                      by_town=[39.8, 46.2, 51.0]),
             ],
             kpi_note="※救急搬送の平均所要時間は短縮を目指す指標のため、達成率は目標値÷実績値により算出した。"
                      "町村別の値は各消防署の集計による。",
             evaluation="地方創生に効果があった", policy="継続"),
    ],
}
F2_FYLAB = {"R3": "令和3年度（決算）", "R4": "令和4年度（決算）", "R5": "令和5年度（予算）"}


def f2_Z(p):
    return zen if p["zen"] else ident


def f2_total(p, fy):
    return sum(p["shares"][fy])


def f2_kpi_cells(p, k):
    """A KPI row as printed: name | 単位 | 基準値 | 目標値 | 実績値 [圏域全体 | towns…] | 達成率 [| 備考]."""
    Z = f2_Z(p)
    a = "集計中" if k["a"] is None else Z(fmt(k["a"]))
    r = "－" if k["a"] is None else Z(rate_str(k["t"], k["a"], k["lib"]))
    cells = [k["name"], k["unit"], Z(fmt(k["base"])), Z(fmt(k["t"])), a]
    if k["by_town"] is not None:
        cells += ["集計中" if v is None else Z(fmt(v)) for v in k["by_town"]]
        cells.append(r)
    else:
        cells += [r, k.get("note", "")]
    return cells


def f2_row_key(p, k):
    return "".join(f2_kpi_cells(p, k))


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 18 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=18 * mm, bottomMargin=16 * mm,
                            title="令和4年度 あかね湾岸地域広域連携 地方創生推進交付金事業 効果検証報告書",
                            author="あかね湾岸地域広域連携推進協議会",
                            creator="Microsoft Word", subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14.5, 21, align=TA_CENTER)
    st_org = style("o", MINCHO, 10, 15, align=TA_RIGHT)
    st_h = style("h", GOTHIC, 11, 16, spaceBefore=7, spaceAfter=3)
    st_body = style("b", MINCHO, 9.4, 15, firstLineIndent=9.4, spaceAfter=1)
    st_item = style("it", MINCHO, 9.2, 14, leftIndent=12, firstLineIndent=-12)
    st_ph = style("ph", GOTHIC, 11, 15.5, textColor=colors.white, backColor=colors.HexColor("#1F4E79"),
                  borderPadding=(3, 4, 3, 4), spaceBefore=10, spaceAfter=6)
    st_sec = style("sc", GOTHIC, 9.4, 13.5, spaceBefore=5, spaceAfter=2)
    st_th = style("th", GOTHIC, 8, 10.5, align=TA_CENTER)
    st_td = style("td", MINCHO, 8.2, 10.8)
    st_tdg = style("tdg", GOTHIC, 8.4, 11)
    st_tn = style("tn", MINCHO, 8.2, 10.8, align=TA_RIGHT)
    st_tnb = st_tn
    st_tc = style("tc", MINCHO, 8.2, 10.8, align=TA_CENTER)
    st_note = style("nt", MINCHO, 7.8, 11, spaceBefore=2)
    GRID = colors.HexColor("#404040")
    SHADE = colors.HexColor("#DDEBF7")
    LAB = colors.HexColor("#F2F2F2")
    base_cmds = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("FONT", (0, 0), (-1, -1), MINCHO, 8.2),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]

    projs = F2["projects"]
    story = [
        P("令和4年度<br/>あかね湾岸地域広域連携 地方創生推進交付金事業<br/>効果検証報告書", st_title),
        Spacer(1, 4 * mm),
        P("2023年（令和5年）9月<br/>あかね湾岸地域広域連携推進協議会<br/>（事務局：茜ヶ浦町 企画課）", st_org),
        P("1　はじめに", st_h),
        P("茜ヶ浦町、鶉野町、檜垣村及び真菰川村の4町村は、あかね湾岸地域広域連携推進協議会を設け、"
          "共同で作成した地域再生計画に基づいて、地方創生関係交付金を活用した広域連携事業に取り組んでいる。"
          "本報告書は、令和4年度に実施した5事業について、協議会で効果を検証した結果をまとめたものである。", st_body),
        P("2　連携団体", st_h),
    ]
    trows = [[P(x, st_th) for x in ["団体名", "協議会での役割", "協議会の窓口", "人口（令和4年4月1日）"]],
             [P("茜ヶ浦町", st_td), P("会長・事務局", st_td), P("企画課", st_td), P("24,816人", st_tn)],
             [P("鶉野町", st_td), P("副会長", st_td), P("企画財政課", st_td), P("11,402人", st_tn)],
             [P("檜垣村", st_td), P("委員", st_td), P("総務企画課", st_td), P("4,385人", st_tn)],
             [P("真菰川村", st_td), P("委員（移住分野のみ参加）", st_td), P("振興課", st_td), P("2,917人", st_tn)]]
    story.append(T(trows, [90, 150, 110, 110], base_cmds + [("BACKGROUND", (0, 0), (-1, 0), SHADE)],
                   hAlign="LEFT"))
    story += [
        P("3　本報告書の見方", st_h),
        P("・各事業の「代表団体」は、地域再生計画の申請と交付金の取りまとめを行う団体であり、その担当課を記載している。", st_item),
        P("・事業費は、団体ごとの負担額（事業費及びうち交付金）と、その合計を記載している。"
          "「令和5年度（予算）」は当初予算額であり、決算額ではない。", st_item),
        P("・重要業績評価指標（KPI）は、圏域全体の値である。一部の事業では、参考として団体別の実績値を併記している。", st_item),
        P("・達成率は、実績値÷目標値により算出した。減少又は短縮を目指す指標は、目標値÷実績値により算出した。", st_item),
        P("・実績値が確定していないものは「集計中」とし、達成率は「－」とした。", st_item),
        P("4　事業別の効果検証結果", st_h),
    ]

    for p in projs:
        Z = f2_Z(p)
        rep, rep_dept = p["members"][0]
        partners = "、".join(f"{t}（{d}）" for t, d in p["members"][1:])
        info = T([[P("代表団体", st_tdg), P(rep, st_td), P("担当課", st_tdg), P(rep_dept, st_td)],
                  [P("連携団体", st_tdg), P(partners, st_td), "", ""],
                  [P("事業期間", st_tdg), P(Z(p["period_print"]), st_td), P("交付金", st_tdg), P(grant_name(p), st_td)]],
                 [62, 160, 52, CW - 274],
                 base_cmds + [("SPAN", (1, 1), (3, 1)), ("BACKGROUND", (0, 0), (0, -1), LAB),
                              ("BACKGROUND", (2, 0), (2, 0), LAB), ("BACKGROUND", (2, 2), (2, 2), LAB)],
                 hAlign="LEFT")
        story.append(KeepTogether([P(f"広域事業{p['no']}　{p['title']}", st_ph), info]))
        story.append(P("(1)　事業の概要", st_sec))
        story.append(P(p["summary"], st_body))
        story.append(P("(2)　令和4年度の取組内容（圏域全体）", st_sec))
        story.append(P(p["outcome"], st_body))

        # share table: two-level header (year over 事業費 | うち交付金)
        fys = [fy for fy in ("R3", "R4", "R5") if fy in p["shares"]]
        tw = CW - 84
        cw = [84] + [tw / (2 * len(fys))] * (2 * len(fys))
        h0 = [P("団体名", st_th)]
        h1 = [""]
        for fy in fys:
            h0 += [P(F2_FYLAB[fy], st_th), ""]
            h1 += [P("事業費", st_th), P("うち交付金", st_th)]
        brows = [h0, h1]
        for i, (town, _) in enumerate(p["members"]):
            lab = town + ("（代表）" if i == 0 else "")
            row = [P(lab, st_td)]
            for fy in fys:
                v = p["shares"][fy][i]
                row += [P(fmt(v), st_tn), P(fmt(v // 2), st_tn)]
            brows.append(row)
        row = [P("合計", st_tc)]
        for fy in fys:
            row += [P(fmt(f2_total(p, fy)), st_tnb), P(fmt(f2_total(p, fy) // 2), st_tnb)]
        brows.append(row)
        cmds = base_cmds + [("SPAN", (0, 0), (0, 1)), ("BACKGROUND", (0, 0), (-1, 1), SHADE),
                            ("BACKGROUND", (0, -1), (-1, -1), LAB), ("LINEABOVE", (0, -1), (-1, -1), 1.0, GRID)]
        for j in range(len(fys)):
            cmds.append(("SPAN", (1 + 2 * j, 0), (2 + 2 * j, 0)))
        bt = T(brows, cw, cmds, hAlign="LEFT")
        bblock = [P("(3)　事業費（団体別の負担内訳）　　（単位：円）", st_sec), bt]
        if p["budget_note"]:
            bblock.append(P(p["budget_note"], st_note))
        story.append(KeepTogether(bblock))

        # KPI table
        two = p["kpis"][0]["by_town"] is not None
        if two:
            towns = [t for t, _ in p["members"]]
            ncol = len(towns)
            cw = [100, 36, 44, 44, 50] + [46] * ncol + [56]
            cw[0] += CW - sum(cw)
            h0 = [P(x, st_th) for x in ["指標名", "単位", "基準値<br/>（R2）", "目標値<br/>（R4）"]] + \
                 [P("実績値（令和4年度）", st_th)] + [""] * ncol + [P("達成率", st_th)]
            h1 = ["", "", "", "", P("圏域全体", st_th)] + [P(t, st_th) for t in towns] + [""]
            krows = [h0, h1]
            for k in p["kpis"]:
                c = f2_kpi_cells(p, k)
                krows.append([P(c[0], st_td), P(c[1], st_tc)] +
                             [P(x, st_tnb if j == 2 else st_tn) if x != "集計中" else P(x, st_tc)
                              for j, x in enumerate(c[2:-1])] + [P(c[-1], st_tn)])
            cmds = base_cmds + [("BACKGROUND", (0, 0), (-1, 1), SHADE),
                                ("SPAN", (4, 0), (4 + ncol, 0)), ("SPAN", (5 + ncol, 0), (5 + ncol, 1)),
                                ("LINEAFTER", (4, 1), (4, -1), 1.0, GRID)]
            for c in range(4):
                cmds.append(("SPAN", (c, 0), (c, 1)))
        else:
            cw = [130, 38, 52, 56, 56, 50]
            cw.append(CW - sum(cw))
            krows = [[P(x, st_th) for x in ["指標名", "単位", "基準値<br/>（R2）", "目標値<br/>（R4）",
                                             "実績値<br/>（R4）", "達成率", "備考"]]]
            for k in p["kpis"]:
                c = f2_kpi_cells(p, k)
                krows.append([P(c[0], st_td), P(c[1], st_tc), P(c[2], st_tn), P(c[3], st_tn),
                              P(c[4], st_tn), P(c[5], st_tn), P(c[6], st_td) if c[6] else ""])
            cmds = base_cmds + [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
        kt = T(krows, cw, cmds, hAlign="LEFT", repeatRows=2 if two else 1)
        kblock = [P("(4)　重要業績評価指標（KPI）　圏域全体", st_sec), kt]
        if p["kpi_note"]:
            kblock.append(P(Z(p["kpi_note"]), st_note))
        story.append(KeepTogether(kblock))

        ev = T([[P("協議会の評価", st_tdg), P(p["evaluation"], st_td), P("今後の方針", st_tdg), P(p["policy"], st_td)]],
               [70, 220, 62, CW - 352],
               base_cmds + [("BACKGROUND", (0, 0), (0, 0), LAB), ("BACKGROUND", (2, 0), (2, 0), LAB)],
               hAlign="LEFT")
        story.append(KeepTogether([P("(5)　評価", st_sec), ev]))

    # closing distractors
    story += [
        CondPageBreak(60 * mm),
        P("5　外部有識者会議の主な意見", st_h),
        P("・サイクリングコースの利用者は目標を上回っており、今後は宿泊につなげる工夫が必要である。", st_item),
        P("・移住者数131人のうち、子育て世帯が4割を占めている点は評価できる。", st_item),
        P("・耕作放棄地の面積は減っているが、新規就農者の確保が課題であり、研修の内容を見直すべきである。", st_item),
        P("・オンライン診療は住民の評価が高く、対象の診療科を広げることを検討されたい。", st_item),
        P("6　（参考）広域連携事業の事業費の推移（4町村の合計）", st_h),
    ]
    hist = {}
    for p in projs:
        for fy, v in p["shares"].items():
            hist.setdefault(fy, [0, 0])
            hist[fy][0] += 1
            hist[fy][1] += sum(v)
    hrows = [[P(x, st_th) for x in ["年度", "事業数", "事業費（円）", "うち交付金（円）"]]]
    for fy in ("R3", "R4", "R5"):
        hrows.append([P(F2_FYLAB[fy], st_td), P(f"{hist[fy][0]}事業", st_tn), P(fmt(hist[fy][1]), st_tn),
                      P(fmt(hist[fy][1] // 2), st_tn)])
    story.append(T(hrows, [120, 60, 110, 110], base_cmds + [("BACKGROUND", (0, 0), (-1, 0), SHADE)],
                   hAlign="LEFT"))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 8)
        canvas.drawString(lm, H - 11 * mm, "あかね湾岸地域広域連携推進協議会")
        canvas.drawRightString(W - rm, H - 11 * mm, "令和4年度 効果検証報告書")
        canvas.setStrokeColor(colors.HexColor("#1F4E79"))
        canvas.setLineWidth(0.8)
        canvas.line(lm, H - 12.5 * mm, W - rm, H - 12.5 * mm)
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 8 * mm, f"－ {d.page} －")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["members"][0][1],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: f2_total(p, fy) for fy in ("R3", "R4", "R5") if fy in p["shares"]},
            "budget_unit": "円",
            "budget_planned": ["R5"] if "R5" in p["shares"] else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            kpis.append({
                "project_no": p["no"], "name": k["name"],
                "unit": k["unit"], "baseline": k["base"],
                "fiscal_year": F2["fy"],
                "target_date": None, "target": k["t"], "actual": k["a"],
                "rate": truth_rate(k["t"], k["a"], k["lib"]),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "kouiki_renkei_joint_report_municipality_share_budget_area_kpis_two_level_headers",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# tsuzurahara: project page = its 調書 page; every KPI record is on it.
# akanegaura: project page = page of its 「広域事業N　title」 band; a KPI's
# page = page of its row.
PAGES = {
    "tsuzurahara_r5_hyoka_chosho": {
        "projects": {1: 2, 2: 3, 3: 4, 4: 5, 5: 6},
        "kpis": {},
    },
    "akanegaura_r4_kouiki_renkei": {
        "projects": {1: 1, 2: 2, 3: 3, 4: 3, 5: 4},
        # project 1's band, info box and text are at the foot of page 1, its
        # share table and KPI table on page 2; project 4's KPI table is at the
        # top of page 4, under its share table on page 3
        "kpis": {(1, "サイクリングコースの利用者数"): 2, (1, "レンタサイクルの貸出台数"): 2,
                 (1, "圏域の観光消費額"): 2,
                 (4, "道の駅の年間来場者数"): 4, (4, "圏域特産品の販売額"): 4},
    },
}


def expected_kpi_page(stem, k):
    exp = PAGES[stem]
    return exp["kpis"].get((k["project_no"], k["name"]), exp["projects"][k["project_no"]])


# ===========================================================================
# self-checks
# ===========================================================================

def src_project(stem, no):
    src = F1 if stem == F1["stem"] else F2
    return {p["no"]: p for p in src["projects"]}[no]


def check_printed_values(stem, truth, text):
    """Every value the truth gives must be printed (compared after NFKC, so
    full-width digits count), and every rate must be what 実績/目標
    (目標/実績 when lower is better) gives, printed with one decimal."""
    has = make_has(text)
    for pr in truth["projects"]:
        p = src_project(stem, pr["no"])
        for key in ("title", "department", "evaluation", "policy", "outcome"):
            assert has(pr[key]), (stem, key, pr[key])
        assert has(p["period_print"]), (stem, "period", p["period_print"])
        assert period_to_truth(p["period_print"]) == pr["period"], (stem, p["period_print"], pr["period"])
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
    p = src_project(stem, k["project_no"])
    kk = next(x for x in p["kpis"] if x["name"] == k["name"])
    if stem == F1["stem"]:
        row = next(r for r in kk["rows"] if r[0] == k["fiscal_year"])
        return f1_row_key(p, kk, row)
    return f2_row_key(p, kk)


def project_head(stem, pr):
    if stem == F1["stem"]:
        return "事業名" + pr["title"]
    return f"広域事業{pr['no']}" + pr["title"]


def check_rows_printed(stem, truth, text):
    """Each KPI row (the cells the truth record comes from, in drawing
    order) is in the text exactly once."""
    flat = norm(text)
    for k in truth["kpis"]:
        key = norm(kpi_row_key(stem, k))
        assert flat.count(key) == 1, (stem, key, flat.count(key))


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    flat = norm(text)
    if stem == F1["stem"]:
        assert len(pages) == F1_NPAGES, (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"- {i} -" in t, (stem, "footer", i)
        for p in F1["projects"]:
            t = norm(pages[PAGES[stem]["projects"][p["no"]] - 1])
            # one page per project: its whole form is on its page
            assert norm(p["title"]) in t and norm(p["next"]) in t, (stem, "one page", p["no"])
            # the vertical labels: one glyph per line, before the outcome / the KPI blocks
            assert norm("取組内容" + p["outcome"][:10]) in t, (stem, "vertical label", p["no"])
            assert norm("成果指標KPI①") in t, (stem, "vertical label", p["no"])
            # every year row (records and history rows) is printed
            for k in p["kpis"]:
                for row in k["rows"]:
                    assert norm(f1_row_key(p, k, row)) in t, (stem, p["no"], row)
        # vertical labels really are one glyph per line in the text
        assert re.search(r"取\s*\n\s*組\s*\n\s*内\s*\n\s*容", text), (stem, "vertical")
        # the 西暦 sheet and the full-width sheet
        assert "2021年度" in pages[PAGES[stem]["projects"][5] - 1]
        assert "令和３年度" in pages[PAGES[stem]["projects"][3] - 1] and "１，４５６" in text
        # history rows: a 実績 under a 「－」 目標 is printed but is no record
        assert norm("令和3年度－64－事業開始前（参考値）") in flat
        assert not any(k["fiscal_year"] == "R3" and k["project_no"] == 2 for k in truth["kpis"])
        assert "集計中" in flat
    else:
        for i, t in enumerate(pages, 1):
            assert f"－ {i} －" in t, (stem, "footer", i)
        has = make_has(text)
        for p in F2["projects"]:
            # the share table: each member's share and the 合計
            for fy, v in p["shares"].items():
                for x in v:
                    assert has(fmt(x)), (stem, p["no"], fy, x)
                assert has("合計" + "".join(fmt(f2_total(q, f)) + fmt(f2_total(q, f) // 2)
                                           for q in [p] for f in ("R3", "R4", "R5") if f in p["shares"])), \
                    (stem, "total row", p["no"])
            # the partners line with their own 課
            assert has("連携団体" + "、".join(f"{t}（{d}）" for t, d in p["members"][1:])), (stem, p["no"])
            # two-level KPI header: 圏域全体 first, then the towns
            if p["kpis"][0]["by_town"] is not None:
                assert has("実績値（令和4年度）") and has("圏域全体" + "".join(t for t, _ in p["members"]))
        # project 3 is represented by a partner town
        assert has("代表団体鶉野町担当課農林水産課")
        assert has("2021年度～2023年度")


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
            print(stem, "kpi", k["project_no"], k["fiscal_year"], k["name"], found, "name on", names)
            continue
        k["page"] = expected_kpi_page(stem, k)
        assert found == [k["page"]], (pdf.name, row, found)
        assert k["page"] in names, (pdf.name, k["name"], names)


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
        check_pages(pdf, truth, pages, report_only)
        if report_only:
            continue
        check_layout_specifics(pdf.stem, truth, text)
        check_schema(truth, HERE.parent / "heldout_layouts8")
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 70)


if __name__ == "__main__":
    main(sys.argv[1:])
