"""Generate a seventh pair of held-out fixture reports (PDF + text + truth JSON).

Written independently of the report reader (its code and tests were not
read); only the READMEs of eval/heldout_layouts*/ and
eval/heldout_layouts6/make_heldout6.py were consulted, for the technique, the
truth schema and the self-checks.  Deterministic: reportlab documents are
built with invariant=1.

    .venv/bin/python eval/heldout_layouts7/make_heldout7.py          # writes next to this file
    .venv/bin/python eval/heldout_layouts7/make_heldout7.py --png    # plus page PNGs in /tmp
    .venv/bin/python eval/heldout_layouts7/make_heldout7.py --pages  # only print where things are found

Fixtures
--------
chigusadani_r4_seika_setsumeisho
    千草谷町 (fictional), FY R4.  An extract of the 決算 附属資料
    「主要な施策の成果に関する説明書」: one ruled block per project, ordered by
    款, under a 款・項・目 line that carries the department at its right.
    Each block has 事業名 / 事業期間 / 交付金, a 決算額 grid with its
    財源内訳 (国庫支出金 / 県支出金 / 地方債 / その他 / 一般財源), an optional
    「（参考）令和5年度当初予算額」 row, 事業の概要, 令和4年度の主な成果, and a
    成果指標 table whose COLUMNS are the years R2 / R3 / R4 with a 目標 row
    and a 実績 row per indicator; 達成率 is printed for R4 only.  A year whose
    目標 is 「－」 is before the project began: its 実績 is history.  The
    footer carries the page numbers of the full 説明書 (－ 41 － …).

shiomizaka_r5_slide_deck
    潮見坂市 (fictional), FY R5.  A PowerPoint deck exported to PDF (16:9,
    960 x 540 pt): an overview slide, then one slide per project (project 2
    runs over two slides, 「（続き）」), and a last slide with two projects in
    two panels.  Absolutely placed text boxes: a title band, tag boxes
    (事業期間 / 交付金 / 担当), a bullet box 「令和5年度の主な取組」, KPI cards
    whose 目標 / 実績 / 達成率 are separate text boxes with big numbers and
    separate unit boxes, a letter grade 「総合評価 B」, and the budget in a
    footer line.  Text comes out in z-order, not always in reading order.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (KeepTogether, Paragraph, SimpleDocTemplate, Spacer,
                                Table, TableStyle)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # eval/: heldout_gen.py, the helpers the generators share
import heldout_gen as hg  # noqa: E402
from heldout_gen import (GOTHIC, MINCHO, P, computed_rate, extract_checked, grant_name, ident,  # noqa: E402
                         make_has, norm, page_of, pdftoppm_previews, rate_str, style, write_truth,
                         write_txt, yr)

fmt = partial(hg.fmt, minus="△")  # a negative number is printed with △, the Japanese minus sign
zen = partial(hg.zen, table=hg.zen_table("RH"))  # full-width digits, 「Ｒ」 and 「Ｈ」, as typed by hand


# ---------------------------------------------------------------------------
# helpers (after eval/heldout_layouts6/make_heldout6.py)
# ---------------------------------------------------------------------------

def pad(t: str) -> str:
    """A lone CJK glyph in its own text run (non-embedded CID font) is
    dropped by pdfium's text extraction when no CJK system font is found.
    Pad it, as Excel/Word/PowerPoint output often is."""
    return t + " " if len(t.strip()) == 1 and ord(t.strip()) > 127 else t


CIRCLED = "①②③④⑤⑥"
ERA = {"R1": "令和元年度", "R2": "令和2年度", "R3": "令和3年度", "R4": "令和4年度",
       "R5": "令和5年度", "R6": "令和6年度", "R7": "令和7年度"}


# ===========================================================================
# Fixture 1: 千草谷町 — 主要な施策の成果に関する説明書（抜粋）, FY R4
# ===========================================================================

# kan: the 款・項・目 line above the block.
# fin: 財源内訳 of the R4 決算額 (国庫支出金, 県支出金, 地方債, その他, 一般財源).
# plan: （参考）令和5年度当初予算額, or None.
# kpis: t / a map year → value for R2, R3, R4; a missing key prints 「－」;
#       an actual None for R4 prints 「調査中」.  A year whose target is
#       missing is before the project began (its actual is history).
#       base is (value, printed year) or None (「－」).
F1 = {
    "stem": "chigusadani_r4_seika_setsumeisho",
    "city": "千草谷町",
    "fy": "R4",
    "years": ["R2", "R3", "R4"],
    "first_page_no": 41,
    "projects": [
        dict(no=1, kan="2款 総務費　1項 総務管理費　6目 企画費",
             title="ちぐさだに応援団（ふるさと住民票）を核とした関係人口の創出・拡大及び移住への橋渡し事業",
             department="企画政策課",
             period="令和3年度〜令和5年度", period_print="令和3年度～令和5年度",
             grant_program="地方創生推進交付金", grant_type="移住・起業・就業タイプ",
             unit="千円", zen=False,
             r4=9860, fin=(4930, None, None, None, 4930), plan=10400,
             kpis=[
                 dict(name="ふるさと住民票の登録者数", unit="人", base=None,
                      t={"R3": 300, "R4": 600}, a={"R3": 342, "R4": 587}, lib=False),
                 dict(name="関係人口からの移住者数", unit="人", base=(6, "R2"),
                      t={"R3": 8, "R4": 10}, a={"R2": 6, "R3": 9, "R4": 12}, lib=False),
             ],
             purpose="町外に住む町の出身者や応援者に「ふるさと住民票」を交付し、町の広報やイベント情報を届けるとともに、"
                     "町内での短期の仕事体験や交流会を通じて、将来の移住につなげる。",
             outcome="ふるさと住民票の登録者向けに、首都圏での交流会を2回、町内での収穫体験ツアーを3回開催した。"
                     "登録者に町内の求人情報を配信する仕組みを整え、仕事体験を経て2世帯が移住した。",
             evaluation="地方創生に効果があった", policy="継続"),
        dict(no=2, kan="4款 衛生費　1項 保健衛生費　5目 診療所費",
             title="へき地診療所のオンライン診療体制の整備と健康ポイント制度による町民の健康づくり推進事業",
             department="健康福祉課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="地方創生推進交付金", grant_type="Society5.0タイプ",
             unit="千円", zen=False,
             r4=14280, fin=(7140, None, None, None, 7140), plan=8600,
             kpis=[
                 dict(name="オンライン診療の年間利用件数", unit="件", base=None,
                      t={"R4": 240}, a={"R4": 186}, lib=False),
                 dict(name="健康ポイント事業の参加者数", unit="人", base=None,
                      t={"R4": 800}, a={"R4": 1052}, lib=False),
                 dict(name="国民健康保険の一人当たり医療費", unit="千円", base=(415, "R3"),
                      t={"R4": 405}, a={"R2": 408, "R3": 415, "R4": 398}, lib=True),
             ],
             purpose="医師が常駐しない2か所のへき地診療所と町立病院をオンラインでつなぎ、通院が難しい高齢者の受診機会を確保する。"
                     "あわせて、健診の受診や運動に応じてポイントを付与し、町民の健康づくりを促す。",
             outcome="へき地診療所2か所にオンライン診療用の機器を整備し、令和4年7月から診療を開始した。"
                     "健康ポイントのアプリを導入し、特定健診の受診やウォーキングの記録に応じて町内の商店で使えるポイントを付与した。",
             evaluation="地方創生に効果があった", policy="見直し"),
        dict(no=3, kan="6款 農林水産業費　1項 農業費　8目 鳥獣被害対策費",
             title="有害鳥獣の地域資源化に向けたジビエ処理加工施設の整備事業",
             department="農林振興課",
             period="令和3年度〜令和4年度", period_print="令和3年度～令和4年度（繰越）",
             grant_program="地方創生拠点整備交付金", grant_type=None,
             unit="円", zen=False,
             r4=48730000, fin=(24365000, None, 24300000, None, 65000), plan=None,
             kpis=[
                 dict(name="ジビエ処理頭数", unit="頭", base=None,
                      t={"R4": 300}, a={"R4": 326}, lib=False),
                 dict(name="ジビエ加工品の販売額", unit="千円", base=None,
                      t={"R4": 6000}, a={"R4": 5120}, lib=False),
             ],
             purpose="捕獲したシカ・イノシシを処理し、食肉やペットフードに加工する施設を整備して、"
                     "有害鳥獣を地域の資源として活用するとともに、捕獲の担い手の負担を軽くする。",
             outcome="令和3年度補正予算を繰り越して処理加工施設を建設し、令和4年6月に稼働を開始した。"
                     "町内の飲食店や道の駅と連携して「千草谷ジビエ」の商品を開発し、ふるさと納税の返礼品にも加えた。",
             evaluation="地方創生に相当程度効果があった", policy="継続"),
        dict(no=4, kan="7款 商工費　1項 商工費　3目 観光費",
             title="千草谷温泉郷の観光DXと広域周遊ルートの造成による滞在型観光の推進事業",
             department="商工観光課",
             period="令和2年度〜令和4年度", period_print="令和2年度～令和4年度",
             grant_program="地方創生推進交付金", grant_type="横展開タイプ",
             unit="千円", zen=False,
             r4=18640, fin=(9320, None, None, 1200, 8120), plan=None,
             kpis=[
                 dict(name="温泉郷の年間観光入込客数", unit="千人", base=(412, "R1"),
                      t={"R2": 420, "R3": 440, "R4": 460}, a={"R2": 298, "R3": 356, "R4": 471}, lib=False),
                 dict(name="観光ポータルサイトの年間閲覧数", unit="万件", base=(8.2, "R1"),
                      t={"R2": 10.0, "R3": 12.0, "R4": 14.0}, a={"R2": 9.6, "R3": 12.8, "R4": 15.3}, lib=False),
                 dict(name="温泉郷の観光消費額", unit="億円", base=(21.6, "R1"),
                      t={"R2": 22.0, "R3": 23.0, "R4": 24.0}, a={"R2": 15.2, "R3": 18.9, "R4": None}, lib=False),
             ],
             purpose="温泉郷の旅館・飲食店の予約と決済をまとめた観光ポータルサイトを構築し、"
                     "近隣の2市と連携して温泉・渓谷・酒蔵を巡る周遊ルートを造成する。",
             outcome="観光ポータルサイトに宿泊予約とキャッシュレス決済の機能を追加し、英語と繁体字の表示に対応した。"
                     "近隣2市と共同で周遊バスを秋季に運行し、温泉と酒蔵を巡るモデルコースを5本造成した。",
             evaluation="地方創生に相当程度効果があった", policy="終了"),
        dict(no=5, kan="10款 教育費　1項 教育総務費　3目 教育振興費",
             title="県立千草谷高等学校の魅力化に向けた町営学習塾の運営及び町外生徒の受入れ促進事業",
             department="教育総務課",
             period="令和3年度〜令和5年度", period_print="令和３年度～令和５年度",
             grant_program="地方創生推進交付金", grant_type="先駆タイプ",
             unit="千円", zen=True,
             r4=7480, fin=(3740, None, None, None, 3740), plan=8000,
             kpis=[
                 dict(name="町営学習塾の利用生徒数", unit="人", base=None,
                      t={"R3": 40, "R4": 50}, a={"R3": 46, "R4": 53}, lib=False),
                 dict(name="町外からの入学者数", unit="人", base=(5, "R2"),
                      t={"R3": 8, "R4": 10}, a={"R2": 5, "R3": 7, "R4": 11}, lib=False),
             ],
             purpose="町内唯一の高校である県立千草谷高等学校の存続に向け、町営の学習塾で生徒の学習を支えるとともに、"
                     "町外からの入学者を受け入れる下宿の確保と情報発信を行う。",
             outcome="町営学習塾を週４日開講し、大学進学を目指す生徒向けのオンライン講座を新設した。"
                     "県外の中学生を対象とした学校見学会を２回開催し、町内の下宿４軒と受入れの協定を結んだ。",
             evaluation="地方創生に非常に効果的であった", policy="拡充"),
    ],
}


def f1_Z(p):
    return zen if p["zen"] else ident


def f1_base(p, k):
    if k["base"] is None:
        return "－"
    v, y = k["base"]
    lab = "R元" if y == "R1" else y
    return f1_Z(p)(f"{fmt(v)}（{lab}）")


def f1_rate(p, k):
    fy = F1["fy"]
    if k["a"].get(fy) is None:
        return "－"
    return f1_Z(p)(rate_str(k["t"][fy], k["a"][fy], k["lib"]))


def f1_cells(p, k):
    """(target cells, actual cells) for R2..R4 as printed."""
    Z = f1_Z(p)
    tr, ar = [], []
    for y in F1["years"]:
        tr.append(Z(fmt(k["t"][y])) if y in k["t"] else "－")
        if y in k["a"]:
            ar.append("調査中" if k["a"][y] is None else Z(fmt(k["a"][y])))
        else:
            ar.append("－")
    return tr, ar


def f1_name(k):
    return k["name"] + ("＊" if k["lib"] else "")


def f1_row_key(p, k):
    tr, ar = f1_cells(p, k)
    return "".join([f1_name(k), k["unit"], f1_base(p, k), "目標"] + tr + [f1_rate(p, k), "実績"] + ar)


def f1_budget_cells(p):
    Z = f1_Z(p)
    return [Z(fmt(p["r4"]))] + [Z(fmt(v)) for v in p["fin"]]


def build_f1(outdir: Path):
    stem = F1["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = A4
    lm = rm = 15 * mm
    CW = W - lm - rm
    doc = SimpleDocTemplate(str(pdf), pagesize=A4, invariant=1,
                            leftMargin=lm, rightMargin=rm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title="令和4年度 主要な施策の成果に関する説明書（抜粋）",
                            author="千草谷町", creator="Microsoft Word",
                            subject="", producer="ReportLab")
    st_title = style("t", GOTHIC, 14, 20, align=TA_CENTER)
    st_sub = style("s", GOTHIC, 11, 16, align=TA_CENTER)
    st_right = style("r", MINCHO, 9.5, 14, align=TA_RIGHT)
    st_h1 = style("h1", GOTHIC, 10.5, 15, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    st_body = style("b", MINCHO, 9.3, 14.5, firstLineIndent=9.3, leftIndent=4)
    st_bul = style("bl", MINCHO, 9.3, 14.5, leftIndent=14, firstLineIndent=-10)
    st_note = style("nt", MINCHO, 7.8, 10.5, spaceBefore=1.5)
    st_kan = style("kan", GOTHIC, 9.2, 12.5)
    st_kanr = style("kanr", GOTHIC, 9.2, 12.5, align=TA_RIGHT)
    st_lab = style("lab", GOTHIC, 8.2, 11, align=TA_CENTER)
    st_c = style("c", MINCHO, 8.6, 12)
    st_cc = style("cc", MINCHO, 8.4, 11, align=TA_CENTER)
    st_num = style("n", MINCHO, 8.4, 11, align=TA_RIGHT)
    st_title_cell = style("tc", GOTHIC, 10.5, 14)

    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), MINCHO, 8.4),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    shade = colors.HexColor("#E2EFDA")
    light = colors.HexColor("#F2F2F2")
    projs = F1["projects"]

    story = []
    story.append(P("令和4年度 主要な施策の成果に関する説明書（抜粋）", st_title))
    story.append(P("― 地方創生関係交付金充当事業 ―", st_sub))
    story.append(Spacer(1, 1.5 * mm))
    story.append(P("令和5年9月\n千草谷町 総務課 財政係", st_right))
    story.append(P("1　本書について", st_h1))
    story.append(P("本書は、地方自治法第233条第5項の規定により令和4年度決算に併せて提出する「主要な施策の成果に関する説明書」のうち、"
                   "地方創生関係交付金を財源に充てた事業を抜き出したものである。事業は款の順に掲載し、ページ番号は説明書本体の番号である。",
                   st_body))
    story.append(P("2　記載方法", st_h1))
    for s in ["決算額は令和4年度の決算額であり、財源内訳の国庫支出金が地方創生関係交付金の充当額である。",
              "「（参考）令和5年度当初予算額」は当初予算の計上額であり、決算額ではない。",
              "成果指標は、各年度の目標と実績を記載している。目標欄が「－」の年度は事業開始前であり、その実績は参考値である。",
              "達成率は令和4年度のみ記載し、実績÷目標×100により算出した。指標名に「＊」を付した指標は数値の減少を目指す指標であり、"
              "目標÷実績×100により算出した。",
              "実績欄の「調査中」は、令和4年度の実績が本書の作成時点で確定していないことを示す。"]:
        story.append(P("・" + s, st_bul))

    # distractor: 総括表 with short names, 千円 totals and the 国庫支出金 column
    story.append(P("3　地方創生関係交付金充当事業 決算総括表", st_h1))
    rows = [[P(x, st_lab) for x in ["No.", "款", "事業名（略称）", "担当課", "決算額\n（千円）", "うち国庫\n支出金（千円）"]]]
    short = {1: "関係人口創出・移住橋渡し", 2: "オンライン診療・健康ポイント",
             3: "ジビエ処理加工施設整備", 4: "温泉郷観光DX・周遊ルート",
             5: "高校魅力化・町営学習塾"}
    kanname = {1: "総務費", 2: "衛生費", 3: "農林水産業費", 4: "商工費", 5: "教育費"}
    tot = tk = 0
    for p in projs:
        d = 1000 if p["unit"] == "円" else 1
        v, k = p["r4"] // d, p["fin"][0] // d
        tot += v
        tk += k
        rows.append([P(str(p["no"]), st_cc), P(kanname[p["no"]], st_cc), P(short[p["no"]], st_c),
                     P(p["department"], st_cc), P(fmt(v), st_num), P(fmt(k), st_num)])
    rows.append(["", "", P("合計", st_lab), "", P(fmt(tot), st_num), P(fmt(tk), st_num)])
    t = Table(rows, colWidths=[11 * mm, 24 * mm, 58 * mm, 27 * mm, 26 * mm, 28 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade), ("SPAN", (2, -1), (3, -1))]))
    story.append(t)
    story.append(P("※円単位で執行した事業は千円未満を切り捨てて計上した。", st_note))

    story.append(P("4　事業別の成果", st_h1))
    LW = 27 * mm
    for p in projs:
        Z = f1_Z(p)
        kan = Z(p["kan"])
        # the 款・項・目 line, with No. and department (no label) at the right
        headline = Table([[P(f"No.{Z(str(p['no']))}　{kan}", st_kan), P(f"【{p['department']}】", st_kanr)]],
                         colWidths=[CW - 45 * mm, 45 * mm])
        headline.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                      ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor("#375623"))]))
        top = [
            [P("事業名", st_lab), P(p["title"], st_title_cell), "", ""],
            [P("事業期間", st_lab), P(p["period_print"], st_c), P("交付金", st_lab), P(grant_name(p), st_c)],
        ]
        tt = Table(top, colWidths=[LW, 50 * mm, 20 * mm, CW - LW - 70 * mm])
        tt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 1), (2, 1), shade),
                                       ("SPAN", (1, 0), (3, 0)), ("ALIGN", (1, 0), (-1, -1), "LEFT")]))
        # -- 決算額 and its 財源内訳
        bc = f1_budget_cells(p)
        bud = [[P(f"令和4年度決算\n（単位：{p['unit']}）", st_lab), P("決算額", st_lab), P("財源内訳", st_lab), "", "", "", ""],
               ["", "", P("国庫支出金", st_lab), P("県支出金", st_lab), P("地方債", st_lab),
                P("その他", st_lab), P("一般財源", st_lab)],
               ["", P(bc[0], st_num)] + [P(x, st_num) for x in bc[1:]]]
        bcmds = grid + [("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (6, 0)),
                        ("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (1, 0), (-1, 1), light)]
        if p["plan"] is not None:
            bud.append([P("（参考）\n令和5年度\n当初予算額", st_lab), P(Z(fmt(p["plan"])), st_num), "", "", "", "", ""])
            bcmds += [("SPAN", (2, 3), (6, 3)), ("BACKGROUND", (0, 3), (0, 3), shade)]
        bw = (CW - LW - 27 * mm) / 5
        bt = Table(bud, colWidths=[LW, 27 * mm] + [bw] * 5)
        bt.setStyle(TableStyle(bcmds))
        # -- 概要 / 成果
        mid = [[P("事業の概要", st_lab), P(Z(p["purpose"]) if p["zen"] else p["purpose"], st_c)],
               [P("令和4年度の\n主な成果", st_lab), P(p["outcome"], st_c)]]
        mt = Table(mid, colWidths=[LW, CW - LW])
        mt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("ALIGN", (1, 0), (-1, -1), "LEFT")]))
        # -- 成果指標: years as columns, 目標 / 実績 rows, 達成率 for R4 only
        hdr = [P(x, st_lab) for x in ["成果指標（指標名）", "単位", "基準値\n（年度）", "区分"]]
        hdr += [P(Z(ERA[y]), st_lab) for y in F1["years"]] + [P(Z("達成率\n（令和4年度）"), st_lab)]
        krows = [hdr]
        kcmds = grid + [("BACKGROUND", (0, 0), (-1, 0), shade), ("ALIGN", (4, 1), (-1, -1), "RIGHT")]
        for k in p["kpis"]:
            tr, ar = f1_cells(p, k)
            r = len(krows)
            krows.append([P(f1_name(k), st_c), P(k["unit"], st_cc), P(f1_base(p, k), st_num), P("目標", st_cc)]
                         + [P(x, st_num) for x in tr] + [P(f1_rate(p, k), st_num)])
            krows.append(["", "", "", P("実績", st_cc)] + [P(x, st_num) for x in ar] + [""])
            for c in (0, 1, 2, 7):
                kcmds.append(("SPAN", (c, r), (c, r + 1)))
            kcmds.append(("BACKGROUND", (3, r), (3, r + 1), light))
        kw = [56 * mm, 12 * mm, 20 * mm, 10 * mm]
        yw = (CW - sum(kw) - 22 * mm) / 3
        kt = Table(krows, colWidths=kw + [yw] * 3 + [22 * mm], repeatRows=1)
        kt.setStyle(TableStyle(kcmds))
        notes = []
        if any(k["lib"] for k in p["kpis"]):
            notes.append(P("＊減少を目指す指標（達成率＝目標÷実績×100）。令和2年度・令和3年度の実績は参考値。", st_note))
        if any(None in k["a"].values() for k in p["kpis"]):
            notes.append(P("※観光消費額は県の観光動態調査（令和5年11月公表予定）により確定するため、調査中としている。", st_note))
        low = [[P("効果検証の結果", st_lab), P(p["evaluation"], st_c), P("今後の方向性", st_lab), P(p["policy"], st_cc)]]
        lt = Table(low, colWidths=[LW, 85 * mm, 26 * mm, CW - LW - 111 * mm])
        lt.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (0, -1), shade), ("BACKGROUND", (2, 0), (2, 0), shade),
                                       ("ALIGN", (1, 0), (1, 0), "LEFT")]))
        story += [Spacer(1, 2.5 * mm), KeepTogether([headline, Spacer(1, 1.2 * mm), tt]), bt, mt,
                  KeepTogether([kt] + notes), lt]

    # distractor: 決算額 by year
    story.append(P("5　（参考）地方創生関係交付金充当事業の決算額の推移", st_h1))
    hist = [("R2", 4, 61240, 30620), ("R3", 6, 84915, 42457), ("R4", len(projs), tot, tk)]
    rows = [[P(x, st_lab) for x in ["年度", "充当事業数", "決算額（千円）", "うち国庫支出金（千円）", "前年度比"]]]
    prev = None
    for y, n, v, k in hist:
        rows.append([P(ERA[y], st_cc), P(f"{n}事業", st_num), P(fmt(v), st_num), P(fmt(k), st_num),
                     P("－" if prev is None else f"{v / prev * 100:.1f}%", st_num)])
        prev = v
    t = Table(rows, colWidths=[30 * mm, 26 * mm, 34 * mm, 42 * mm, 24 * mm], hAlign="LEFT")
    t.setStyle(TableStyle(grid + [("BACKGROUND", (0, 0), (-1, 0), shade)]))
    story.append(t)
    story.append(P("※令和2年度・令和3年度には、本書に掲載していない終了事業を含む。", st_note))

    def on_page(canvas, d):
        canvas.saveState()
        canvas.setFont(MINCHO, 8)
        canvas.drawRightString(W - rm, H - 10 * mm, "令和4年度 主要な施策の成果に関する説明書")
        canvas.setFont(MINCHO, 9)
        canvas.drawCentredString(W / 2, 8 * mm, f"－ {F1['first_page_no'] + d.page - 1} －")
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

    # ---------------- truth ----------------
    fy = yr(F1["fy"])
    projects, kpis = [], []
    for p in projs:
        budget = {F1["fy"]: p["r4"]}
        if p["plan"] is not None:
            budget["R5"] = p["plan"]
        projects.append({
            "no": p["no"], "title": p["title"], "department": p["department"],
            "period": p["period"], "grant_program": p["grant_program"],
            "grant_type": p["grant_type"],
            "budget": budget, "budget_unit": p["unit"],
            "budget_planned": ["R5"] if p["plan"] is not None else [],
            "evaluation": p["evaluation"], "policy": p["policy"],
            "outcome": p["outcome"],
            "page": None,
        })
        for k in p["kpis"]:
            for y in F1["years"]:
                if y not in k["t"] or yr(y) > fy:
                    continue            # before the project began: history, not a record
                rate = None
                if y == F1["fy"] and k["a"][y] is not None:
                    rate = round(computed_rate(k["t"][y], k["a"][y], k["lib"]) * 100, 1)
                kpis.append({
                    "project_no": p["no"], "name": k["name"],
                    "unit": k["unit"], "baseline": None if k["base"] is None else k["base"][0],
                    "fiscal_year": y,
                    "target_date": None, "target": k["t"][y], "actual": k["a"][y],
                    "rate": rate,
                    "lower_is_better": k["lib"], "page": None,
                })
    return pdf, {
        "report": {"file": pdf.name, "city": F1["city"], "fiscal_year": F1["fy"],
                   "layout": "kessan_seika_setsumeisho_blocks_zaigen_uchiwake_year_columns_rate_last_year",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# Fixture 2: 潮見坂市 — PowerPoint slide deck exported to PDF (FY R5)
# ===========================================================================

# kpis: base None (no 基準値 line) or (value, year); a None actual prints
#       集計中 and 達成率 「－」; red marks a 減少目標 tag (lower is better).
# budget: [(key, amount, planned)] — footer line; planned prints 「R6当初予算」.
F2 = {
    "stem": "shiomizaka_r5_slide_deck",
    "city": "潮見坂市",
    "fy": "R5",
    "projects": [
        dict(no=1,
             title="潮見坂港ベイエリアのにぎわい創出に向けた遊覧船の運航とマルシェ開催による交流人口の拡大事業",
             department="観光交流課",
             period="令和4年度〜令和6年度", period_print="令和4年度～令和6年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生推進タイプ",
             unit="千円", zen=False,
             budget=[("R4", 18200, False), ("R5", 24860, False), ("R6", 20000, True)],
             kpis=[
                 dict(name="遊覧船の年間乗船者数", unit="人", base=(9800, "R3"), t=12000, a=13450, lib=False),
                 dict(name="ベイエリアマルシェの出店者数", unit="店", base=None, t=40, a=36, lib=False),
                 dict(name="ベイエリアの休日歩行者数", unit="人/日", base=(2150, "R3"), t=3000, a=3318, lib=False),
             ],
             bullets=["遊覧船の定期運航を4月から11月までの土日祝日に拡大し、夕景クルーズを新設した。",
                      "港の緑地で「しおみざかベイマルシェ」を毎月第2日曜日に開催した。",
                      "乗船券とマルシェのクーポンをセットにしたデジタルチケットを販売した。"],
             evaluation="A", policy="拡充"),
        dict(no=2,
             title="市内中小企業のDX推進と副業・兼業人材のマッチングによる生産性向上支援事業",
             department="産業振興課",
             period="令和5年度〜令和7年度", period_print="令和5年度～令和7年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=False,
             budget=[("R5", 31540, False), ("R6", 28000, True)],
             kpis=[
                 dict(name="DX導入補助の交付件数", unit="件", base=None, t=30, a=34, lib=False),
                 dict(name="副業・兼業人材のマッチング件数", unit="件", base=None, t=20, a=12, lib=False),
                 dict(name="補助対象企業の労働生産性の伸び率", unit="％", base=None, t=5.0, a=None, lib=False),
                 dict(name="市内企業の月平均残業時間", unit="時間", base=(18.5, "R4"), t=16.0, a=15.2, lib=True),
             ],
             bullets=["受発注や勤怠管理のシステム導入に要する経費の2分の1を補助し、34社に交付した。",
                      "市内企業のDX相談窓口を商工会議所に開設し、専門家を延べ86回派遣した。",
                      "副業・兼業人材のマッチングサイトと連携し、首都圏の人材と市内企業の交流会を3回開催した。"],
             evaluation="B", policy="継続"),
        dict(no=3,
             title="スマートフォン教室とデジタル推進員による高齢者のデジタルデバイド対策事業",
             department="市民協働課",
             period="令和5年度〜令和6年度", period_print="令和５年度～令和６年度",
             grant_program="デジタル田園都市国家構想交付金", grant_type="デジタル実装タイプ",
             unit="千円", zen=True,
             budget=[("R5", 4860, False), ("R6", 5000, True)],
             kpis=[
                 dict(name="スマホ教室の延べ参加者数", unit="人", base=None, t=600, a=712, lib=False),
                 dict(name="デジタル推進員の登録者数", unit="人", base=(12, "R4"), t=40, a=35, lib=False),
             ],
             bullets=["公民館など市内１２か所でスマホ教室を延べ４８回開催した。",
                      "地域のデジタル推進員を養成し、マイナンバーカードの申請支援を行った。"],
             evaluation="B", policy="継続"),
        dict(no=4,
             title="旧潮見坂港湾倉庫を改修した創業支援・コワーキング拠点の整備事業",
             department="商工労働課",
             period="令和4年度〜令和5年度", period_print="令和4年度～令和5年度（繰越）",
             grant_program="デジタル田園都市国家構想交付金", grant_type="地方創生拠点整備タイプ",
             unit="円", zen=False,
             budget=[("R5", 86412000, False)],
             kpis=[
                 dict(name="コワーキング拠点の会員数", unit="人", base=None, t=80, a=92, lib=False),
                 dict(name="拠点を利用した創業件数", unit="件", base=None, t=6, a=4, lib=False),
             ],
             bullets=["令和4年度補正予算を繰り越して倉庫を改修し、令和5年7月に開所した。",
                      "創業塾を全6回開催し、修了者の創業を専門家が支援した。"],
             evaluation="C", policy="見直し"),
    ],
}

# slide of each project's heading (project 2 continues on the next slide)
F2_SLIDES = {1: [2], 2: [3, 4], 3: [5], 4: [5]}

NAVY = colors.HexColor("#1F3864")
TEAL = colors.HexColor("#2E75B6")
PALE = colors.HexColor("#DEEBF7")
RED = colors.HexColor("#C00000")
GRAY = colors.HexColor("#595959")


class Slide:
    """Draws PowerPoint-like text boxes on a canvas and remembers, per
    slide, the strings in the order they were drawn (z-order)."""

    def __init__(self, c, W, H):
        self.c, self.W, self.H = c, W, H
        self.log = []                     # per page: list of strings drawn
        self.cur = []
        self.groups = {}                  # name → list of strings (a KPI card)
        self.group = None

    def rec(self, s):
        self.cur.append(s)
        if self.group is not None:
            self.groups.setdefault(self.group, []).append(s)

    def text(self, x, y, s, font=GOTHIC, size=12, color=colors.black, anchor="l"):
        s = pad(s)
        c = self.c
        c.setFillColor(color)
        c.setFont(font, size)
        if anchor == "r":
            c.drawRightString(x, y, s)
        elif anchor == "c":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)
        self.rec(s)
        return pdfmetrics.stringWidth(s, font, size)

    def para(self, x, ytop, w, s, st, color=colors.black):
        p = Paragraph(s, ParagraphStyle("x", parent=st, textColor=color))
        _, h = p.wrap(w, 1000)
        p.drawOn(self.c, x, ytop - h)
        self.rec(s)
        return h

    def box(self, x, y, w, h, fill=None, stroke=colors.black, lw=0.8, r=0):
        c = self.c
        c.setLineWidth(lw)
        if fill is not None:
            c.setFillColor(fill)
        if stroke is not None:
            c.setStrokeColor(stroke)
        if r:
            c.roundRect(x, y, w, h, r, stroke=1 if stroke is not None else 0, fill=1 if fill is not None else 0)
        else:
            c.rect(x, y, w, h, stroke=1 if stroke is not None else 0, fill=1 if fill is not None else 0)

    def arrow(self, x, y, w, h, fill=TEAL):
        """A right arrow shape (no text)."""
        c = self.c
        c.setFillColor(fill)
        c.setStrokeColor(fill)
        pth = c.beginPath()
        pth.moveTo(x, y + h * 0.3)
        pth.lineTo(x + w * 0.6, y + h * 0.3)
        pth.lineTo(x + w * 0.6, y)
        pth.lineTo(x + w, y + h / 2)
        pth.lineTo(x + w * 0.6, y + h)
        pth.lineTo(x + w * 0.6, y + h * 0.7)
        pth.lineTo(x, y + h * 0.7)
        pth.close()
        c.drawPath(pth, stroke=0, fill=1)

    def end_page(self):
        self.c.showPage()
        self.log.append(self.cur)
        self.cur = []


def f2_Z(p):
    return zen if p["zen"] else ident


def f2_rate(p, k):
    if k["a"] is None:
        return "－"
    return f2_Z(p)(rate_str(k["t"], k["a"], k["lib"]))


def f2_budget_line(p):
    Z = f2_Z(p)
    parts = []
    for key, v, planned in p["budget"]:
        s = f"{key}{'当初予算' if planned else '決算'} {fmt(v)}{p['unit']}"
        if key == F2["fy"]:
            s += f"（うち交付金 {fmt(v // 2)}{p['unit']}）"
        parts.append(Z(s))
    return "事業費　" + "　／　".join(parts)


def f2_outcome(p):
    return "".join(p["bullets"])


def draw_card(S, p, i, k, x, y, w, h, big=26, badge_first=False):
    """A KPI card: name (+ 減少目標 tag), optional 基準値 line, then 目標 /
    big number / unit → 実績 / big number / unit, and a 達成率 badge.  Every
    piece is its own text box.  badge_first: the badge was pasted before the
    rest (it comes first in the content stream)."""
    Z = f2_Z(p)
    S.group = (p["no"], k["name"])
    S.box(x, y, w, h, fill=colors.white, stroke=colors.HexColor("#9DC3E6"), lw=1.0, r=6)
    bw = 78 if big >= 24 else 66
    bx, by = x + w - bw - 10, y + 12

    def badge():
        ok = k["a"] is not None and computed_rate(k["t"], k["a"], k["lib"]) >= 1
        S.box(bx, by, bw, h - 40, fill=(RED if ok else GRAY), stroke=None, r=8)
        S.text(bx + bw / 2, by + h - 58, "達成率", GOTHIC, 9, colors.white, "c")
        rs, fs = f2_rate(p, k), 14 if big >= 24 else 12
        fs = min(fs, fs * (bw - 8) / pdfmetrics.stringWidth(rs, GOTHIC, fs))
        S.text(bx + bw / 2, by + 14, rs, GOTHIC, fs, colors.white, "c")

    if badge_first:
        badge()
    nw = S.text(x + 12, y + h - 20, k["name"], GOTHIC, 12.5 if big >= 24 else 11, NAVY)
    if k["lib"]:
        S.box(x + 18 + nw, y + h - 24, 52, 16, fill=RED, stroke=None, r=3)
        S.text(x + 44 + nw, y + h - 20, "減少目標", GOTHIC, 9, colors.white, "c")
    if k["base"] is not None:
        v, yy = k["base"]
        S.text(x + 12, y + h - 36, Z(f"基準値 {fmt(v)}{k['unit']}（{yy}）"), MINCHO, 9.5, GRAY)
    ny = y + 16
    nfw = 82 if big >= 24 else 64          # width of a big-number box
    ufw = 30                                # width of a unit box
    S.text(x + 12, ny + 4, "目標", GOTHIC, 10, GRAY)
    tx = x + 42 + nfw
    S.text(tx, ny, Z(fmt(k["t"])), GOTHIC, big, NAVY, "r")
    S.text(tx + 3, ny, k["unit"], GOTHIC, 11, NAVY)
    ax = tx + 3 + ufw
    S.arrow(ax, ny + 2, 22, 14)
    S.text(ax + 27, ny + 4, "実績", GOTHIC, 10, GRAY)
    if k["a"] is None:
        S.text(ax + 60, ny + 2, "集計中", GOTHIC, big * 0.65, RED)
    else:
        ax2 = ax + 57 + nfw
        S.text(ax2, ny, Z(fmt(k["a"])), GOTHIC, big, RED, "r")
        S.text(ax2 + 3, ny, k["unit"], GOTHIC, 11, RED)
    if not badge_first:
        badge()
    S.group = None


def f2_card_key(S, p, k):
    return "".join(S.groups[(p["no"], k["name"])])


def build_f2(outdir: Path):
    stem = F2["stem"]
    pdf = outdir / f"{stem}.pdf"
    W, H = 960, 540
    c = rl_canvas.Canvas(str(pdf), pagesize=(W, H), invariant=1)
    c.setTitle("令和5年度 地方創生関係交付金事業 実績報告")
    c.setAuthor("潮見坂市")
    c.setCreator("Microsoft PowerPoint")
    c.setSubject("")
    S = Slide(c, W, H)
    projs = F2["projects"]
    allk = [k for p in projs for k in p["kpis"]]
    st_band = style("band", GOTHIC, 19, 24, textColor=colors.white)
    st_band_s = style("bands", GOTHIC, 15, 19, textColor=colors.white)
    st_bul = style("bul", GOTHIC, 12.5, 18.5, leftIndent=13, firstLineIndent=-13, spaceAfter=5)
    st_bul_s = style("buls", GOTHIC, 10.5, 15, leftIndent=11, firstLineIndent=-11, spaceAfter=3)
    st_body = style("body", MINCHO, 11, 16.5)
    st_small = style("sm", MINCHO, 9.5, 13)

    def band(title, right=None, h=70, st=st_band):
        S.box(0, H - h, W, h, fill=NAVY, stroke=None)
        S.para(30, H - 12, W - 240, title, st)
        if right:
            S.text(W - 30, H - 40, right, GOTHIC, 11, colors.white, "r")

    def tag(x, y, label, value, w_lab=64):
        vw = pdfmetrics.stringWidth(value, GOTHIC, 11)
        S.box(x, y, w_lab, 22, fill=TEAL, stroke=None, r=4)
        S.text(x + w_lab / 2, y + 7, label, GOTHIC, 10.5, colors.white, "c")
        S.box(x + w_lab, y, vw + 16, 22, fill=PALE, stroke=None)
        S.text(x + w_lab + 8, y + 7, value, GOTHIC, 11, NAVY)
        return x + w_lab + vw + 16

    def heading_box(x, y, w, h, label):
        S.box(x, y, w, h, fill=colors.white, stroke=TEAL, lw=1.2)
        S.box(x, y + h - 24, w, 24, fill=TEAL, stroke=None)
        S.text(x + 10, y + h - 17, label, GOTHIC, 12, colors.white)

    def grade(x, y, p, size=30):
        S.text(x, y + 8, "総合評価", GOTHIC, 11, NAVY)
        c.setFillColor(RED)
        c.circle(x + 78, y + 14, size * 0.62, stroke=0, fill=1)
        S.text(x + 78, y + 14 - size * 0.35, p["evaluation"], GOTHIC, size, colors.white, "c")
        S.text(x + 112, y + 8, "今後の方針", GOTHIC, 11, NAVY)
        S.text(x + 178, y + 5, p["policy"], GOTHIC, 17, RED)

    def footer(p, page_no):
        c.setStrokeColor(NAVY)
        c.setLineWidth(1)
        c.line(30, 40, W - 30, 40)
        if p is not None:
            S.text(30, 22, f2_budget_line(p), GOTHIC, 11, colors.black)
        S.text(W - 30, 20, str(page_no), GOTHIC, 10, GRAY, "r")

    # ---------------- slide 1: overview ----------------
    band("令和5年度 地方創生関係交付金事業 実績報告", right="潮見坂市総合戦略推進会議　資料2")
    S.text(30, H - 100, "令和6年8月22日　潮見坂市 企画部 政策企画課", GOTHIC, 11, GRAY)
    heading_box(30, 150, 560, 270, "対象事業と令和5年度事業費")
    short = {1: "ベイエリアにぎわい創出", 2: "中小企業DX・人材マッチング",
             3: "高齢者のデジタルデバイド対策", 4: "創業支援・コワーキング拠点整備"}
    st_lab = style("lab", GOTHIC, 10, 13, align=TA_CENTER)
    st_c = style("c", GOTHIC, 10, 13)
    st_n = style("n", GOTHIC, 10, 13, align=TA_RIGHT)
    rows = [[P(x, st_lab) for x in ["事業", "事業名（略称）", "交付金の種類", "事業費\n（千円）", "うち交付金\n（千円）"]]]
    tot = tg = 0
    for p in projs:
        v = dict((b[0], b[1]) for b in p["budget"])["R5"]
        v = v // 1000 if p["unit"] == "円" else v
        tot += v
        tg += v // 2
        rows.append([P(CIRCLED[p["no"] - 1] + " ", st_lab), P(short[p["no"]], st_c), P(p["grant_type"], st_c),
                     P(fmt(v), st_n), P(fmt(v // 2), st_n)])
    rows.append(["", P("合計", st_lab), "", P(fmt(tot), st_n), P(fmt(tg), st_n)])
    t = Table(rows, colWidths=[40, 190, 140, 80, 90])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#9DC3E6")),
                           ("BACKGROUND", (0, 0), (-1, 0), PALE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("SPAN", (1, -1), (2, -1)), ("FONT", (0, 0), (-1, -1), GOTHIC, 10)]))
    _, th = t.wrapOn(c, 540, 300)
    t.drawOn(c, 40, 150 + 270 - 34 - th)
    S.rec("".join(norm(x.text) if hasattr(x, "text") else str(x) for r in rows for x in r))
    S.text(40, 160, "※④は円単位の事業費を千円未満切り捨てで計上。うち交付金は概数。", MINCHO, 9, GRAY)
    # big-number summary (distractor)
    done = sum(1 for k in allk if k["a"] is not None and computed_rate(k["t"], k["a"], k["lib"]) >= 1)
    heading_box(610, 270, 320, 150, "KPIの達成状況")
    S.text(640, 350, f"{len(allk)}指標中", GOTHIC, 14, NAVY)
    S.text(800, 340, str(done), GOTHIC, 44, RED, "r")
    S.text(806, 342, "指標が目標達成", GOTHIC, 13, RED)
    S.text(640, 292, f"達成割合 {done / len(allk) * 100:.1f}%（前年度 58.3%）", GOTHIC, 11, NAVY)
    heading_box(610, 60, 320, 200, "本資料の見方")
    legend = ("<b>総合評価</b><br/>A：地方創生に非常に効果的であった<br/>B：地方創生に相当程度効果があった<br/>"
              "C：地方創生に効果があった<br/>D：地方創生に対して効果がなかった<br/>"
              "達成率＝実績値÷目標値×100。「減少目標」の指標は目標値÷実績値×100。"
              "「集計中」は実績値が未確定の指標。")
    S.para(620, 228, 300, legend, style("lg", GOTHIC, 9.5, 14))
    S.text(40, 120, "各事業の事業費は、令和5年度決算額と令和6年度当初予算額をスライド下部に記載。", MINCHO, 10, GRAY)
    footer(None, 1)
    S.end_page()

    def project_slide_common(p, title_suffix=""):
        Z = f2_Z(p)
        band(f"{CIRCLED[p['no'] - 1]} {p['title']}{title_suffix}", right=f"担当：{p['department']}", h=76)
        x = tag(30, H - 108, "事業期間", Z(p["period_print"]))
        tag(x + 12, H - 108, "交付金", grant_name(p))

    # ---------------- slide 2: project 1 ----------------
    p = projs[0]
    project_slide_common(p)
    heading_box(30, 52, 430, 370, "令和5年度の主な取組")
    yy = 52 + 370 - 34
    for b in p["bullets"]:
        yy -= S.para(42, yy, 408, "・" + b, st_bul) + 5
    grade(48, 232, p)
    # bar chart (distractor history)
    S.text(42, 196, "遊覧船の乗船者数の推移（人）", GOTHIC, 10.5, NAVY)
    hist = [("R3（基準）", 9800), ("R4", 11200), ("R5", 13450)]
    for j, (lab, v) in enumerate(hist):
        bx = 80 + j * 120
        bh = v / 13450 * 100
        c.setFillColor(TEAL if j < 2 else RED)
        c.rect(bx, 76, 60, bh, stroke=0, fill=1)
        S.text(bx + 30, 80 + bh, fmt(v), GOTHIC, 10, NAVY, "c")
        S.text(bx + 30, 62, lab, GOTHIC, 9.5, GRAY, "c")
    heading_box(478, 52, 452, 370, "KPIの達成状況（令和5年度）")
    for i, k in enumerate(p["kpis"]):
        draw_card(S, p, i, k, 488, 52 + 370 - 34 - (i + 1) * 110 + 4, 432, 104,
                  badge_first=(i == 1))
    footer(p, 2)
    S.end_page()

    # ---------------- slide 3: project 2 (1/2) ----------------
    p = projs[1]
    project_slide_common(p, "（1/2）")
    heading_box(30, 52, 430, 370, "事業の概要")
    S.para(42, 52 + 370 - 36, 406,
           "市内の中小企業が行うデジタル技術の導入を補助するとともに、首都圏の副業・兼業人材と市内企業をつなぎ、"
           "人手不足の解消と生産性の向上を図る。令和5年度から3か年で市内企業100社のDX化を目指す。", st_body)
    # scheme diagram (distractor numbers)
    S.box(50, 200, 110, 56, fill=PALE, stroke=TEAL, r=6)
    S.text(105, 223, "潮見坂市", GOTHIC, 12, NAVY, "c")
    S.arrow(166, 215, 60, 26)
    S.box(232, 186, 210, 84, fill=PALE, stroke=TEAL, r=6)
    S.text(337, 246, "市内中小企業", GOTHIC, 12, NAVY, "c")
    S.text(337, 222, "補助率 1/2・上限 1,000千円", GOTHIC, 10, NAVY, "c")
    S.text(337, 204, "専門家派遣 1社あたり年5回まで", GOTHIC, 10, NAVY, "c")
    S.box(232, 90, 210, 60, fill=colors.white, stroke=TEAL, r=6)
    S.text(337, 124, "副業・兼業人材（首都圏）", GOTHIC, 11, NAVY, "c")
    S.text(337, 104, "マッチング手数料の2/3を補助", GOTHIC, 10, NAVY, "c")
    heading_box(478, 52, 452, 370, "令和5年度の主な取組")
    yy = 52 + 370 - 34
    for b in p["bullets"]:
        yy -= S.para(490, yy, 428, "・" + b, st_bul) + 5
    S.text(490, 70, "→ KPIの達成状況は次ページ", GOTHIC, 11, TEAL)
    footer(p, 3)
    S.end_page()

    # ---------------- slide 4: project 2 (2/2) ----------------
    # the grade box was pasted first: it comes before the KPI cards in the text
    project_slide_common(p, "（続き）")
    grade(640, 60, p)
    S.text(30, 418, "KPIの達成状況（令和5年度）", GOTHIC, 14, NAVY)
    pos = [(30, 300), (490, 300), (30, 188), (490, 188)]
    for i, k in enumerate(p["kpis"]):
        draw_card(S, p, i, k, pos[i][0], pos[i][1], 440, 104)
    S.text(30, 150, "※労働生産性の伸び率は補助対象企業へのアンケートにより算出（令和6年10月確定予定）。", MINCHO, 10, GRAY)
    S.text(30, 132, "※残業時間は市内企業200社を対象とした雇用実態調査による。", MINCHO, 10, GRAY)
    footer(None, 4)
    S.end_page()

    # ---------------- slide 5: projects 3 and 4, two panels ----------------
    S.box(0, H - 44, W, 44, fill=NAVY, stroke=None)
    S.text(30, H - 29, "その他の交付金事業（デジタル実装・拠点整備）", GOTHIC, 17, colors.white)
    for j, p in enumerate(projs[2:]):
        Z = f2_Z(p)
        x0 = 24 + j * 468
        pw = 444
        S.box(x0, 44, pw, 440, fill=colors.white, stroke=TEAL, lw=1.2)
        S.box(x0, 44 + 440 - 62, pw, 62, fill=TEAL, stroke=None)
        S.para(x0 + 10, 44 + 440 - 8, pw - 20, f"{CIRCLED[p['no'] - 1]} {p['title']}", st_band_s)
        S.para(x0 + 10, 44 + 440 - 70, pw - 20,
               f"担当：{p['department']}<br/>事業期間：{Z(p['period_print'])}<br/>交付金：{grant_name(p)}", st_small)
        yy = 44 + 440 - 122
        S.text(x0 + 10, yy, "令和5年度の主な取組", GOTHIC, 11, TEAL)
        yy -= 6
        for b in p["bullets"]:
            yy -= S.para(x0 + 12, yy, pw - 24, "・" + b, st_bul_s) + 2
        for i, k in enumerate(p["kpis"]):
            draw_card(S, p, i, k, x0 + 8, 206 - i * 94, pw - 16, 88, big=20)
        S.para(x0 + 10, 104, pw - 20, f"総合評価 {p['evaluation']}　今後の方針 {p['policy']}",
               style("ev", GOTHIC, 11, 14, textColor=NAVY))
        S.para(x0 + 10, 84, pw - 20, f2_budget_line(p), style("bd", GOTHIC, 10, 14))
    S.text(W - 30, 20, "5", GOTHIC, 10, GRAY, "r")
    S.end_page()
    c.save()
    build_f2.slide_log = S

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
            "outcome": f2_outcome(p),
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
                   "layout": "powerpoint_deck_one_project_per_slide_kpi_big_number_boxes_budget_footer",
                   "pages": None},
        "projects": projects, "kpis": kpis,
    }


# ===========================================================================
# pages (checked on rendered previews), asserted against the extracted text
# ===========================================================================

# chigusadani: project page = page of its 事業名 row (the 款・項・目 line is
# kept with it); a KPI's page (every year record of it) = page of its two rows
# in the 成果指標 table.
# shiomizaka: project page = the slide whose title band first shows the
# title (project 2's band is repeated on the next slide with 「（続き）」); a
# KPI's page = the slide of its card.
PAGES = {
    "chigusadani_r4_seika_setsumeisho": {
        "projects": {1: 1, 2: 2, 3: 2, 4: 3, 5: 3},
        "kpis": {"ふるさと住民票の登録者数": 2, "関係人口からの移住者数": 2,
                 "オンライン診療の年間利用件数": 2, "健康ポイント事業の参加者数": 2,
                 "国民健康保険の一人当たり医療費": 2, "ジビエ処理頭数": 3, "ジビエ加工品の販売額": 3,
                 "温泉郷の年間観光入込客数": 3, "観光ポータルサイトの年間閲覧数": 3, "温泉郷の観光消費額": 3,
                 "町営学習塾の利用生徒数": 3, "町外からの入学者数": 3},
    },
    "shiomizaka_r5_slide_deck": {
        "projects": {1: 2, 2: 3, 3: 5, 4: 5},
        "kpis": {"遊覧船の年間乗船者数": 2, "ベイエリアマルシェの出店者数": 2, "ベイエリアの休日歩行者数": 2,
                 "DX導入補助の交付件数": 4, "副業・兼業人材のマッチング件数": 4,
                 "補助対象企業の労働生産性の伸び率": 4, "市内企業の月平均残業時間": 4,
                 "スマホ教室の延べ参加者数": 5, "デジタル推進員の登録者数": 5,
                 "コワーキング拠点の会員数": 5, "拠点を利用した創業件数": 5},
    },
}


# ===========================================================================
# self-checks
# ===========================================================================

def check_printed_values(pdf_name, truth, text):
    """Every value the truth gives must be printed (compared after NFKC, so
    full-width digits count), and every rate must be what 実績/目標
    (目標/実績 when lower is better) gives, printed with one decimal."""
    has = make_has(text)
    for pr in truth["projects"]:
        for key in ("title", "department", "evaluation", "policy"):
            assert has(pr[key]), (pdf_name, key, pr[key])
        # the deck's outcome is its bullets joined: each bullet is printed
        # after a 「・」, in this order
        parts = outcome_parts(pdf_name, pr)
        assert "".join(parts) == pr["outcome"]
        assert has("・".join(parts)) if len(parts) > 1 else has(parts[0]), (pdf_name, "outcome", parts)
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


def outcome_parts(pdf_name, pr):
    if pdf_name == F2["stem"] + ".pdf":
        return {p["no"]: p for p in F2["projects"]}[pr["no"]]["bullets"]
    return [pr["outcome"]]


def kpi_row_key(stem, k):
    if stem == F1["stem"]:
        p = {p["no"]: p for p in F1["projects"]}[k["project_no"]]
        kk = next(x for x in p["kpis"] if x["name"] == k["name"])
        return f1_row_key(p, kk)
    p = {p["no"]: p for p in F2["projects"]}[k["project_no"]]
    kk = next(x for x in p["kpis"] if x["name"] == k["name"])
    return f2_card_key(build_f2.slide_log, p, kk)


def project_head(stem, pr):
    if stem == F1["stem"]:
        return "事業名" + pr["title"]
    return CIRCLED[pr["no"] - 1] + pr["title"]


def check_rows_printed(stem, truth, text):
    """Each KPI row / card (the cells the truth records come from, in the
    order they are drawn) is in the text as generated."""
    flat = norm(text)
    for k in truth["kpis"]:
        key = kpi_row_key(stem, k)
        assert norm(key) in flat, (stem, key)


def check_layout_specifics(stem, truth, text):
    pages = text.split("\f")
    if stem == F1["stem"]:
        # footer numbers of the full 説明書, not 1..n
        for i, t in enumerate(pages):
            assert f"－ {F1['first_page_no'] + i} －" in t, (stem, "footer", i + 1)
        # records: the years with a printed target; rate on R4 only
        for p in F1["projects"]:
            for k in p["kpis"]:
                recs = [r for r in truth["kpis"] if r["project_no"] == p["no"] and r["name"] == k["name"]]
                assert [r["fiscal_year"] for r in recs] == [y for y in F1["years"] if y in k["t"]], (stem, k["name"])
                for r in recs:
                    assert (r["rate"] is None) == (r["fiscal_year"] != F1["fy"] or r["actual"] is None)
        # a history value (target 「－」) is printed for some KPI
        assert any(y in k["a"] and y not in k["t"]
                   for p in F1["projects"] for k in p["kpis"] for y in F1["years"])
        assert "調査中" in text
    else:
        assert len(pages) == 5, (stem, len(pages))
        S = build_f2.slide_log
        # project 2's title band is on slides 3 and 4
        p2 = F2["projects"][1]
        assert page_of(pages, CIRCLED[1] + p2["title"]) == [3, 4], (stem, "project 2 band")
        # the badge-first card: its rate comes before its name in the text
        p1 = F2["projects"][0]
        key = f2_card_key(S, p1, p1["kpis"][1])
        assert norm(key).startswith("達成率" + norm(f2_rate(p1, p1["kpis"][1]))), (stem, key)
        # slide 4: the grade comes before the KPI cards
        t4 = norm(pages[3])
        assert t4.index("総合評価") < t4.index(norm(p2["kpis"][0]["name"])), (stem, "grade order")
        # every printed big number is its own text run (target / actual / unit apart)
        for p in F2["projects"]:
            for k in p["kpis"]:
                g = S.groups[(p["no"], k["name"])]
                assert f2_Z(p)(fmt(k["t"])) in g and pad(k["unit"]) in g, (stem, k["name"])


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
        want = F2_SLIDES[pr["no"]] if stem == F2["stem"] else [pr["page"]]
        assert found == want, (pdf.name, head, found)
        assert pr["page"] == want[0]
    for k in truth["kpis"]:
        row = kpi_row_key(stem, k)
        found = page_of(pages, row)
        names = page_of(pages, k["name"])
        if report_only:
            print(stem, "kpi", k["project_no"], k["name"], k["fiscal_year"], found, "name on", names)
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
        check_rows_printed(pdf.stem, truth, text)
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
