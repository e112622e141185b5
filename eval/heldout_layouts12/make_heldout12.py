"""Generate a twelfth pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts11/make_heldout11.py were consulted, for the technique,
the truth schema and the self-checks.  Deterministic: reportlab documents are
built with invariant=1.

    .venv/bin/python eval/heldout_layouts12/make_heldout12.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts12/make_heldout12.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts12/make_heldout12.py --pages  # only print where things are found

Fixtures
--------
ayamegahara_r5_kanji_suuchi
    菖蒲ヶ原市 (fictional), FY R5.  A Word-style 実施状況 report compiled
    from the departments' own sheets, so that NUMBERS ARE WRITTEN IN MIXED
    FORMS: 万 / 億 units inside the numbers (「126.4万人」, 「45億円」,
    「3億5,000万円」, 「1億500万円」), full-width digits (「１２，３４０」),
    a budget 「（千円単位）」 with bare numbers, and one in 円.  Page 1 is a
    総括表 (one row per project, the R5 事業費 as each department wrote it,
    a 合計 converted to 千円); then ONE DETAIL PAGE PER PROJECT (label table,
    KPI table, 評価 table).  Lower-is-better targets are printed with
    「以下」 (「5人以下」); one actual is 「集計中」.

kokeshimizu_r4_keikaku_jisseki
    苔清水町 (fictional), FY R4, 千円.  An Excel-style 効果検証 report in
    four 様式 on separate pages: 様式１ 事業一覧 (title, 担当課, period,
    grant, 事業費 by year), 様式２ KPI設定表（計画） with the UNITS, BASELINES
    and TARGETS (目標値（令和4年度） and a 最終目標値 with its year) and a
    「達成率の算定」 column (実績÷目標 / 目標÷実績), 様式３ KPI実績報告 with only
    the ACTUALS and 達成率 (no unit, no target), and 様式４ 事業評価 (取組内容,
    評価, 方針) keyed by 事業No. only.  A KPI's target and actual are on
    different pages, joined by 事業No. / KPI No. / 指標名.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, NUMLIKE, P, cell_problems, check_schema, computed_rate,  # noqa: E402
                         extract_checked, grant_name, ident, make_has, norm, page_of,
                         pdfium_previews, style, write_truth, write_txt)

fmt = partial(hg.fmt, float_format=",")  # a float keeps the decimals it was given: 1.38, 126.4, 45.0
zen = partial(hg.zen, table=hg.zen_table("R"))  # full-width digits and 「Ｒ」, as typed by hand
rate_str = partial(hg.rate_str, forbid_half=True)
truth_rate = partial(hg.truth_rate, zero_is_none=True)
T = partial(hg.T, base_font=(GOTHIC, 9))  # plain-string cells (a padded 「－」) in the gothic


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts11/make_heldout11.py)
# ---------------------------------------------------------------------------

def oku_man(v: int) -> str:
    """An amount in 万円 written with 億 where it reaches 1億:
    35000 → 「3億5,000万円」, 10500 → 「1億500万円」, 9860 → 「9,860万円」."""
    oku, man = divmod(int(v), 10000)
    if not oku:
        return f"{man:,}万円"
    assert man, v      # 「N億円」 would read as an amount in 億円
    return f"{oku}億{man:,}万円"


def parse_printed(s: str) -> float:
    """Independent reading of a printed amount (for the self-check only):
    NFKC, drop 「以下」 and a bracketed year, read 「N億M万円」 as
    N*10000+M (万円); otherwise the leading number (「45億円」 → 45)."""
    t = unicodedata.normalize("NFKC", s)
    t = re.sub(r"(以下|（.*?）|\(.*?\))$", "", t)
    m = re.fullmatch(r"(\d+)億([\d,]+)万円", t)
    if m:
        return int(m.group(1)) * 10000 + int(m.group(2).replace(",", ""))
    m = re.match(r"[\d,]+(\.\d+)?", t)
    assert m, s
    x = m.group(0).replace(",", "")
    return float(x) if "." in x else int(x)


def period_to_truth(s: str) -> str:
    """A printed period → the truth spelling: 「令和4年度～令和5年度（繰越）」,
    「令和５年度～令和７年度」 → 「令和N年度〜令和M年度」."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[（(](\d+か年|繰越)[）)]$", "", s)
    parts = re.split(r"[~〜～]", s)
    assert len(parts) == 2, s
    for x in parts:
        assert re.fullmatch(r"(令和|平成)(\d+|元)年度", x), x
    return "〜".join(parts)


# ---------------------------------------------------------------------------
# tables that are checked for overflow: every cell's content must fit inside
# its cell (a real Excel / Word PDF clips or wraps; it never draws across a
# cell rule).
# ---------------------------------------------------------------------------

ONE_LINE = []      # (Paragraph, width): value cells that must not wrap


# a value with its unit glued or a kanji unit inside: 「3億8,220万円」「５１２件」「10.0時間以下」
VALUELIKE = re.compile(r"^[\s0-9０-９,，.．%％－]+(億[0-9,]*)?[^\s0-9０-９]{0,6}(以下)?$")


def para_lines(p):
    """The text of each line of a wrapped Paragraph."""
    out = []
    for ln in p.blPara.lines:
        if isinstance(ln, tuple):
            out.append("".join(ln[1]))
        else:
            out.append("".join(getattr(w, "text", "") for w in ln.words))
    return out


def check_cells():
    """Every Paragraph wraps inside its cell's inner width (no line wider
    than the cell); a number-like or value-like cell is on one line; no
    line is a single CJK glyph (pdfium would drop it); a plain string cell
    fits; a nested table is no wider than its cell."""

    def lone_glyph_lines(ti, r, c, txt, para):
        return [(ti, r, c, txt, "lone glyph line", ln) for ln in para_lines(para)
                if len(ln.strip()) == 1 and ln.strip() > "\x7f"]
    bad = cell_problems(one_line=lambda txt: NUMLIKE.match(txt) or VALUELIKE.match(txt),
                        wrapped="value wrapped", para_check=lone_glyph_lines)
    assert not bad, ("cell overflow", bad)


