"""Generate an eleventh pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts10/make_heldout10.py were consulted, for the technique,
the truth schema and the self-checks.  Deterministic: reportlab documents and
canvases are built with invariant=1.

    .venv/bin/python eval/heldout_layouts11/make_heldout11.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts11/make_heldout11.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts11/make_heldout11.py --pages  # only print where things are found

Fixtures
--------
fujinose_r4_gaiyouban
    藤ノ瀬町 (fictional), FY R4, 千円.  An A3 LANDSCAPE 概要版 (a poster-like
    summary drawn in a DTP / PowerPoint tool): TWO PROJECTS PER PAGE, a left
    and a right panel, each with a coloured title band (「事業１」 tag + a
    title that wraps), three label boxes whose label sits on the line ABOVE
    its value (担当課 / 事業期間 / 交付金の種類), a tiny 事業費 table
    (令和3年度（決算） / 令和4年度（決算） / 令和5年度（当初予算）), the 主な取組
    paragraph, and per KPI a tiny table whose 目標 and 実績 are on SEPARATE
    ROWS with the unit glued to the value (「480千人」), next to a 達成率 BAR
    whose only number is the BAR LABEL (「104.8%」) drawn after the table.
    Lower-is-better KPIs carry 「↓」 before the name.  One panel is typed
    with full-width digits; one actual is 「集計中」.  Page 3 has one project
    and a 総括 panel (distractor).

tsukimino_r5_web_kensho
    月見野市 (fictional), FY R5, 千円 (one project in 円).  The city's WEB
    PAGE PRINTED FROM A BROWSER to A4: the browser's own header (date, page
    title) and footer (URL, 「1/5」) on every page, the site header, global
    navigation and breadcrumb, 「ページ番号」 / 「更新日」, then per project an
    h3 heading and a definition list (dt on its own line, dd under it:
    担当課 / 事業期間 written 「令和4年度から令和6年度まで」 / 交付金の種類 / 事業の目的
    / 令和5年度の主な取組 / 事業費 / KPI table / 事業の評価 / 今後の方針 /
    外部有識者会議の主な意見), and at the end the contact box, the feedback
    form and the site footer.  LOWER-IS-BETTER HEAVY: 6 of 12 KPIs are
    「減少」 (待機児童数, 離職率, 空き家数, 待ち時間, 処理日数, 空き店舗数), their
    達成率 is 目標÷実績 and several are over 100%; one is 0 人 with 達成率
    「－」; one actual is 「集計中」 and one 「－」.  A KPI table split by the
    page break repeats its header row, as a browser prints <thead>.
"""
from __future__ import annotations

import io
import re
import sys
import unicodedata
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import HRFlowable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, P, TABLES, cell_problems, check_schema, computed_rate,  # noqa: E402
                         extract_checked, fmt, grant_name, ident, make_has, norm,
                         pdftoppm_previews, style, write_truth, write_txt, zen)

rate_str = partial(hg.rate_str, forbid_half=True)
truth_rate = partial(hg.truth_rate, zero_is_none=True)
T = partial(hg.T, base_font=(GOTHIC, 9))  # plain-string cells (a padded 「－」) in the gothic


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts10/make_heldout10.py)
# ---------------------------------------------------------------------------

def n_pages(pdf_bytes: bytes) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        return len(doc)
    finally:
        doc.close()