# ===========================================================================
# Fixture 1: 菖蒲ヶ原市 — numbers in mixed forms (万 / 億 / full width / 千円単位 / 円)
# ===========================================================================

# budget: {fy: (事業費, うち交付金 or None)}; plan: the 当初予算 years.
# bstyle: how the department wrote the amounts —
#   "man"  万円, with 億 from 1億 (「3,512万円」, 「1億2,480万円」)  → budget_unit 万円
#   "sen"  「（千円単位）」 and bare full-width numbers               → 千円
#   "yen"  円 with separators (「8,412,000円」)                       → 円
# kpis: unit is the printed suffix; style "oku" writes 万円 values with 億;
#       lib: lower is better, the target printed with 「以下」;
#       base (value, year) or None (「－」); a = "集計中" → actual / rate null.
# zen: the department typed every digit full width.
F1 = {
    "stem": "ayamegahara_r5_kanji_suuchi",
    "city": "菖蒲ヶ原市",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="あやめ祭りと湿原の自然体験を生かした通年型観光推進事業",
             department="観光交流課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, bstyle="man",
             budget={"R4": (2860, None), "R5": (3512, 1756), "R6": (3400, None)}, plan=["R6"],
             purpose="6月のあやめ祭りに集中している観光客を、湿原の自然体験や冬のイベントで通年化し、宿泊と消費を増やす。",
             outcome="湿原の木道を巡るガイドツアーを4月から11月まで毎週末に実施し、ガイド18人を養成した。"
                     "冬季に「湿原の灯り」イベントを初めて開催し、2日間で約6,200人が来場した。",
             kpis=[
                 dict(name="観光入込客数", unit="万人", base=(98.6, "R3"), t=120, a=126.4, lib=False),
                 dict(name="観光消費額", unit="億円", base=(38.7, "R3"), t=45, a=41.2, lib=False,
                      note="県の観光動態調査による"),
                 dict(name="湿原ガイドツアーの参加者数", unit="人", base=(1850, "R3"), t=3000, a=3264, lib=False),
             ],
             evaluation="地方創生に相当程度効果があった", policy="継続",
             issue="消費額が目標に届いていないため、宿泊を伴う周遊コースと飲食店の連携メニューを増やす。"),
        dict(no=2,
             title="菖蒲ヶ原暮らし応援による移住・定住促進事業",
             department="地域振興課",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=True, bstyle="sen",
             budget={"R5": (12340, 6170), "R6": (13000, 6500)}, plan=["R6"],
             purpose="首都圏からの移住を増やし、移住者が地域に定着できるよう、住まい・仕事・交流の支援を一体で行う。",
             outcome="オンライン移住相談窓口を開設し、移住コーディネーター2人を配置した。"
                     "首都圏での移住フェアに5回出展し、移住体験ツアーを年3回（延べ41人参加）実施した。",
             kpis=[
                 dict(name="移住相談件数", unit="件", base=(312, "R4"), t=480, a=512, lib=False),
                 dict(name="市の支援制度を利用した移住者数", unit="人", base=(86, "R4"), t=120, a=98, lib=False),
             ],
             evaluation="地方創生に効果があった", policy="拡充",
             issue="相談から移住までの期間が長いため、移住後の仕事探しと住まい探しを同時に支援する体制をつくる。"),
        dict(no=3,
             title="地場産品のブランド化と越境ＥＣによる販路拡大事業",
             department="商工労働課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, bstyle="man",
             budget={"R4": (12480, None), "R5": (9860, 4930), "R6": (10500, None)}, plan=["R6"],
             purpose="市内の農産加工品と伝統工芸品を統一ブランドで売り出し、海外を含む新たな販路を開く。",
             outcome="統一ブランド「あやめの郷」の認証制度で新たに11品目を認証した。"
                     "越境ＥＣサイトに市内事業者の共同店舗を開設し、台湾と香港向けに販売を始めた。",
             kpis=[
                 dict(name="越境ＥＣによる地場産品の販売額", unit="万円", style="oku",
                      base=(18600, "R3"), t=35000, a=38220, lib=False),
                 dict(name="ブランド認証品目数", unit="品目", base=(12, "R3"), t=20, a=23, lib=False),
                 dict(name="越境ＥＣに出店した市内事業者数", unit="社", base=None, t=30, a=27, lib=False),
             ],
             evaluation="地方創生に非常に効果的であった", policy="見直し",
             issue="販売額は目標を上回ったが、出店者の半数で売上が伸びていないため、支援を商品開発に重点化する。"),
        dict(no=4,
             title="子育て支援アプリと保育ＩＣＴによる安心の子育て環境づくり事業",
             department="こども家庭課",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             zen=False, bstyle="yen",
             budget={"R5": (8412000, 4206000), "R6": (9000000, None)}, plan=["R6"],
             purpose="子育て情報の入手と保育所等の手続を簡単にし、保育士の事務負担を減らして待機児童を解消する。",
             outcome="子育て支援アプリの配信を令和5年6月に始め、健診の案内や予防接種の記録を利用できるようにした。"
                     "市内の保育所等14か所に登降園管理と連絡帳のシステムを導入した。",
             kpis=[
                 dict(name="待機児童数（4月1日時点）", unit="人", base=(21, "R4"), t=5, a=4, lib=True),
                 dict(name="子育て支援アプリの登録者数", unit="万人", base=None, t=1.2, a=1.38, lib=False),
                 dict(name="保育士の月平均時間外勤務時間", unit="時間", base=(18.4, "R4"), t=10.0, a=12.5, lib=True),
             ],
             evaluation="地方創生に相当程度効果があった", policy="継続",
             issue="時間外勤務はシステム導入後も目標に届いていないため、書類の様式を見直して入力の手間を減らす。"),
        dict(no=5,
             title="（仮称）菖蒲ヶ原市まちなか交流拠点施設整備事業",
             department="都市整備課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             zen=False, bstyle="man",
             budget={"R5": (32150, 16075)}, plan=[],
             purpose="駅前の旧商業ビルを改修して交流と創業の拠点とし、中心市街地への人の流れを取り戻す。",
             outcome="旧商業ビルの1階から3階を改修し、多目的ホール、コワーキングスペース、チャレンジショップ4区画を"
                     "整備して令和5年7月に開館した。",
             kpis=[
                 dict(name="交流拠点施設の利用者数", unit="万人", base=None, t=5, a=4.6, lib=False,
                      note="令和5年7月に開館"),
                 dict(name="中心市街地の歩行者通行量", unit="人/日", base=(4120, "R4"), t=4800, a="集計中", lib=False,
                      note="令和6年10月の通行量調査で把握"),
             ],
             note="※令和4年度補正予算を令和5年度に繰り越して執行した。",
             evaluation="地方創生に効果があった", policy="終了",
             issue="施設の運営は令和6年度から指定管理者が行う。平日の利用が少ないため、企業の研修利用を呼び込む。"),
    ],
}
F1_FYLAB = {"R4": "令和4年度", "R5": "令和5年度", "R6": "令和6年度"}


def f1_Z(p):
    return zen if p["zen"] else ident


def f1_amount(p, v):
    """An amount as the project's department wrote it."""
    if p["bstyle"] == "man":
        return oku_man(v)
    if p["bstyle"] == "sen":
        return zen(fmt(v))
    return fmt(v) + "円"


def f1_budget_lines(p):
    Z = f1_Z(p)
    lines = ["（千円単位）"] if p["bstyle"] == "sen" else []
    for fy, (v, g) in sorted(p["budget"].items()):
        kind = "当初予算額" if fy in p["plan"] else "決算額"
        s = Z(F1_FYLAB[fy]) + kind + "　" + f1_amount(p, v)
        if g is not None:
            s += "（うち交付金　" + f1_amount(p, g) + "）"
        lines.append(s)
    return lines


def f1_budget_unit(p):
    return {"man": "万円", "sen": "千円", "yen": "円"}[p["bstyle"]]


def f1_value(p, k, v, target=False):
    """A KPI value cell: the unit glued, 億 inside 万円 amounts, 「以下」
    after a lower-is-better target, full-width on a full-width sheet."""
    if isinstance(v, str):
        return v
    s = oku_man(v) if k.get("style") == "oku" else fmt(v) + k["unit"]
    if target and k["lib"]:
        s += "以下"
    return f1_Z(p)(s)


def f1_kpi_cells(p, k):
    """The printed cells of a KPI row (without 備考)."""
    Z = f1_Z(p)
    base = "－" if k["base"] is None else f1_value(p, k, k["base"][0]) + Z(f"（{k['base'][1]}）")
    tgt = f1_value(p, k, k["t"], target=True)
    act = f1_value(p, k, k["a"])
    rate = "－" if isinstance(k["a"], str) else Z(rate_str(k["t"], k["a"], k["lib"]))
    return [k["name"], base, tgt, act, rate]