def period_to_truth(s: str) -> str:
    """A printed period → the truth spelling: 「令和3年度～令和5年度（3か年）」,
    「令和3年度～令和4年度（繰越）」, 「令和４年度から令和６年度まで（３か年）」
    → 「令和N年度〜令和M年度」."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[（(](\d+か年|繰越)[）)]$", "", s)
    s = re.sub(r"まで$", "", s)
    parts = re.split(r"[~〜～]|から", s)
    assert len(parts) == 2, s
    for x in parts:
        assert re.fullmatch(r"(令和|平成)(\d+|元)年度", x), x
    return "〜".join(parts)


# ---------------------------------------------------------------------------
# tables that are checked for overflow: every cell's content must fit inside
# its cell (a real Excel / Word PDF clips or wraps; it never draws across a
# cell rule).  Free paragraphs drawn on a canvas are checked the same way.
# ---------------------------------------------------------------------------

FREE = []          # (paragraph text, widest line, width)


def check_cells():
    """heldout_gen.check_cells (every Paragraph wraps inside its cell, a
    number-like cell is on one line, a plain string cell fits, a nested table
    is no wider than its cell), and free paragraphs drawn on a canvas stay
    inside their boxes."""
    bad = cell_problems()
    for txt, lw, w in FREE:
        if lw > w + 0.01:
            bad.append(("free", txt, lw, w))
    assert not bad, ("cell overflow", bad)


def draw_para(c, text, st, x, ytop, w):
    """Draw a paragraph on a canvas with its top at ytop; return its height.
    Its widest line is recorded for check_cells."""
    p = Paragraph(text.replace("\n", "<br/>"), st)
    _, h = p.wrap(w, 1e6)
    FREE.append((p.getPlainText(), max(p.getActualLineWidths0()), w))
    p.drawOn(c, x, ytop - h)
    return h


def draw_table(c, t, x, ytop, w):
    tw, th = t.wrap(w, 1e6)
    assert tw <= w + 0.01, (tw, w)
    t.drawOn(c, x, ytop - th)
    return th


# ===========================================================================
# Fixture 1: 藤ノ瀬町 — A3 landscape 概要版, two projects per page (FY R4, 千円)
# ===========================================================================

# budget: {fy: 事業費} in 千円; R3 / R4 are 決算, R5 is 当初予算 (planned);
#         a year not in it prints 「－」.
# kpis:   unit glued to the printed values; base (value, year) or None
#         (「基準値：－」); a "集計中" actual is a record with actual / rate
#         null.  lib: lower is better, printed with 「↓」 before the name.
# zen:    the panel is typed with full-width digits.
F1 = {
    "stem": "fujinose_r4_gaiyouban",
    "city": "藤ノ瀬町",
    "fy": "R4",
    "projects": [
        dict(no=1,
             title="藤ノ瀬温泉郷の湯めぐりと地元食材を生かした滞在型観光の推進による交流人口拡大事業",
             department="観光商工課",
             purpose="温泉と食の魅力を組み合わせて町内での滞在時間を延ばし、宿泊と観光消費を増やす。",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             zen=False,
             budget={"R3": 16820, "R4": 18450, "R5": 17000},
             outcome="温泉街の7つの共同浴場を巡る湯めぐり手形をデジタル化し、スマートフォンで購入できるようにした。"
                     "町内の農家と旅館が連携した朝食メニューを開発し、旅館12軒で提供を始めた。",
             kpis=[
                 dict(name="観光入込客数", unit="千人", base=(412, "R2"), t=480, a=503, lib=False),
                 dict(name="温泉旅館の延べ宿泊者数", unit="人", base=(58200, "R2"), t=72000, a=68910, lib=False),
                 dict(name="観光消費額", unit="百万円", base=(2950, "R2"), t=3600, a="集計中", lib=False),
             ],
             note="※観光消費額は、県の観光動向調査の公表（令和5年12月予定）後に確定するため集計中。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             next="宿泊者数が目標に届かなかったため、平日の連泊プランと首都圏での誘客を強化する。"),
        dict(no=2,
             title="「ふじのせ暮らし」お試し移住住宅と仕事体験プログラムによる移住・定住促進事業",
             department="企画課",
             purpose="移住を考える人が町の暮らしと仕事を事前に体験できる機会をつくり、移住・定住につなげる。",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             zen=False,
             budget={"R4": 9640, "R5": 10200},
             outcome="空き家を改修したお試し移住住宅2棟の運用を始め、最長3か月の滞在と町内事業所での仕事体験を"
                     "組み合わせたプログラムを提供した。首都圏での移住相談会に4回出展した。",
             kpis=[
                 dict(name="お試し移住住宅の利用世帯数", unit="世帯", base=None, t=24, a=31, lib=False),
                 dict(name="町の移住相談窓口を通じた移住者数", unit="人", base=(35, "R3"), t=50, a=46, lib=False),
             ],
             note=None,
             evaluation="地方創生に非常に効果的であった", policy="拡充",
             next="利用希望が多いため、令和5年度にお試し移住住宅を1棟増やし、就業先とのマッチングを進める。"),
        dict(no=3,
             title="町営バス路線の再編とＡＩデマンド交通の導入による地域交通の最適化事業",
             department="総務課",
             purpose="利用の少ないバス路線を見直し、高齢者など車を運転しない町民の日常の移動手段を確保する。",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度（3か年）",
             grant_program="デジタル田園都市国家構想推進交付金", grant_type="デジタル実装タイプ",
             zen=True,
             budget={"R4": 9850, "R5": 9500},
             outcome="利用の少ない町営バス3路線を廃止し、ＡＩが配車するデマンド交通を令和4年10月から町内全域で"
                     "運行した。停留所を86か所設け、地区の集会所で乗り方説明会を15回開催した。",
             kpis=[
                 dict(name="デマンド交通の年間利用者数", unit="人", base=None, t=6000, a=7230, lib=False),
                 dict(name="公共交通空白地域の人口", unit="人", base=(1640, "R3"), t=1200, a=1305, lib=True),
             ],
             note=None,
             evaluation="地方創生に効果があった", policy="継続",
             next="空白地域の解消に向け、停留所を山間部の集落に追加し、予約方法に電話を加える。"),
        dict(no=4,
             title="藤ノ瀬茶の加工施設整備による６次産業化と販路拡大事業",
             department="農林振興課",
             purpose="町の特産である藤ノ瀬茶の付加価値を高め、茶園の維持と生産者の所得向上を図る。",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             zen=False,
             budget={"R4": 42380},
             outcome="茶の加工施設（粉末茶・ティーバッグの製造ライン）を整備し、令和4年7月に稼働した。"
                     "生産者組合が運営し、町内のスーパーと道の駅、オンラインストアで加工品の販売を始めた。",
             kpis=[
                 dict(name="茶加工品の販売額", unit="千円", base=(18400, "R2"), t=25000, a=26830, lib=False),
                 dict(name="耕作放棄茶園の面積", unit="ha", base=(38.5, "R2"), t=34.0, a=35.2, lib=True),
             ],
             note="※令和3年度補正予算を令和4年度に繰り越して執行した。",
             evaluation="地方創生に相当程度効果があった", policy="継続",
             next="加工品の種類を増やし、耕作放棄茶園を借り受ける担い手への支援を組み合わせる。"),
        dict(no=5,
             title="子育て世代の多様な働き方を支えるコワーキング施設の運営とテレワーク・起業支援事業",
             department="産業振興課",
             purpose="子育て世代が町内で働き続けられる環境を整え、若い世代の町外への転出を抑える。",
             period="令和2年度〜令和4年度", period_print="令和2年度～令和4年度（3か年）",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             zen=False,
             budget={"R3": 12540, "R4": 11260},
             outcome="駅前のコワーキング施設に託児スペースを併設して運営し、子育て中の町民向けにテレワーク講座と"
                     "起業セミナーを計10回開催した。受講者には専門家による個別相談を行った。",
             kpis=[
                 dict(name="コワーキング施設の会員数", unit="人", base=(42, "R元"), t=120, a=96, lib=False),
                 dict(name="セミナー受講者の起業件数", unit="件", base=None, t=6, a=6, lib=False),
                 dict(name="町外へ転出する20～39歳の人数", unit="人", base=(214, "R元"), t=180, a=193, lib=True),
             ],
             note=None,
             evaluation="地方創生に効果があった", policy="終了",
             next="交付金事業は令和4年度で終了し、令和5年度からは施設を指定管理とし、起業支援は商工会と連携して続ける。"),
    ],
}
F1_YEARS = [("R3", "令和3年度\n（決算）"), ("R4", "令和4年度\n（決算）"), ("R5", "令和5年度\n（当初予算）")]
F1_PAGES = [[1, 2], [3, 4], [5]]
CIRC = "①②③④⑤"


def f1_Z(p):
    return zen if p["zen"] else ident


def f1_kpi_strings(p, k):
    """The printed strings of a KPI block, in drawing order."""
    Z = f1_Z(p)
    i = p["kpis"].index(k)
    name = ("↓" if k["lib"] else "") + k["name"]
    u = k["unit"]
    base = "基準値：－" if k["base"] is None else f"基準値：{Z(fmt(k['base'][0]))}{u}（{Z(k['base'][1])}）"
    tgt = Z(fmt(k["t"])) + u
    act = k["a"] if isinstance(k["a"], str) else Z(fmt(k["a"])) + u
    rate = "－" if isinstance(k["a"], str) else Z(rate_str(k["t"], k["a"], k["lib"]).replace("%", "％" if p["zen"] else "%"))
    return [f"KPI{CIRC[i]}", name, base, "目標", tgt, "実績", act, "達成率", rate]


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = landscape(A3)
    lm = 14 * mm
    gap = 9 * mm
    PW = (W - 2 * lm - gap) / 2
    c = rl_canvas.Canvas(str(pdf), pagesize=(W, H), invariant=1)
    c.setTitle("令和4年度 地方創生関係交付金事業 効果検証結果（概要版）")
    c.setAuthor("藤ノ瀬町")
    c.setCreator("Microsoft PowerPoint")
    c.setProducer("ReportLab")

    BAND = colors.HexColor("#2E6B3F")
    LBL = colors.HexColor("#E7F0E3")
    GRID = colors.HexColor("#7F7F7F")
    BAR = colors.HexColor("#6AA84F")
    st_band = style("band", GOTHIC, 17, 22, textColor=colors.white)
    st_blab = style("blab", GOTHIC, 9, 12, textColor=BAND)
    st_bval = style("bval", GOTHIC, 12, 15.5)
    st_h = style("h", GOTHIC, 12.5, 16, textColor=BAND)
    st_body = style("body", MINCHO, 11, 17)
    st_note = style("note", MINCHO, 9.5, 13)
    st_c = style("c", GOTHIC, 9.5, 12, align=TA_CENTER)
    st_cn = style("cn", GOTHIC, 11.5, 14, align=TA_RIGHT)
    st_kname = style("kn", GOTHIC, 12, 15.5)
    st_kbase = style("kb", MINCHO, 10, 13, align=TA_RIGHT)
    st_kv = style("kv", GOTHIC, 13, 16, align=TA_RIGHT)
    st_klab = style("kl", GOTHIC, 10.5, 13, align=TA_CENTER)
    st_ev = style("ev", GOTHIC, 12, 15)
    st_leg = style("leg", MINCHO, 9.5, 13)
    projs = {p["no"]: p for p in F1["projects"]}

    def panel(p, x, ytop):
        Z = f1_Z(p)
        y = ytop
        # --- title band: tag + wrapped title
        tw = PW - 76 - 14
        tp = Paragraph(p["title"], st_band)
        _, th = tp.wrap(tw, 1e6)
        FREE.append((p["title"], max(tp.getActualLineWidths0()), tw))
        bh = th + 12
        c.setFillColor(BAND)
        c.rect(x, y - bh, PW, bh, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.roundRect(x + 8, y - bh / 2 - 10, 58, 20, 4, stroke=0, fill=1)
        c.setFillColor(BAND)
        c.setFont(GOTHIC, 11.5)
        c.drawCentredString(x + 37, y - bh / 2 - 4.2, "事業" + zen(str(p["no"])))
        tp.drawOn(c, x + 76, y - bh + 6)
        y -= bh + 6
        # --- three label boxes: label above value
        boxes = [("担当課", p["department"], 0.16), ("事業期間", Z(p["period_print"]), 0.39),
                 ("交付金の種類", grant_name(p), 0.45)]
        hs = []
        for lab, val, f in boxes:
            bw = (PW - 8) * f - 10
            pl, pv = Paragraph(lab, st_blab), Paragraph(val, st_bval)
            hs.append(pl.wrap(bw, 1e6)[1] + pv.wrap(bw, 1e6)[1])
        bh = max(hs) + 9
        bx = x
        for lab, val, f in boxes:
            bw = (PW - 8) * f
            c.setStrokeColor(BAND)
            c.setLineWidth(0.8)
            c.rect(bx, y - bh, bw, bh, stroke=1, fill=0)
            h1 = draw_para(c, lab, st_blab, bx + 5, y - 3, bw - 10)
            draw_para(c, val, st_bval, bx + 5, y - 4 - h1, bw - 10)
            bx += bw + 4
        y -= bh + 10
        # --- 事業費 table
        rows = [[P("事業費\n（千円）", st_c)] + [P(lab, st_c) for _, lab in F1_YEARS],
                [""] + [P(Z(fmt(p["budget"].get(fy))), st_cn if fy in p["budget"] else st_c) for fy, _ in F1_YEARS]]
        cw0 = 92
        t = T(rows, [cw0] + [(PW - cw0) / 3] * 3,
              [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("SPAN", (0, 0), (0, 1)),
               ("BACKGROUND", (0, 0), (-1, 0), LBL), ("BACKGROUND", (0, 0), (0, 1), LBL),
               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
               ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
               ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
        y -= draw_table(c, t, x, y, PW) + 12
        # --- distractor: 事業の目的
        c.setFillColor(BAND)
        c.rect(x, y - 14, 4, 13, stroke=0, fill=1)
        y -= draw_para(c, "事業の目的", st_h, x + 8, y, PW - 8) + 2
        y -= draw_para(c, Z(p["purpose"]), st_body, x + 8, y, PW - 12) + 12
        # --- 主な取組 (outcome)
        c.setFillColor(BAND)
        c.rect(x, y - 14, 4, 13, stroke=0, fill=1)
        y -= draw_para(c, "令和４年度の主な取組", st_h, x + 8, y, PW - 8) + 2
        y -= draw_para(c, Z(p["outcome"]), st_body, x + 8, y, PW - 12) + 12
        # --- KPIs
        c.setFillColor(BAND)
        c.rect(x, y - 14, 4, 13, stroke=0, fill=1)
        y -= draw_para(c, "成果指標（ＫＰＩ）の達成状況（令和４年度）", st_h, x + 8, y, PW - 8) + 3
        for k in p["kpis"]:
            s = f1_kpi_strings(p, k)
            cws = [48, 48, 112, PW - 48 - 48 - 112 - 180, 180]
            rows = [[P(s[0], st_klab), P(s[1], st_kname), "", "", P(s[2], st_kbase)],
                    ["", P(s[3], st_klab), P(s[4], st_kv), "", ""],
                    ["", P(s[5], st_klab), P(s[6], st_kv), "", ""]]
            t = T(rows, cws,
                  [("BOX", (0, 0), (-1, -1), 0.6, GRID), ("LINEBELOW", (0, 0), (-1, 0), 0.4, GRID),
                   ("LINEAFTER", (0, 0), (0, -1), 0.4, GRID), ("LINEBELOW", (1, 1), (2, 1), 0.3, GRID),
                   ("LINEAFTER", (2, 1), (2, 2), 0.4, GRID),
                   ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (3, 0)), ("SPAN", (3, 1), (4, 2)),
                   ("BACKGROUND", (0, 0), (0, 2), LBL), ("BACKGROUND", (1, 1), (1, 2), LBL),
                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                   ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
            th = draw_table(c, t, x, y, PW)
            rh = t._rowHeights
            # the 達成率 bar in the spanned cell (rows 1-2, cols 3-4), drawn over the table
            bx0 = x + sum(cws[:3]) + 8
            ymid = y - rh[0] - (rh[1] + rh[2]) / 2
            c.setFont(GOTHIC, 10)
            c.setFillColor(colors.black)
            c.drawString(bx0, ymid + 10, s[7])
            full = PW - sum(cws[:3]) - 8 - 80       # 130 % of the scale
            c.setStrokeColor(GRID)
            c.setDash(2, 2)
            c.line(bx0 + full * 100 / 130, ymid - 13, bx0 + full * 100 / 130, ymid + 8)
            c.setDash()
            if isinstance(k["a"], str):
                c.setFont(GOTHIC, 13)
                c.drawString(bx0 + 4, ymid - 9, s[8] + " ")
            else:
                r = computed_rate(k["t"], k["a"], k["lib"]) * 100
                bl = full * min(r, 130) / 130
                c.setFillColor(BAR if r >= 100 else colors.HexColor("#F1C232"))
                c.rect(bx0, ymid - 10, bl, 14, stroke=0, fill=1)
                c.setFillColor(colors.black)
                c.setFont(GOTHIC, 13)
                c.drawString(bx0 + max(bl, full * 100 / 130) + 6, ymid - 7.5, s[8])
            y -= th + 7
        if p["note"]:
            y -= draw_para(c, p["note"], st_note, x + 4, y, PW - 8) + 4
        # --- 評価 / 今後の方針
        rows = [[P("評価", st_klab), P(p["evaluation"], st_ev), P("今後の方針", st_klab), P(p["policy"], st_ev)]]
        t = T(rows, [56, PW - 56 - 86 - 120, 86, 120],
              [("GRID", (0, 0), (-1, -1), 0.6, GRID), ("BACKGROUND", (0, 0), (0, 0), LBL),
               ("BACKGROUND", (2, 0), (2, 0), LBL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
               ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
        y -= draw_table(c, t, x, y, PW) + 12
        # --- distractor: 課題・今後の取組
        c.setFillColor(BAND)
        c.rect(x, y - 14, 4, 13, stroke=0, fill=1)
        y -= draw_para(c, "課題・今後の取組", st_h, x + 8, y, PW - 8) + 2
        y -= draw_para(c, Z(p["next"]), st_body, x + 8, y, PW - 12)
        return y

    def summary_panel(x, ytop):
        """Page 3, right: 総括 (distractor): counts per project and the sum."""
        y = ytop
        c.setFillColor(colors.HexColor("#595959"))
        c.rect(x, y - 30, PW, 30, stroke=0, fill=1)
        draw_para(c, "総括　令和４年度の効果検証結果", style("sb", GOTHIC, 14, 18, textColor=colors.white),
                  x + 12, y - 6, PW - 24)
        y -= 40
        allk = [(p, k) for p in F1["projects"] for k in p["kpis"]]
        rows = [[P(h, st_c) for h in ("事業", "指標数", "達成", "未達成", "集計中", "令和４年度\n事業費（千円）")]]
        tot = [0, 0, 0, 0, 0]
        for p in F1["projects"]:
            ks = p["kpis"]
            ok = sum(1 for k in ks if not isinstance(k["a"], str) and computed_rate(k["t"], k["a"], k["lib"]) >= 1)
            pend = sum(1 for k in ks if isinstance(k["a"], str))
            ng = len(ks) - ok - pend
            b = p["budget"].get("R4", 0)
            vals = [len(ks), ok, ng, pend, b]
            tot = [a + v for a, v in zip(tot, vals, strict=True)]
            rows.append([P("事業" + zen(str(p["no"])), st_c)] + [P(fmt(v), st_cn) for v in vals])
        rows.append([P("合計", st_c)] + [P(fmt(v), st_cn) for v in tot])
        t = T(rows, [70, 70, 70, 70, 70, PW - 350],
              [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), LBL),
               ("BACKGROUND", (0, -1), (-1, -1), LBL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
               ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
               ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
        y -= draw_table(c, t, x, y, PW) + 10
        n_ok = sum(1 for p, k in allk if not isinstance(k["a"], str) and computed_rate(k["t"], k["a"], k["lib"]) >= 1)
        n_meas = sum(1 for p, k in allk if not isinstance(k["a"], str))
        txt = (f"令和４年度は、５事業の{zen(str(len(allk)))}指標のうち、実績が確定した{zen(str(n_meas))}指標の"
               f"{zen(str(n_ok))}指標で目標を達成した（達成割合{zen(f'{n_ok / n_meas * 100:.1f}')}％）。"
               "令和３年度（達成割合３６．４％）と比べると改善しているが、宿泊者数や移住者数など、"
               "人の流れに関する指標は目標に届いていない。")
        y -= draw_para(c, txt, st_body, x + 4, y, PW - 8) + 8
        txt2 = ("藤ノ瀬町まち・ひと・しごと創生推進会議（令和５年８月２９日開催）では、「デマンド交通は利用が"
                "順調に伸びており、周辺の町と連携した広域での運行も検討すべき」「お試し移住の利用者が実際の"
                "移住につながるよう、住まいと仕事を一体で紹介する仕組みが必要」などの意見があった。")
        c.setFillColor(BAND)
        c.rect(x, y - 14, 4, 13, stroke=0, fill=1)
        y -= draw_para(c, "外部有識者の主な意見", st_h, x + 8, y, PW - 8) + 2
        y -= draw_para(c, txt2, st_body, x + 8, y, PW - 12)
        return y

    npages = len(F1_PAGES)
    for pi, nos in enumerate(F1_PAGES, 1):
        # master-page items first (footer, then header), as a DTP tool writes them
        c.setFont(MINCHO, 10)
        c.setFillColor(colors.black)
        c.drawCentredString(W / 2, 8 * mm, f"－ {pi} －")
        draw_para(c, "※１　事業費の「決算」は各年度の決算額、「当初予算」は令和５年度当初予算額である。"
                     "事業期間外の年度は「－」とした。　※２　達成率＝実績÷目標×100。指標名の前に「↓」を付した指標は"
                     "数値が小さいほど良い指標であり、達成率＝目標÷実績×100とした。破線は達成率100％の位置を示す。",
                  st_leg, lm, 22 * mm, W - 2 * lm)
        c.setFillColor(BAND)
        c.rect(lm, H - 27 * mm, W - 2 * lm, 1.6, stroke=0, fill=1)
        draw_para(c, "令和４年度　地方創生関係交付金事業　効果検証結果（概要版）",
                  style("pt", GOTHIC, 19, 24, textColor=BAND), lm, H - 12 * mm, 700)
        c.setFont(GOTHIC, 9)
        c.setFillColor(colors.black)
        c.drawRightString(W - lm, H - 15 * mm, "藤ノ瀬町まち・ひと・しごと創生推進本部")
        c.drawRightString(W - lm, H - 20.5 * mm, "令和５年９月")
        ytop = H - 31 * mm
        ybot = []
        for side, no in enumerate(nos):
            ybot.append(panel(projs[no], lm + side * (PW + gap), ytop))
        if len(nos) == 1:
            ybot.append(summary_panel(lm + PW + gap, ytop))
        assert min(ybot) > 32 * mm, (pi, ybot)
        c.setStrokeColor(colors.HexColor("#BFBFBF"))
        c.setLineWidth(0.6)
        for side in range(2):
            c.rect(lm + side * (PW + gap) - 4, 30 * mm, PW + 8, ytop - 30 * mm + 4, stroke=1, fill=0)
        c.showPage()
    c.save()
    assert npages == 3

    projects, kpis = [], []
    for p in F1["projects"]:
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: v for fy, v in sorted(p["budget"].items())},
            "budget_unit": "千円",
            "budget_planned": ["R5"] if "R5" in p["budget"] else [],
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
                   "layout": "a3_landscape_gaiyouban_two_project_panels_per_page_kpi_rate_bar_labels",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 月見野市 — web page printed from a browser (FY R5, 千円 / 円)
# ===========================================================================

# budget: {fy: (事業費, うち交付金)}; years marked plan are 当初予算.
#         yen=True: the budget is a sentence in 円 instead of a table.
# kpis:   dir 「減少」 = lower is better (rate 目標÷実績); a = "集計中" or
#         "－" → actual / rate null; a = 0 on a 減少 KPI → rate 「－」 (null).
#         base (value, year) or None; a_print overrides the printed actual.
F2 = {
    "stem": "tsukimino_r5_web_kensho",
    "city": "月見野市",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="保育士の確保・定着支援と保育所等への保育ＩＣＴ導入支援による待機児童の解消と子育て環境の充実事業",
             department="こども保育課",
             period="令和4年度〜令和6年度", period_print="令和4年度から令和6年度まで（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, yen=False,
             purpose="保育士の不足により生じている待機児童を解消し、子育て世代が安心して働き続けられる環境を整える。",
             budget={"R4": (21480, 10740), "R5": (23115, 11557), "R6": (22000, 11000)}, plan=["R6"],
             outcome="市内の保育施設に就職した保育士に就職準備金（1人20万円）を支給し、34人が市内で就職した。"
                     "保育施設18か所に登降園管理と保護者連絡のシステムを導入し、保育士の書類作成の時間を減らした。",
             kpis=[
                 dict(name="保育所等の待機児童数", unit="人", dir="減少", base=(27, "R3"), t=10, a=0,
                      note="令和6年4月1日現在。実績が0人のため達成率は算出しない（目標達成）"),
                 dict(name="市の就職支援により市内で就職した保育士数", unit="人", dir="増加", base=None, t=30, a=34, note=""),
                 dict(name="市内保育施設の保育士の離職率", unit="%", dir="減少", base=(12.4, "R3"), t=9.0, a=8.2, note=""),
             ],
             extra=None,
             evaluation="地方創生に非常に効果的であった", policy="継続",
             opinion="待機児童が解消したことは大きな成果である。今後は保育の質の確保にも目を向け、"
                     "離職率の目標を一段高く設定してはどうか。"),
        dict(no=2,
             title="空き家バンクの充実と改修支援による空き家の利活用と移住促進事業",
             department="住宅政策課",
             period="令和3年度〜令和5年度", period_print="令和3年度から令和5年度まで（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=False, yen=False,
             purpose="増え続ける空き家を住まいや店舗として活用し、移住者の受け皿とするとともに、管理不全の空き家を減らす。",
             budget={"R3": (12360, 6180), "R4": (13020, 6510), "R5": (14700, 7350)}, plan=[],
             outcome="空き家の所有者に向けた無料相談会を6回開き、空き家バンクの登録を勧めた。"
                     "空き家バンクの物件を購入・賃借した移住者に改修費を補助し（上限100万円）、17世帯が移住した。"
                     "また、空き家の片付けと家財の処分にかかる費用を補助する制度を新設し、12件に交付した。",
             kpis=[
                 dict(name="市内の空き家数", unit="戸", dir="減少", base=(1284, "R2"), t=1150, a=1096, note="各年度末の市の実態調査による"),
                 dict(name="空き家バンクの成約件数", unit="件", dir="増加", base=(18, "R2"), t=40, a=33, note=""),
                 dict(name="空き家を活用した移住世帯数", unit="世帯", dir="増加", base=None, t=15, a=17, note=""),
             ],
             extra=("（参考）市内の空き家数の推移（単位：戸）",
                    [("令和2年度", 1284), ("令和3年度", 1251), ("令和4年度", 1187), ("令和5年度", 1096)]),
             evaluation="地方創生に相当程度効果があった", policy="終了",
             opinion="空き家数は着実に減っているが、成約件数が伸び悩んでいる。交付金事業の終了後も、"
                     "相談体制は市の単独事業として維持してほしい。"),
        dict(no=3,
             title="行政手続のオンライン化と窓口のデジタル化による市民サービス向上事業",
             department="市民課",
             period="令和5年度〜令和7年度", period_print="令和5年度から令和7年度まで（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             zen=False, yen=True,
             purpose="窓口での待ち時間と手続の処理日数を短くし、市民と事業者の負担を減らす。",
             budget={"R5": (38412000, 19206000), "R6": (41000000, 20500000)}, plan=["R6"],
             outcome="転入・転出などの届出で、事前にスマートフォンで入力した内容から申請書を作る「書かない窓口」を"
                     "令和5年10月に始めた。建築確認申請は電子申請と審査システムを導入し、紙の申請と並行して受け付けた。",
             kpis=[
                 dict(name="転入・転出届の窓口での平均待ち時間", unit="分", dir="減少", base=(42, "R4"), t=20, a=16, note="3月の繁忙期を含む年間の平均"),
                 dict(name="建築確認申請の平均処理日数", unit="日", dir="減少", base=(21.5, "R4"), t=15.0, a=15.8, note=""),
                 dict(name="市民向けオンライン申請の利用率", unit="%", dir="増加", base=(8.6, "R4"), t=30.0, a="－",
                      note="申請件数の集計方法を変更したため、令和6年度から計測する"),
             ],
             extra=None,
             evaluation="地方創生に相当程度効果があった", policy="拡充",
             opinion="待ち時間の短縮は市民にも実感されている。建築確認の処理日数は、電子申請の利用が広がれば"
                     "さらに短くなると考えられる。"),
        dict(no=4,
             title="中心市街地の空き店舗を活用したチャレンジショップとにぎわい創出事業",
             department="商工振興課",
             period="令和4年度〜令和6年度", period_print="令和4年度から令和6年度まで（3か年）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             zen=True, yen=False,
             purpose="中心商店街の空き店舗を減らし、若い世代の出店と回遊を促して、まちなかのにぎわいを取り戻す。",
             budget={"R4": (9870, 4935), "R5": (10450, 5225), "R6": (10000, 5000)}, plan=["R6"],
             outcome="空き店舗を改修したチャレンジショップ3区画で、6か月ごとに新たな出店者を受け入れた。"
                     "卒業した出店者のうち4人が商店街の空き店舗で開業した。毎月第2土曜日に歩行者天国のマルシェを開催した。",
             kpis=[
                 dict(name="中心商店街の空き店舗数", unit="店舗", dir="減少", base=(46, "R3"), t=38, a=35, note=""),
                 dict(name="中心商店街の歩行者通行量", unit="人/日", dir="増加", base=(3820, "R3"), t=4500, a=4215,
                      a_print="４，２１５", note="平日・休日の平均"),
                 dict(name="「まちなかににぎわいがある」と感じる市民の割合", unit="%", dir="増加", base=(18.2, "R3"),
                      t=25.0, a="集計中", note="市民意識調査の結果を令和6年12月に公表予定"),
             ],
             extra=None,
             evaluation="地方創生に効果があった", policy="見直し",
             opinion="チャレンジショップからの開業は成果が出ているが、通行量の目標には届いていない。"
                     "マルシェの開催日を増やすなど、平日の人出を増やす工夫が必要である。"),
    ],
}
F2_FYLAB = {"R3": "令和3年度", "R4": "令和4年度", "R5": "令和5年度", "R6": "令和6年度"}
F2_URL = "https://www.city.tsukimino.lg.jp/soshiki/kikaku/chihousousei/1008342.html"
F2_PAGETITLE = "令和5年度 地方創生関係交付金事業の効果検証結果｜月見野市"


def f2_Z(p):
    return zen if p["zen"] else ident


def f2_kpi_cells(k):
    """The printed cells of a KPI row (without 備考)."""
    base = "－" if k["base"] is None else f"{fmt(k['base'][0])}（{k['base'][1]}）"
    if isinstance(k["a"], str):
        act, rate = k["a"], "－"
    else:
        act = k.get("a_print") or fmt(k["a"])
        rate = "－" if k["a"] == 0 else rate_str(k["t"], k["a"], k["dir"] == "減少")
    return [k["name"], k["unit"], k["dir"], base, fmt(k["t"]), act, rate]


def f2_budget_sentence(p):
    parts = []
    for fy, (v, g) in sorted(p["budget"].items()):
        kind = "当初予算額" if fy in p["plan"] else "決算額"
        parts.append(f"{F2_FYLAB[fy]}{kind}　{fmt(v)}円（うち交付金　{fmt(g)}円）")
    return "／".join(parts)


def build_f2_doc(target, npages):
    W, H = A4
    lm = rm = 12 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(target, pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm, topMargin=14 * mm, bottomMargin=14 * mm,
                            title=F2_PAGETITLE, author="", creator="Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                            "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
                            subject="", producer="Skia/PDF m129")
    NAVY = colors.HexColor("#1F3C73")
    LIGHT = colors.HexColor("#EEF3FA")
    TH = colors.HexColor("#DCE6F1")
    LINE = colors.HexColor("#A6A6A6")
    st_logo = style("logo", GOTHIC, 20, 24, textColor=NAVY)
    st_logo_en = style("logoen", GOTHIC, 8, 10, textColor=NAVY)
    st_util = style("util", GOTHIC, 7.5, 10, align=TA_RIGHT)
    st_nav = style("nav", GOTHIC, 8, 11, align=TA_CENTER, textColor=colors.white)
    st_crumb = style("crumb", GOTHIC, 7.8, 11)
    st_h1 = style("h1", GOTHIC, 15, 20, textColor=NAVY, spaceBefore=6, spaceAfter=2)
    st_meta = style("meta", GOTHIC, 8, 11, align=TA_RIGHT)
    st_body = style("body", GOTHIC, 9, 14.5, spaceBefore=2)
    st_li = style("li", GOTHIC, 9, 14.5, leftIndent=12, firstLineIndent=-9)
    st_h2 = style("h2", GOTHIC, 12.5, 17, textColor=colors.white, backColor=NAVY, borderPadding=(3, 4, 3, 4),
                  spaceBefore=12, spaceAfter=6)
    st_h3 = style("h3", GOTHIC, 11, 15.5, textColor=NAVY, borderColor=NAVY, borderWidth=0, spaceBefore=12,
                  spaceAfter=4, leftIndent=8)
    st_dt = style("dt", GOTHIC, 9, 13, backColor=LIGHT, borderPadding=(2, 3, 2, 3), spaceBefore=6, spaceAfter=2)
    st_dd = style("dd", GOTHIC, 9, 14.5, leftIndent=14)
    st_cap = style("cap", GOTHIC, 8.5, 12, leftIndent=14, spaceAfter=2)
    st_th = style("th", GOTHIC, 7.8, 10, align=TA_CENTER)
    st_td = style("td", GOTHIC, 7.8, 10)
    st_tn = style("tn", GOTHIC, 7.8, 10, align=TA_RIGHT)
    st_tc = style("tc", GOTHIC, 7.8, 10, align=TA_CENTER)
    st_small = style("small", GOTHIC, 8, 12)
    st_foot = style("foot", GOTHIC, 7.5, 11, align=TA_CENTER)

    def tbl_cmds(header_rows=1):
        return [("FONT", (0, 0), (-1, -1), GOTHIC, 7.8), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, header_rows - 1), TH),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]

    projs = F2["projects"]
    allk = [(p, k) for p in projs for k in p["kpis"]]
    measured = [(p, k) for p, k in allk if not isinstance(k["a"], str)]
    n_ok = sum(1 for p, k in measured if k["a"] == 0 or computed_rate(k["t"], k["a"], k["dir"] == "減少") >= 1)
    n_ng = len(measured) - n_ok
    n_pend = len(allk) - len(measured)
    # sums in 千円 (the 円 project converted, as the page's own summary does)
    tot = sum(p["budget"]["R5"][0] // (1000 if p["yen"] else 1) for p in projs)
    tot_g = sum(p["budget"]["R5"][1] // (1000 if p["yen"] else 1) for p in projs)

    story = []
    # --- site header, navigation, breadcrumb
    story.append(T([[[P("月見野市", st_logo), P("Tsukimino City", st_logo_en)],
                     P("文字サイズ　標準　拡大　｜　背景色　白　黒　青　｜　Foreign Language　｜　サイトマップ", st_util)]],
                   [150, CW - 150],
                   [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    nav = ["くらし・手続き", "子育て・教育", "健康・福祉", "観光・文化・スポーツ", "事業者の方へ", "市政情報"]
    story.append(T([[P(n, st_nav) for n in nav]], [CW / len(nav)] * len(nav),
                   [("BACKGROUND", (0, 0), (-1, -1), NAVY), ("LINEAFTER", (0, 0), (-2, 0), 0.5, colors.white),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story.append(Spacer(1, 3 * mm))
    story.append(P("現在位置：ホーム ＞ 市政情報 ＞ 計画・行政評価 ＞ 地方創生 ＞ "
                   "令和5年度 地方創生関係交付金事業の効果検証結果", st_crumb))
    story.append(P("令和5年度 地方創生関係交付金事業の効果検証結果", st_h1))
    story.append(HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=1, spaceAfter=3))
    story.append(P("ページ番号：1008342　　更新日：2024年9月27日", st_meta))
    story.append(P("本市では、国の地方創生関係交付金を活用して、月見野市まち・ひと・しごと創生総合戦略（第2期）に"
                   "位置付けた事業を実施しています。令和5年度に実施した4事業について、重要業績評価指標（KPI）の"
                   "達成状況をもとに、月見野市総合戦略推進委員会（外部有識者会議）の意見を聴いて効果検証を行いましたので、"
                   "その結果をお知らせします。", st_body))
    story.append(P("効果検証の方法", st_h2))
    for li in ["・各事業のKPIについて、令和5年度の実績値を目標値と比較し、達成率を算出しました。",
               "・達成率は「実績値÷目標値×100」で算出しています。ただし、待機児童数や空き家数のように数値が小さいほど"
               "良い指標（表の「目標の方向」が「減少」のもの）は、「目標値÷実績値×100」で算出しています。"
               "このため、目標を上回る成果があった指標は達成率が100％を超えます。",
               "・実績値が確定していないものは「集計中」、計測していないものは「－」と表示しています。",
               "・事業費は、決算額（令和6年度は当初予算額）で、単位は千円です（記載のあるものを除く）。"]:
        story.append(P(li, st_li))
    story.append(P("検証結果の概要", st_h2))
    story.append(T([[P("区分", st_th), P("指標数", st_th)],
                    [P("目標値を達成した指標", st_td), P(fmt(n_ok), st_tn)],
                    [P("目標値を達成しなかった指標", st_td), P(fmt(n_ng), st_tn)],
                    [P("実績値が確定していない指標", st_td), P(fmt(n_pend), st_tn)],
                    [P("合計", st_td), P(fmt(len(allk)), st_tn)]],
                   [170, 60], tbl_cmds(), hAlign="LEFT"))
    story.append(P(f"4事業の令和5年度の事業費（決算額）の合計は{fmt(tot)}千円（うち交付金{fmt(tot_g)}千円）でした。",
                   st_body))
    story.append(P("事業ごとの検証結果", st_h2))

    kcws = [124, 30, 36, 58, 44, 48, 44]
    kcws.append(CW - 14 - sum(kcws))
    for p in projs:
        Z = f2_Z(p)
        block = [P(f"（{p['no']}）{p['title']}", st_h3),
                 HRFlowable(width="100%", thickness=0.8, color=NAVY, spaceBefore=0, spaceAfter=2)]
        story.append(CondPageBreak(60 * mm))
        story += block
        for dt, dd in [("担当課", p["department"]), ("事業期間", Z(p["period_print"])),
                       ("交付金の種類", grant_name(p)), ("事業の目的", p["purpose"]),
                       ("令和5年度の主な取組", Z(p["outcome"]))]:
            story.append(KeepTogether([P(dt, st_dt), P(dd, st_dd)]))
        # 事業費
        if p["yen"]:
            story.append(KeepTogether([P("事業費", st_dt), P(f2_budget_sentence(p), st_dd)]))
        else:
            yrs = sorted(p["budget"])
            head = [P("区分", st_th)] + [P(F2_FYLAB[fy] + ("\n（当初予算）" if fy in p["plan"] else "\n（決算）"), st_th)
                                         for fy in yrs]
            r1 = [P("事業費", st_td)] + [P(fmt(p["budget"][fy][0]), st_tn) for fy in yrs]
            r2 = [P("うち交付金", st_td)] + [P(fmt(p["budget"][fy][1]), st_tn) for fy in yrs]
            bt = T([head, r1, r2], [80] + [80] * len(yrs), tbl_cmds(), hAlign="LEFT")
            story.append(KeepTogether([P("事業費", st_dt), P("（単位：千円）", st_cap),
                                       T([[bt]], [CW - 14], [("LEFTPADDING", (0, 0), (-1, -1), 14),
                                                            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                            ("TOPPADDING", (0, 0), (-1, -1), 0),
                                                            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)],
                                         hAlign="LEFT")]))
        # KPI table (a browser repeats <thead> on each printed page)
        head = [P(h, st_th) for h in ("指標名", "単位", "目標の\n方向", "基準値\n（年度）", "目標値\n（R5）",
                                      "実績値\n（R5）", "達成率", "備考")]
        rows = [head]
        for k in p["kpis"]:
            cells = f2_kpi_cells(k)
            rows.append([P(cells[0], st_td), P(cells[1], st_tc), P(cells[2], st_tc), P(cells[3], st_tn),
                         P(cells[4], st_tn), P(cells[5], st_tn if cells[5] not in ("－", "集計中") else st_tc),
                         P(cells[6], st_tn if cells[6] != "－" else st_tc), P(k["note"], st_td) if k["note"] else ""])
        kt = T(rows, kcws, tbl_cmds(), hAlign="RIGHT", repeatRows=1)
        story.append(KeepTogether([P("重要業績評価指標（KPI）", st_dt), Spacer(1, 2)]))
        story.append(kt)
        if p["extra"]:
            cap, vals = p["extra"]
            et = T([[P("年度", st_th)] + [P(y, st_th) for y, _ in vals],
                    [P("空き家数", st_td)] + [P(fmt(v), st_tn) for _, v in vals]],
                   [70] + [70] * len(vals), tbl_cmds(), hAlign="RIGHT")
            story.append(KeepTogether([Spacer(1, 4), P(cap, st_cap),
                                       T([[et]], [CW - 14], [("LEFTPADDING", (0, 0), (-1, -1), 14),
                                                            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                            ("TOPPADDING", (0, 0), (-1, -1), 0),
                                                            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)],
                                         hAlign="LEFT")]))
        for dt, dd in [("事業の評価", p["evaluation"]), ("今後の方針", p["policy"]),
                       ("外部有識者会議の主な意見", p["opinion"])]:
            story.append(KeepTogether([P(dt, st_dt), P(dd, st_dd)]))

    story.append(P("関連ファイル", st_h2))
    for li in ["・令和5年度 地方創生関係交付金事業 効果検証シート（PDF：1,286KB）",
               "・月見野市まち・ひと・しごと創生総合戦略（第2期）（PDF：3,402KB）",
               "・令和4年度 地方創生関係交付金事業の効果検証結果"]:
        story.append(P(li, st_li))
    story.append(P("PDFファイルをご覧いただくには、Adobe Acrobat Reader（外部リンク）が必要です。", st_small))
    contact = T([[P("このページに関するお問い合わせ", style("ch", GOTHIC, 10, 14, textColor=NAVY))],
                 [P("企画部　企画政策課　地方創生推進係<br/>〒999-8501　月見野市中央一丁目1番1号（本庁舎3階）<br/>"
                    "電話番号：0299-12-3456　ファクス番号：0299-12-3499<br/>メールフォームによるお問い合わせ", st_small)]],
                [CW], [("BOX", (0, 0), (-1, -1), 0.8, NAVY), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                       ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                       ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
    story += [Spacer(1, 6 * mm), contact, Spacer(1, 4 * mm)]
    fb = T([[P("より良いウェブサイトにするためにみなさまのご意見をお聞かせください", style("fh", GOTHIC, 9, 13))],
            [P("このページの情報は役に立ちましたか？<br/>○役に立った　○ふつう　○役に立たなかった<br/>"
               "このページの情報は見つけやすかったですか？<br/>○見つけやすかった　○ふつう　○見つけにくかった", st_small)],
            [P("送信", style("btn", GOTHIC, 9, 12, align=TA_CENTER))]],
           [CW], [("BOX", (0, 0), (-1, -1), 0.5, LINE), ("LEFTPADDING", (0, 0), (-1, -1), 8),
                  ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 3),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
    story += [KeepTogether([fb]), Spacer(1, 3 * mm), P("このページの先頭へ", st_meta), Spacer(1, 3 * mm)]
    story.append(T([[P("月見野市役所　〒999-8501　月見野市中央一丁目1番1号　電話：0299-12-3456（代表）<br/>"
                       "開庁時間：午前8時30分から午後5時15分まで（土曜日・日曜日・祝日・年末年始を除く）<br/>"
                       "Copyright (C) Tsukimino City. All Rights Reserved.", st_foot)]],
                   [CW], [("BACKGROUND", (0, 0), (-1, -1), LIGHT), ("TOPPADDING", (0, 0), (-1, -1), 6),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(GOTHIC, 7)
        canvas.drawString(8 * mm, H - 6.5 * mm, "2024/10/15 10:42")
        canvas.drawCentredString(W / 2, H - 6.5 * mm, F2_PAGETITLE)
        canvas.setFont("Helvetica", 7)
        canvas.drawString(8 * mm, 5.5 * mm, F2_URL)
        canvas.drawRightString(W - 8 * mm, 5.5 * mm, f"{d.page}/{npages}")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    # two passes: the browser footer prints 「n/N」
    buf = io.BytesIO()
    mark = len(TABLES)
    build_f2_doc(buf, 0)
    npages = n_pages(buf.getvalue())
    del TABLES[mark:]
    build_f2_doc(str(pdf), npages)

    projects, kpis = [], []
    for p in F2["projects"]:
        unit = "円" if p["yen"] else "千円"
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": {fy: p["budget"][fy][0] for fy in sorted(p["budget"])},
            "budget_unit": unit,
            "budget_planned": list(p["plan"]),
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": f2_Z(p)(p["outcome"]),
            "page": None,
        })
        for k in p["kpis"]:
            actual = k["a"] if isinstance(k["a"], (int, float)) else None
            lib = k["dir"] == "減少"
            kpis.append({
                "project_no": p["no"], "name": k["name"], "unit": k["unit"],
                "baseline": None if k["base"] is None else k["base"][0],
                "fiscal_year": F2["fy"], "target_date": None,
                "target": k["t"], "actual": actual,
                "rate": truth_rate(k["t"], actual, lib),
                "lower_is_better": lib, "page": None,
            })
    return pdf, {
        "report": {"file": pdf.name, "city": F2["city"], "fiscal_year": F2["fy"],
                   "layout": "browser_printed_web_page_dl_fields_kpi_table_lower_is_better_heavy",
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
        assert has(grant_name(pr)), (stem, pr["grant_type"])
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
            # no actual, or a 0 actual of a lower-is-better KPI (rate 「－」)
            assert k["actual"] is None or (k["actual"] == 0 and k["lower_is_better"]), (stem, k["name"])
            continue
        r = (k["target"] / k["actual"]) if k["lower_is_better"] else (k["actual"] / k["target"])
        assert abs(r * 100 - k["rate"]) <= 0.05 + 1e-9, (stem, k["name"], r, k["rate"])
        assert has(f"{k['rate']:.1f}%"), (stem, k["name"], k["rate"])


def kpi_keys(stem, k):
    """The printed strings a KPI record comes from, each in the text once."""
    p, sk = src_kpi(stem, k)
    if stem == F1["stem"]:
        return ["".join(f1_kpi_strings(p, sk))]
    return ["".join(f2_kpi_cells(sk))]


def project_head(stem, pr):
    if stem == F1["stem"]:
        return "事業" + zen(str(pr["no"])) + pr["title"]
    return f"（{pr['no']}）{pr['title']}"


def check_rows_printed(stem, truth, text):
    flat = norm(text)
    for k in truth["kpis"]:
        for key in kpi_keys(stem, k):
            n = flat.count(norm(key))
            assert n == 1, (stem, key, n)
    for pr in truth["projects"]:
        assert flat.count(norm(project_head(stem, pr))) == 1, (stem, pr["no"])


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    flat = norm(text)
    has = make_has(text)
    if stem == F1["stem"]:
        assert len(pages) == len(F1_PAGES), (stem, len(pages))
        for i, t in enumerate(pages, 1):
            assert f"－ {i} －" in t, (stem, "footer", i)
            assert norm("効果検証結果（概要版）") in norm(t)
        # label boxes: the label is on the line above its value
        lines = [ln.strip() for ln in text.split("\n")]
        for pr in truth["projects"]:
            i = lines.index(pr["department"])
            assert lines[i - 1] == "担当課", (stem, pr["department"], lines[i - 1])
        # the bar label follows 「達成率」 and comes after the 実績 row
        assert has("目標480千人実績503千人達成率104.8%")
        assert has("実績集計中達成率－")
        assert has("↓公共交通空白地域の人口") and has("↓耕作放棄茶園の面積") and has("↓町外へ転出する20～39歳の人数")
        # full-width panel (project 3)
        assert "令和４年度～令和６年度（３か年）" in text and "１２０．５％" in text and "９，８５０" in text
        assert has("事業費（千円）令和3年度（決算）令和4年度（決算）令和5年度（当初予算）－42,380－")
        assert "総括" in pages[2] and "外部有識者の主な意見" in pages[2]
    else:
        n = len(pages)
        for i, t in enumerate(pages, 1):
            assert f"{i}/{n}" in t and F2_URL in t and "2024/10/15 10:42" in t, (stem, "browser chrome", i)
        assert has("現在位置：ホーム＞市政情報＞計画・行政評価＞地方創生")
        assert has("ページ番号：1008342")
        # dt on its own line, dd on the next
        lines = [ln.strip() for ln in text.split("\n")]
        for pr in truth["projects"]:
            i = lines.index(pr["department"])
            assert lines[i - 1] == "担当課", (stem, pr["department"])
        assert "令和４年度から令和６年度まで（３か年）" in text and "４，２１５" in text
        assert has("令和5年度決算額　38,412,000円（うち交付金　19,206,000円）／令和6年度当初予算額　41,000,000円")
        assert has("保育所等の待機児童数人減少27（R3）100－令和6年4月1日現在")
        assert has("市民向けオンライン申請の利用率%増加8.6（R4）30.0－－")
        assert has("空き家数1,2841,2511,1871,096")
        assert "企画政策課" in text      # the contact box's department (distractor)
        # a KPI table cut by a page break repeats its header row
        hdr = norm("指標名単位目標の方向基準値（年度）目標値（R5）実績値（R5）達成率備考")
        assert flat.count(hdr) > len(F2["projects"]), ("no repeated table header", flat.count(hdr))


def find_pages(stem, truth, pages, report_only):
    """A project's page is the page of its heading (band / h3); a KPI's
    page is the page of its block / row (each found on exactly one page)."""
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
        check_schema(truth, HERE.parent / "heldout_layouts10", all_refs=True)
        write_truth(outdir, pdf, truth, pages)

    if "--png" in argv:
        pdftoppm_previews([pdf for pdf, *_ in results], 70)


if __name__ == "__main__":
    main(sys.argv[1:])