def f1_summary_cells(p):
    """(achieved, measured): a 集計中 KPI is not counted (note ※３)."""
    ks = [k for k in p["kpis"] if not isinstance(k["a"], str)]
    ok = sum(1 for k in ks if computed_rate(k["t"], k["a"], k["lib"]) >= 1)
    return ok, len(ks)


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, _H = A4
    lm = rm = 20 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=18 * mm, bottomMargin=18 * mm,
                            title="令和５年度　地方創生関係交付金事業の実施状況について", author="菖蒲ヶ原市",
                            creator="Microsoft® Word 2019", producer="Microsoft® Word 2019", subject="")
    st_title = style("title", GOTHIC, 14, 20, align=TA_CENTER)
    st_right = style("right", MINCHO, 10, 15, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 11.5, 17, spaceBefore=8, spaceAfter=3)
    st_body = style("body", MINCHO, 10, 16, firstLineIndent=10)
    st_note = style("note", MINCHO, 8.5, 12.5, leftIndent=22, firstLineIndent=-22)
    st_h2 = style("h2", GOTHIC, 11, 15)
    st_lab = style("lab", GOTHIC, 9, 12)
    st_val = style("val", MINCHO, 9.5, 14)
    st_th = style("th", GOTHIC, 8, 10.5, align=TA_CENTER)
    st_td = style("td", MINCHO, 8.5, 11.5)
    st_tn = style("tn", MINCHO, 8.5, 11.5, align=TA_RIGHT)
    st_tc = style("tc", MINCHO, 8.5, 11.5, align=TA_CENTER)
    GRID = colors.HexColor("#404040")
    SHADE = colors.HexColor("#E8E8E8")

    def grid_cmds(head_rows=1, lab_col=False):
        cmds = [("FONT", (0, 0), (-1, -1), MINCHO, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        if head_rows:
            cmds.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), SHADE))
        if lab_col:
            cmds.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
        return cmds

    LABW = 96
    projs = F1["projects"]
    story = [P("令和５年度　地方創生関係交付金事業の実施状況について", st_title), Spacer(1, 3 * mm),
             P("令和６年９月<br/>菖蒲ヶ原市 企画政策部 企画課", st_right),
             P("１　趣旨", st_h1),
             P("本市では、国の地方創生関係交付金を活用し、第２期菖蒲ヶ原市まち・ひと・しごと創生総合戦略に位置付けた"
               "事業を実施している。令和５年度に実施した５事業について、各担当課が作成した実施状況調書をもとに、"
               "重要業績評価指標（ＫＰＩ）の達成状況と事業の評価を取りまとめたので報告する。", st_body),
             P("２　総括表", st_h1)]
    # --- 総括表 (page 1): the R5 amount as each department wrote it
    rows = [[P(h, st_th) for h in ("No.", "事業名", "担当課", "令和５年度\n事業費（決算）", "ＫＰＩ\n達成状況", "今後の\n方針")]]
    tot_sen = 0
    for p in projs:
        v = p["budget"]["R5"][0]
        tot_sen += {"man": v * 10, "sen": v, "yen": v // 1000}[p["bstyle"]]
        ok, n = f1_summary_cells(p)
        amount = f1_amount(p, v) + ("千円" if p["bstyle"] == "sen" else "")
        rows.append([P(str(p["no"]), st_tc), P(p["title"], st_td), P(p["department"], st_tc),
                     P(amount, st_tn), P(f"{n}指標中\n{ok}指標達成", st_tc), P(p["policy"], st_tc)])
    rows.append(["", P("合計（千円に換算）", st_td), "", P(fmt(tot_sen) + "千円", st_tn), "", ""])
    story.append(T(rows, [26, 216, 62, 80, 54, CW - 438],
                   [*grid_cmds(), ("SPAN", (1, -1), (2, -1)), ("BACKGROUND", (0, -1), (-1, -1), SHADE)]))
    story.append(Spacer(1, 2 * mm))
    for n in ["※１　事業費は令和５年度の決算額である。金額は各担当課の調書の表記のまま掲載しており、万円単位・千円単位・"
              "円単位の表記が混在している。合計欄は千円に換算して合算した。",
              "※２　ＫＰＩの達成率は、実績値÷目標値×100により算出した。ただし、目標値に「以下」とある指標は、数値が"
              "小さいほど良い指標であるため、目標値÷実績値×100により算出した。",
              "※３　実績値が確定していない指標は「集計中」とし、達成状況の指標数には含めていない。"]:
        story.append(P(n, st_note))
    story.append(P("３　事業別の実施状況", st_h1))
    story.append(P("各事業の実施状況は、次ページ以降の調書のとおりである。", st_body))

    for p in projs:
        Z = f1_Z(p)
        story.append(PageBreak())
        story.append(T([[P(f"事業番号　{zen(str(p['no']))}", style("tag", GOTHIC, 10.5, 13, textColor=colors.white)),
                         P("令和５年度　実施状況調書", style("tagr", GOTHIC, 10.5, 13, align=TA_RIGHT))]],
                       [120, CW - 120],
                       [("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#4A4A4A")), ("LINEBELOW", (0, 0), (-1, 0), 1.2, GRID),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        story.append(Spacer(1, 3 * mm))
        lab = [("事業名", p["title"]), ("担当課", p["department"]), ("事業期間", Z(p["period_print"])),
               ("交付金の種類", grant_name(p)), ("事業費", "\n".join(f1_budget_lines(p))),
               ("事業の目的", Z(p["purpose"])), ("令和５年度の\n実施内容", Z(p["outcome"]))]
        rows = [[P(a, st_lab), P(b, st_val)] for a, b in lab]
        if p.get("note"):
            rows[4][1] = [P("\n".join(f1_budget_lines(p)), st_val), P(p["note"], style("bn", MINCHO, 8, 11))]
        story.append(T(rows, [LABW, CW - LABW], grid_cmds(head_rows=0, lab_col=True)))
        story.append(Spacer(1, 4 * mm))
        story.append(P("成果指標（ＫＰＩ）の達成状況", st_h2))
        story.append(Spacer(1, 1.5 * mm))
        rows = [[P(h, st_th) for h in ("指標名", "基準値（年度）", "目標値\n（令和５年度）", "実績値\n（令和５年度）",
                                       "達成率", "備考")]]
        for k in p["kpis"]:
            c = f1_kpi_cells(p, k)
            rows.append([P(c[0], st_td), P(c[1], st_tn), P(c[2], st_tn),
                         P(c[3], st_tc if isinstance(k["a"], str) else st_tn),
                         P(c[4], st_tc if c[4] == "－" else st_tn), P(k.get("note", ""), st_td) if k.get("note") else ""])
        story.append(T(rows, [136, 84, 70, 70, 60, CW - 420], grid_cmds()))
        story.append(Spacer(1, 4 * mm))
        story.append(P("評価及び今後の方針", st_h2))
        story.append(Spacer(1, 1.5 * mm))
        rows = [[P("事業の評価", st_lab), P(p["evaluation"], st_val)],
                [P("今後の方針", st_lab), P(p["policy"], st_val)],
                [P("課題及び\n改善の方向性", st_lab), P(Z(p["issue"]), st_val)]]
        story.append(T(rows, [LABW, CW - LABW], grid_cmds(head_rows=0, lab_col=True)))
        story.append(Spacer(1, 3 * mm))
        story.append(P("評価区分：地方創生に非常に効果的であった／地方創生に相当程度効果があった／地方創生に効果があった／"
                       "地方創生に対して効果がなかった　　方針区分：拡充／継続／見直し／終了", style("leg", MINCHO, 7.5, 11)))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 10 * mm, f"－ {d.page} －")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: p["budget"][fy][0] for fy in sorted(p["budget"])},
            "budget_unit": f1_budget_unit(p),
            "budget_planned": list(p["plan"]),
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": f1_Z(p)(p["outcome"]),
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
                   "layout": "summary_table_then_detail_pages_mixed_number_forms_oku_man_fullwidth",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 苔清水町 — 計画 (targets) and 実績 (actuals) on different pages (FY R4, 千円)
# ===========================================================================

# budget: {fy: 事業費} in 千円 (R3 / R4 決算, R5 当初予算 = planned); absent → 「－」.
# kpis:   base (value, year) or None; t the R4 target; final (value, year)
#         the 最終目標値 (no record); lib → 「目標÷実績」 in 様式２;
#         a = "－" → not yet known (actual / rate null).
F2 = {
    "stem": "kokeshimizu_r4_keikaku_jisseki",
    "city": "苔清水町",
    "fy": "R4",
    "projects": [
        dict(no=1,
             title="苔清水渓谷の自然を生かしたアウトドア観光推進事業",
             department="商工観光課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             budget={"R3": 8420, "R4": 9760, "R5": 9000},
             outcome="渓谷でのカヌー、沢歩き、星空観察の体験プログラムを地元の事業者と開発し、年間42回実施した。"
                     "町営キャンプ場にオートサイトを8区画増設し、予約サイトを開設した。",
             kpis=[
                 dict(name="アウトドア体験プログラムの参加者数", unit="人", base=(2140, "R2"), t=3500, final=(5000, "R5"),
                      a=3812, lib=False, src="観光協会の受付集計", note=""),
                 dict(name="町内の観光消費額", unit="百万円", base=(612, "R2"), t=700, final=(800, "R5"),
                      a="－", lib=False, src="県観光動態調査",
                      note="県観光動態調査の公表（令和5年11月予定）後に確定するため、未確定"),
                 dict(name="町営キャンプ場の年間利用者数", unit="人", base=(8900, "R2"), t=11000, final=(13000, "R5"),
                      a=10420, lib=False, src="指定管理者の利用報告", note=""),
             ],
             evaluation="地方創生に相当程度効果があった", policy="継続",
             reason="体験プログラムの参加者は目標を上回った。キャンプ場は梅雨時期の利用が少ないため、雨天でも楽しめる"
                    "プログラムを加える。"),
        dict(no=2,
             title="テレワーク移住の促進とサテライトオフィス誘致事業",
             department="総務企画課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             budget={"R4": 6180, "R5": 7200},
             outcome="旧小学校の校舎をサテライトオフィスとして貸し出す募集を行い、IT企業など4社が入居した。"
                     "テレワーク移住者に最大100万円の移住支援金を交付する制度を設け、7人に交付した。",
             kpis=[
                 dict(name="サテライトオフィスの進出企業数", unit="社", base=(0, "R3"), t=3, final=(8, "R6"),
                      a=4, lib=False, src="総務企画課調べ", note=""),
                 dict(name="テレワーク移住者数", unit="人", base=None, t=10, final=(30, "R6"),
                      a=7, lib=False, src="移住支援金の交付実績", note=""),
                 dict(name="町外への転出者数", unit="人", base=(248, "R3"), t=230, final=(200, "R6"),
                      a=221, lib=True, src="住民基本台帳（1月～12月）", note=""),
             ],
             evaluation="地方創生に非常に効果的であった", policy="拡充",
             reason="進出企業は目標を上回り、入居の問い合わせも続いているため、令和5年度に校舎の2階を改修して貸出区画を増やす。"),
        dict(no=3,
             title="デマンド型乗合タクシーの運行による地域公共交通確保事業",
             department="住民生活課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             budget={"R4": 11350, "R5": 10800},
             outcome="町内全域を対象に、スマートフォンと電話で予約できるデマンド型乗合タクシーを令和4年6月から運行した。"
                     "ＡＩによる配車システムを導入し、町内のタクシー事業者2社に運行を委託した。",
             kpis=[
                 dict(name="乗合タクシーの年間利用者数", unit="人", base=None, t=4000, final=(6000, "R6"),
                      a=4315, lib=False, src="配車システムの記録", note="令和4年6月から運行"),
                 dict(name="65歳以上の運転免許自主返納者数", unit="人", base=(38, "R3"), t=45, final=(60, "R6"),
                      a=41, lib=False, src="警察署の資料", note=""),
                 dict(name="高齢者が関係する交通事故件数", unit="件", base=(19, "R3"), t=15, final=(12, "R6"),
                      a=17, lib=True, src="警察署の資料", note=""),
             ],
             evaluation="地方創生に効果があった", policy="見直し",
             reason="利用は目標を上回ったが、予約の多い朝の時間帯に配車が追いつかないため、車両の台数と運行時間を見直す。"),
        dict(no=4,
             title="農産物加工・直売施設「こけしみず農の駅」整備事業",
             department="農林課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             budget={"R4": 58300},
             outcome="国道沿いに農産物の加工室と直売所を備えた「こけしみず農の駅」を整備し、令和4年7月に開業した。"
                     "町内の農家68戸が出荷者として登録した。",
             kpis=[
                 dict(name="農の駅の販売額", unit="千円", base=None, t=80000, final=(120000, "R6"),
                      a=86540, lib=False, src="農の駅の売上集計", note="令和4年7月開業"),
                 dict(name="町内の耕作放棄地面積", unit="ha", base=(46.2, "R2"), t=44.0, final=(40.0, "R6"),
                      a=45.1, lib=True, src="農業委員会の利用状況調査", note=""),
             ],
             evaluation="地方創生に相当程度効果があった", policy="終了",
             reason="施設の整備は完了した。令和5年度からは出荷者協議会が指定管理者として運営し、町は出荷者の確保を支援する。"),
        dict(no=5,
             title="健康ポイント事業による町民の健康づくり推進事業",
             department="保健福祉課",
             period="令和2年度〜令和4年度", period_print="令和2年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             budget={"R3": 5240, "R4": 4980},
             outcome="歩数や健診の受診に応じてポイントがたまる健康ポイントアプリを運用し、ポイントを町内の商店で使える"
                     "商品券と交換できるようにした。ウォーキング大会を2回開催した。",
             kpis=[
                 dict(name="健康ポイントアプリの登録者数", unit="人", base=(420, "R元"), t=1500, final=(1500, "R4"),
                      a=1286, lib=False, src="アプリの登録データ", note=""),
                 dict(name="特定健康診査の受診率", unit="%", base=(38.5, "R元"), t=50.0, final=(50.0, "R4"),
                      a=46.8, lib=False, src="法定報告値", note=""),
             ],
             evaluation="地方創生に効果があった", policy="終了",
             reason="交付金事業の期間が終了したため、令和5年度からはアプリの運用を町の健康増進計画の事業として続ける。"),
    ],
}
F2_YEARS = [("R3", "令和3年度\n決算額"), ("R4", "令和4年度\n決算額"), ("R5", "令和5年度\n当初予算額")]


def f2_kno(p, k):
    return f"{p['no']}-{p['kpis'].index(k) + 1}"


def f2_plan_cells(p, k):
    """様式２ row (without 事業No. and 備考)."""
    base = "－" if k["base"] is None else fmt(k["base"][0])
    year = "－" if k["base"] is None else k["base"][1]
    return [f2_kno(p, k), k["name"], k["unit"], base, year, fmt(k["t"]),
            f"{fmt(k['final'][0])}（{k['final'][1]}）", "目標÷実績" if k["lib"] else "実績÷目標"]


def f2_result_cells(p, k):
    """様式３ row (without 事業No. and 備考)."""
    if isinstance(k["a"], str):
        return [f2_kno(p, k), k["name"], k["a"], "－", "－"]
    r = computed_rate(k["t"], k["a"], k["lib"])
    return [f2_kno(p, k), k["name"], fmt(k["a"]), rate_str(k["t"], k["a"], k["lib"]),
            "達成" if r >= 1 else "未達成"]


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A4)
    lm = rm = 14 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=(W, H), invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=16 * mm, bottomMargin=14 * mm,
                            title="令和4年度地方創生関係交付金事業効果検証結果報告書", author="苔清水町",
                            creator="Microsoft® Excel® 2016", producer="Microsoft® Excel® 2016", subject="")
    st_title = style("title", GOTHIC, 13, 18)
    st_form = style("form", GOTHIC, 11.5, 16, spaceAfter=3)
    st_body = style("body", GOTHIC, 8.5, 13)
    st_note = style("note", GOTHIC, 7.8, 11, leftIndent=18, firstLineIndent=-18)
    st_th = style("th", GOTHIC, 7.8, 10, align=TA_CENTER)
    st_td = style("td", GOTHIC, 8, 10.8)
    st_tn = style("tn", GOTHIC, 8, 10.8, align=TA_RIGHT)
    st_tc = style("tc", GOTHIC, 8, 10.8, align=TA_CENTER)
    GRID = colors.HexColor("#595959")
    HEAD = colors.HexColor("#DDEBF7")

    def grid_cmds(head_rows=1):
        return [("FONT", (0, 0), (-1, -1), GOTHIC, 8), ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]

    projs = F2["projects"]
    story = [P("令和４年度　地方創生関係交付金事業　効果検証結果報告書", st_title),
             P("苔清水町（総務企画課）　令和５年８月", style("sub", GOTHIC, 9, 13, align=TA_RIGHT)),
             Spacer(1, 2 * mm),
             P("本報告書は、地方創生関係交付金を活用した事業について、様式１（事業一覧）、様式２（ＫＰＩ設定表）、"
               "様式３（ＫＰＩ実績報告）及び様式４（事業評価）により効果検証の結果を取りまとめたものである。"
               "様式２の目標値は各事業の実施計画に定めた値であり、様式３の実績値及び達成率は令和４年度の実績である。"
               "達成率は、様式２の「達成率の算定」欄の式により算出した。", st_body),
             Spacer(1, 3 * mm),
             P("様式１　事業一覧", st_form)]
    # --- 様式１
    head1 = [P(h, st_th) for h in ("事業\nNo.", "事業名", "担当課", "事業期間", "交付金の種類",
                                   "事業費（単位：千円）", "", "")]
    head2 = ["", "", "", "", ""] + [P(lab, st_th) for _, lab in F2_YEARS]
    rows = [head1, head2]
    tot = {fy: 0 for fy, _ in F2_YEARS}
    for p in projs:
        rows.append([P(str(p["no"]), st_tc), P(p["title"], st_td), P(p["department"], st_tc),
                     P(p["period_print"].replace("～", "～\n"), st_tc), P(grant_name(p), st_td)]
                    + [P(fmt(p["budget"].get(fy)), st_tn if fy in p["budget"] else st_tc) for fy, _ in F2_YEARS])
        for fy in tot:
            tot[fy] += p["budget"].get(fy, 0)
    rows.append(["", P("合計", st_tc), "", "", ""] + [P(fmt(tot[fy]), st_tn) for fy, _ in F2_YEARS])
    cws = [32, 208, 64, 78, 170]
    cws += [(CW - sum(cws)) / 3] * 3
    story.append(T(rows, cws, [
        *grid_cmds(2), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (2, 1)), ("SPAN", (3, 0), (3, 1)),
        ("SPAN", (4, 0), (4, 1)), ("SPAN", (5, 0), (7, 0)), ("SPAN", (1, -1), (4, -1)),
        ("BACKGROUND", (0, -1), (-1, -1), HEAD)]))
    story.append(Spacer(1, 2 * mm))
    for n in ["※１　事業費は、令和３年度及び令和４年度は決算額、令和５年度は当初予算額である。事業期間外の年度は「－」とした。",
              "※２　事業No.４は、令和３年度補正予算（地方創生拠点整備交付金）を令和４年度に繰り越して執行した。",
              "※３　交付金の名称は、交付決定時の名称である。"]:
        story.append(P(n, st_note))

    # --- 様式２ KPI設定表（計画）
    story += [PageBreak(), P("様式２　重要業績評価指標（ＫＰＩ）設定表（計画）", st_form),
              P("各事業の実施計画に定めたＫＰＩの基準値及び目標値。最終目標値は事業期間の最終年度の目標である。", st_body),
              Spacer(1, 2 * mm)]
    rows = [[P(h, st_th) for h in ("事業\nNo.", "KPI\nNo.", "指標名", "単位", "基準値", "基準\n年度",
                                   "目標値\n（令和4年度）", "最終目標値\n（目標年度）", "達成率の\n算定", "備考（指標の把握方法）")]]
    spans = []
    for p in projs:
        r0 = len(rows)
        for k in p["kpis"]:
            c = f2_plan_cells(p, k)
            rows.append([P(str(p["no"]), st_tc) if k is p["kpis"][0] else "",
                         P(c[0], st_tc), P(c[1], st_td), P(c[2], st_tc), P(c[3], st_tn), P(c[4], st_tc),
                         P(c[5], st_tn), P(c[6], st_tn), P(c[7], st_tc), P(k["src"], st_td)])
        spans.append(("SPAN", (0, r0), (0, len(rows) - 1)))
    cws = [32, 34, 210, 40, 60, 40, 70, 80, 56]
    cws.append(CW - sum(cws))
    story.append(T(rows, cws, grid_cmds() + spans, repeatRows=1))
    story.append(Spacer(1, 2 * mm))
    story.append(P("※　「達成率の算定」が「目標÷実績」の指標は、数値が小さいほど良い指標（減少を目指す指標）である。", st_note))

    # --- 様式３ KPI実績報告
    story += [PageBreak(), P("様式３　ＫＰＩ実績報告（令和４年度）", st_form),
              P("ＫＰＩ No.及び指標名は様式２に対応する。単位及び目標値は様式２を参照。", st_body),
              Spacer(1, 2 * mm)]
    rows = [[P(h, st_th) for h in ("事業\nNo.", "KPI\nNo.", "指標名", "実績値\n（令和4年度）", "達成率", "達成状況",
                                   "備考")]]
    spans = []
    for p in projs:
        r0 = len(rows)
        for k in p["kpis"]:
            c = f2_result_cells(p, k)
            rows.append([P(str(p["no"]), st_tc) if k is p["kpis"][0] else "",
                         P(c[0], st_tc), P(c[1], st_td), P(c[2], st_tc if c[2] == "－" else st_tn),
                         P(c[3], st_tc if c[3] == "－" else st_tn), P(c[4], st_tc),
                         P(k["note"], st_td) if k["note"] else ""])
        spans.append(("SPAN", (0, r0), (0, len(rows) - 1)))
    cws = [32, 34, 230, 74, 56, 56]
    cws.append(CW - sum(cws))
    story.append(T(rows, cws, grid_cmds() + spans, repeatRows=1))
    allk = [(p, k) for p in projs for k in p["kpis"]]
    n_ok = sum(1 for p, k in allk if not isinstance(k["a"], str) and computed_rate(k["t"], k["a"], k["lib"]) >= 1)
    n_pend = sum(1 for p, k in allk if isinstance(k["a"], str))
    story.append(Spacer(1, 3 * mm))
    story.append(T([[P("集計", st_th), P("指標数", st_th), P("達成", st_th), P("未達成", st_th), P("未確定", st_th)],
                    [P("令和4年度", st_tc), P(fmt(len(allk)), st_tn), P(fmt(n_ok), st_tn),
                     P(fmt(len(allk) - n_ok - n_pend), st_tn), P(fmt(n_pend), st_tn)]],
                   [70, 60, 60, 60, 60], grid_cmds(), hAlign="LEFT"))

    # --- 様式４ 事業評価
    story += [PageBreak(), P("様式４　事業評価", st_form),
              P("評価の区分は「地方創生に非常に効果的であった」「地方創生に相当程度効果があった」「地方創生に効果があった」"
                "「地方創生に対して効果がなかった」の４区分、今後の方針は「拡充」「継続」「見直し」「終了」の４区分とした。", st_body),
              Spacer(1, 2 * mm)]
    rows = [[P(h, st_th) for h in ("事業\nNo.", "令和4年度の主な取組内容", "事業の評価", "今後の\n方針",
                                   "方針の理由及び今後の取組")]]
    for p in projs:
        rows.append([P(str(p["no"]), st_tc), P(p["outcome"], st_td), P(p["evaluation"], st_td),
                     P(p["policy"], st_tc), P(p["reason"], st_td)])
    cws = [32, 298, 128, 44]
    cws.append(CW - sum(cws))
    story.append(T(rows, cws, grid_cmds(), repeatRows=1))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 7.5)
        canvas.drawString(lm, H - 9 * mm, "苔清水町　地方創生関係交付金事業　効果検証（令和4年度実施分）")
        canvas.drawCentredString(W / 2, 7 * mm, f"{d.page}ページ")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    projects, kpis = [], []
    for p in projs:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: v for fy, v in sorted(p["budget"].items())},
            "budget_unit": "千円",
            "budget_planned": ["R5"] if "R5" in p["budget"] else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            actual = k["a"] if isinstance(k["a"], (int, float)) else None
            kpis.append({
                "project_no": p["no"], "name": k["name"], "unit": k["unit"],
                "baseline": None if k["base"] is None else k["base"][0],
                "fiscal_year": F2["fy"], "target_date": None,
                "target": k["t"], "actual": actual,
                "rate": truth_rate(k["t"], actual, k["lib"]),
                "lower_is_better": k["lib"], "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "forms_targets_and_actuals_on_separate_pages_joined_by_kpi_no",
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


def printed_forms(stem, k):
    """(truth value, the string printed for it) for target / actual / baseline."""
    p, sk = src_kpi(stem, k)
    out = []
    if stem == F1["stem"]:
        c = f1_kpi_cells(p, sk)
        out.append((k["target"], c[2]))
        if k["actual"] is not None:
            out.append((k["actual"], c[3]))
        if k["baseline"] is not None:
            out.append((k["baseline"], c[1]))
    else:
        c, r = f2_plan_cells(p, sk), f2_result_cells(p, sk)
        out.append((k["target"], c[5]))
        if k["actual"] is not None:
            out.append((k["actual"], r[2]))
        if k["baseline"] is not None:
            out.append((k["baseline"], c[3]))
    return out


def check_printed_values(stem, truth, text):
    """Every value the truth gives is printed (after NFKC, so full-width
    digits count) in a form that an independent reading gives back
    (「3億5,000万円」 → 35000 万円); every printed rate is what 実績/目標
    (目標/実績 when lower is better) gives, with one decimal."""
    has = make_has(text)
    for pr in truth["projects"]:
        p = src_project(stem, pr["no"])
        for key in ("title", "department", "evaluation", "policy", "outcome"):
            assert has(pr[key]), (stem, key, pr[key])
        assert has(p["period_print"]), (stem, "period", p["period_print"])
        assert period_to_truth(p["period_print"]) == pr["period"], (stem, p["period_print"], pr["period"])
        assert has(grant_name(pr)), (stem, pr["grant_type"])
        for fy, v in pr["budget"].items():
            if stem == F1["stem"]:
                s = f1_amount(p, v)
                assert has(s) and parse_printed(s) == v, (stem, fy, v, s)
                assert has(f1_Z(p)(F1_FYLAB[fy]) + ("当初予算額" if fy in pr["budget_planned"] else "決算額")
                           + "　" + s), (stem, fy)
            else:
                assert has(fmt(v)), (stem, fy, v)
        for fy in pr["budget_planned"]:
            assert fy in pr["budget"], (stem, fy)
        assert has(pr["budget_unit"]), (stem, pr["budget_unit"])
    for k in truth["kpis"]:
        assert has(k["name"]), (stem, k["name"])
        assert has(k["unit"]), (stem, k["unit"])
        for v, s in printed_forms(stem, k):
            assert has(s), (stem, k["name"], s)
            assert parse_printed(s) == v, (stem, k["name"], s, v)
        if k["rate"] is None:
            assert k["actual"] is None, (stem, k["name"])
            continue
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.05 + 1e-9, (stem, k["name"], r, k["rate"])
        assert has(f"{k['rate']:.1f}%"), (stem, k["name"], k["rate"])


def kpi_keys(stem, k):
    """The printed strings a KPI record comes from, each in the text once.
    For 苔清水町 the 実績 row (様式３) is what locates the record."""
    p, sk = src_kpi(stem, k)
    if stem == F1["stem"]:
        return ["".join(f1_kpi_cells(p, sk))]
    return ["".join(f2_result_cells(p, sk))]


def project_head(stem, pr):
    if stem == F1["stem"]:
        return "事業名" + pr["title"]
    return str(pr["no"]) + pr["title"]


def check_rows_printed(stem, truth, text):
    flat = norm(text)
    for k in truth["kpis"]:
        for key in kpi_keys(stem, k):
            n = flat.count(norm(key))
            assert n == 1, (stem, key, n)
        if stem == F2["stem"]:
            p, sk = src_kpi(stem, k)
            assert flat.count(norm("".join(f2_plan_cells(p, sk)))) == 1, (stem, k["name"])
            # the name is printed exactly twice: 様式２ and 様式３
            assert flat.count(norm(k["name"])) == 2, (stem, k["name"], flat.count(norm(k["name"])))
    for pr in truth["projects"]:
        assert flat.count(norm(project_head(stem, pr))) == 1, (stem, pr["no"])


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    flat = norm(text)
    has = make_has(text)
    if stem == F1["stem"]:
        assert len(pages) == 1 + len(F1["projects"]), (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"－ {i} －" in t, (stem, "footer", i)
        assert "総括表" in pages[0] and "合計（千円に換算）" in pages[0]
        # each project's title is printed twice: 総括表 and its own page
        for pr in truth["projects"]:
            assert flat.count(norm(pr["title"])) == 2, (stem, pr["no"])
            assert norm(pr["title"]) in norm(pages[0])
        # the mixed forms are there as printed
        for s in ("126.4万人", "45億円", "41.2億円", "3億5,000万円", "3億8,220万円", "1億8,600万円",
                  "1億2,480万円", "1億500万円", "3億2,150万円", "1.38万人", "1.2万人",
                  "8,412,000円", "5人以下", "10.0時間以下"):
            assert s in text, (stem, s)
        for s in ("（千円単位）", "１２，３４０", "５１２件", "１０６．７％", "令和５年度～令和７年度", "８１．７％"):
            assert s in text, (stem, s)
        assert has("中心市街地の歩行者通行量4,120人/日（R4）4,800人/日集計中－")
        # the full-width sheet has no half-width digit in its KPI rows
        p2 = src_project(stem, 2)
        for k in p2["kpis"]:
            assert not re.search(r"[0-9]", "".join(f1_kpi_cells(p2, k)))
    else:
        assert len(pages) >= 4, (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"{i}ページ" in t, (stem, "footer", i)
        form_page = {f: page_of(pages, f) for f in ("様式１　事業一覧", "様式２　重要業績評価指標", "様式３　ＫＰＩ実績報告",
                                                    "様式４　事業評価")}
        assert all(len(v) == 1 for v in form_page.values()), form_page
        assert [v[0] for v in form_page.values()] == sorted(v[0] for v in form_page.values())
        # a KPI's target (様式２) and actual (様式３) are on different pages
        for k in truth["kpis"]:
            p, sk = src_kpi(stem, k)
            pp = page_of(pages, "".join(f2_plan_cells(p, sk)))
            rp = page_of(pages, "".join(f2_result_cells(p, sk)))
            assert len(pp) == 1 and len(rp) == 1 and pp[0] < rp[0], (stem, k["name"], pp, rp)
            # the 実績 row carries no unit and no target
            assert sk["unit"] not in f2_result_cells(p, sk)[2:]
        assert has("目標÷実績") and has("実績÷目標")
        # 様式４ does not repeat the titles: the title is printed once (様式１)
        for pr in truth["projects"]:
            assert flat.count(norm(pr["title"])) == 1, (stem, pr["no"])
        assert has("町内の観光消費額－－－県観光動態調査の公表")
        assert has("4-1農の駅の販売額千円－－80,000120,000（R6）実績÷目標")


def find_pages(stem, truth, pages, report_only):
    """A project's page is the page of its heading (事業名 row of its 調書 /
    its 様式１ row); a KPI's page is the page of its row (its KPI table row /
    its 様式３ 実績 row), each found on exactly one page."""
    hg.find_pages(stem, truth, pages, report_only, project_head, kpi_keys,
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
        check_schema(truth, HERE.parent / "heldout_layouts11", all_refs=True)
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdfium_previews([pdf for pdf, *_ in results], 1.2)


if __name__ == "__main__":
    main(sys.argv[1:])
