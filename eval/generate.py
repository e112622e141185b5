"""Deterministic generator of reports in the family's format and mess, each with its true records beside it.

    python eval/generate.py OUT_DIR --reports 2000 --seed 0

Writes `<name>.txt` (UTF-8 or CP932) and `<name>.truth.json` ({"report", "projects", "kpis"} in the CLI's JSON
field names). The mess mirrors what PDF extraction does to these reports: header lines moved to the end of the page,
the title in the middle, KPI values on a line of their own, a lone 達成率 at the top of the page, full-width digits,
form-feed or single-space page breaks. Displacements are only made where the arithmetic keeps them recoverable —
the generator checks that no other KPI on the page could take the moved values.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

PREFS = ["北海", "青森", "岩手", "宮城", "秋田", "山形", "福島", "茨城", "栃木", "群馬", "新潟", "富山", "石川", "長野",
         "岐阜", "静岡", "三重", "滋賀", "奈良", "鳥取", "島根", "岡山", "広島", "山口", "徳島", "香川", "愛媛", "高知",
         "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児"]
PLACE_A = ["東", "西", "南", "北", "中", "大", "小", "新", "高", "若", "緑", "桜", "松", "竹", "梅", "白", "青", "朝"]
PLACE_B = ["山", "川", "野", "原", "田", "浜", "島", "沢", "岡", "崎", "浦", "谷", "森", "井", "坂", "津", "瀬", "里"]
KINDS = ["市", "市", "市", "町", "町", "村"]
BUREAUS = ["経済観光局", "市民局", "総務企画局", "保健福祉局", "こども未来局", "農林水産局", "都市整備局", "環境局",
           "企画政策部", "産業振興部", "健康福祉部", "まちづくり部"]
SECTIONS = ["商工振興課", "観光推進課", "企画調整課", "地域振興課", "子育て支援課", "農業振興課", "移住定住課",
            "健康推進課", "防災危機管理課", "デジタル推進課", "国際交流課", "雇用対策課", "文化振興課"]
TOPICS = [
    ("観光", ["観光誘客", "インバウンド", "周遊観光", "体験型観光"], ["観光客数", "宿泊者数", "観光消費額", "体験プログラム参加者数"]),
    ("子育て", ["子育て世代", "保育", "子どもの居場所", "産前産後"], ["保育所定員", "子育て相談件数", "一時預かり利用者数"]),
    ("移住", ["移住定住", "UIJターン", "空き家活用", "関係人口"], ["移住者数", "移住相談件数", "空き家バンク成約件数"]),
    ("DX", ["デジタル化", "行政DX", "オンライン手続", "データ活用"], ["オンライン申請件数", "デジタル講座受講者数", "アプリ登録者数"]),
    ("農業", ["スマート農業", "新規就農", "6次産業化", "農産物ブランド"], ["新規就農者数", "農産物販売額", "ブランド認証品目数"]),
    ("創業", ["創業支援", "スタートアップ", "事業承継", "起業家育成"], ["創業件数", "創業セミナー参加者数", "事業承継マッチング件数"]),
    ("健康", ["健康づくり", "介護予防", "フレイル予防", "健康ポイント"], ["健診受診率", "介護予防教室参加者数", "健康ポイント登録者数"]),
    ("防災", ["地域防災", "避難所運営", "防災人材", "減災"], ["防災訓練参加者数", "自主防災組織数", "防災士養成数"]),
    ("雇用", ["人材確保", "女性活躍", "シニア就労", "UIJ就職"], ["就職者数", "企業説明会参加者数", "インターン受入数"]),
]
# KPIs where less is better: the report prints 達成率 = 目標 / 実績.
LOWER = [("待機児童数", "人"), ("平均処理日数", "日"), ("有効求人倍率", "倍"), ("交通事故件数", "件"), ("空き家数", "戸")]
UNITS = ["人", "件", "回", "事業", "社", "団体", "品目", "世帯", "%", "千円", "百万円"]
VERBS = ["を実施した。", "を開催した。", "を支援した。", "の運営を行った。", "に取り組んだ。"]
GRANTS = ["横展開タイプ", "先駆タイプ", "Society5.0タイプ"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
FW = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")
ERA_NAME = {"R": "令和", "H": "平成"}


def jp_year(era: str, n: int) -> str:
    return f"{ERA_NAME[era]}{'元' if n == 1 else n}年度"


def code_after(era: str, n: int, k: int) -> tuple[str, int]:
    """Fiscal year k years after era n (H30 + 1 → R1)."""
    w = (1988 if era == "H" else 2018) + n + k
    return ("R", w - 2018) if w >= 2019 else ("H", w - 1988)


def rate1(x: float) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def num(v: int | float, decimals: int) -> str:
    return f"{v:,.{decimals}f}" if decimals else f"{int(v):,}"


@dataclass
class Row:
    """One KPI as printed (cells) and as it should be read (truth)."""

    name: str
    unit: str
    cells: list[str]  # the value tokens printed on the KPI line
    truth: dict[str, Any]


def make_kpi(rng: random.Random, name: str, unit: str, lower: bool) -> Row:
    decimals = 2 if unit == "倍" else (1 if unit == "%" and rng.random() < 0.5 else 0)
    if decimals:
        t = round(rng.uniform(1, 50 if unit == "%" else 3), decimals)
    else:
        t = rng.choice([rng.randint(3, 60), rng.randint(50, 900), rng.randint(1000, 200000)])
    kind = rng.random()
    if kind < 0.07:  # nothing measured yet
        return Row(name, unit, ["－", "－", "－"], dict(target=None, actual=None, rate=None))
    tv = round(t, decimals) if decimals else int(t)
    if kind < 0.14:  # target only, actual and rate not yet out
        cells = [num(tv, decimals), "－", "－"] if rng.random() < 0.6 else [num(tv, decimals)]
        return Row(name, unit, cells, dict(target=tv, actual=None, rate=None))
    for _ in range(50):
        ratio = rng.uniform(0.3, 1.6)
        a = round(t * ratio, decimals) if decimals else max(1, round(t * ratio))
        if a <= 0:
            continue
        r = rate1((t / a if lower else a / t) * 100)
        if r > 0:
            break
    av = a if decimals else int(a)
    return Row(name, unit, [num(tv, decimals), num(av, decimals), f"{r}%"], dict(target=tv, actual=av, rate=float(r)))


def fills(t: float, a: float, r: float) -> bool:
    """Would the parser's arithmetic accept (t, a, r)? Used to keep displacements unambiguous."""
    hi = t != 0 and abs(a / t * 100 - r) <= 0.1 + 1e-9
    lo = a != 0 and abs(t / a * 100 - r) <= 0.1 + 1e-9
    return hi or lo


def direction(t: Any, a: Any, r: Any) -> bool | None:
    if t is None or a is None or r is None:
        return None
    hi = abs(a / t * 100 - r) <= 0.1 + 1e-9
    lo = abs(t / a * 100 - r) <= 0.1 + 1e-9
    return None if hi == lo else lo


def generate_report(rng: random.Random, idx: int) -> tuple[str, str, dict[str, Any]]:
    city = rng.choice(PLACE_A) + rng.choice(PLACE_B) + rng.choice(KINDS)
    era = "H" if rng.random() < 0.15 else "R"
    year = rng.randint(28, 30) if era == "H" else rng.randint(1, 6)
    fy = f"{era}{year}"
    western = (1988 if era == "H" else 2018) + year
    fullwidth = rng.random() < 0.3
    formfeed = rng.random() < 0.3
    cp932 = rng.random() < 0.3
    title = f"{jp_year(era, year)}地方創生関連交付金事業の実施状況"
    n_projects = rng.choice([rng.randint(1, 6), rng.randint(5, 15), rng.randint(10, 25)])
    if cp932:
        n_projects = min(n_projects, 20)  # ㉑ and beyond do not exist in CP932
    pages: list[list[str]] = []
    projects, kpis = [], []
    year2 = code_after(era, year, 1)
    for pi in range(n_projects):
        no = pi + 1
        topic, themes, kpi_names = rng.choice(TOPICS)
        theme = rng.choice(themes)
        ptitle = f"{theme}による{topic}推進事業" if rng.random() < 0.5 else f"{city}{theme}プロジェクト"
        dept_lines = [rng.choice(BUREAUS), rng.choice(SECTIONS)] if rng.random() < 0.5 else [rng.choice(SECTIONS)]
        dept = " ".join(dept_lines)
        cities = [city] if rng.random() < 0.8 else [f"{city}（代表）", rng.choice(PLACE_A) + rng.choice(PLACE_B) + rng.choice(KINDS)]
        start = code_after(era, year, -rng.randint(0, 2))
        end = code_after(era, year, rng.randint(0, 2))
        period_raw = f"{start[0]}{start[1]}n-{end[0]}{end[1]}n"
        purpose = f"{theme}を通じて{topic}分野の課題を解決し、{city}の地域活力の向上を図る。"
        unit_label = "（千円）" if rng.random() < 0.3 else ""
        b1 = rng.randint(1000, 90000)
        b2 = None if rng.random() < 0.2 else rng.randint(1000, 90000)
        grant = rng.choice(GRANTS)
        acts = []
        for ai in range(rng.randint(1, 5)):
            a_theme = rng.choice(themes)
            acts.append((ai + 1, f"{a_theme}事業", [f"{a_theme}に関する取組{rng.randint(1, 9)}{rng.choice(VERBS)}"
                                                   for _ in range(rng.randint(1, 3))]))
        rows: list[Row] = []
        used = set()
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.15:
                name, unit = rng.choice(LOWER)
                lower = True
            else:
                name, unit, lower = rng.choice(kpi_names), rng.choice(UNITS), False
            if name in used:
                name = f"{rng.choice(themes)}の{name}"
            if name in used:
                continue
            used.add(name)
            rows.append(make_kpi(rng, name, unit, lower))
        notes = {r.name: f"「{r.name}」は、{jp_year(*code_after(era, year, 1))}に調査予定。"
                 for r in rows if r.truth["actual"] is None and rng.random() < 0.7}

        # --- lay out the page in reading order
        header_multi = len(cities) == 1 and rng.random() < 0.5
        header = ([cities[0], *dept_lines, "", f"事業期間 {period_raw}"] if header_multi
                  else [f"{'、'.join(cities)} {dept} 事業期間 {period_raw}"])
        title_line = f"{CIRCLED[pi]}{ptitle}"
        body = ["", f"{city}交付対象事業経費{unit_label}", "", "目", "的", "", f"　{purpose}", "",
                f"{str(year).translate(FW)}年度 {b1:,}", "",
                f"{str(year2[1]).translate(FW) if year2[0] == era else jp_year(*year2)[:-2]}年度 "
                f"{'－' if b2 is None else f'{b2:,}'}", "", f"【地方創生推進交付金事業（{grant}）】", ""]
        for ano, atitle, sents in acts:
            body += [f"{str(ano).translate(FW)}　{atitle}", *[f"　・{s}" for s in sents], ""]
        kpi_lines = []
        page_cells = {r.name: list(r.cells) for r in rows}
        displaced: list[str] = []
        top: list[str] = []
        # Move one complete row's values away from its name — when no other open row could take them.
        full = [r for r in rows if r.truth["rate"] is not None]
        if full and rng.random() < 0.35:
            r = rng.choice(full)
            a, rt = r.truth["actual"], r.truth["rate"]
            others_open = [o for o in rows if o is not r and len(o.cells) < 3]
            mode = rng.choice(["triple", "actual_rate", "rate_top"])
            if mode == "triple" and not any(not o.cells for o in others_open):
                displaced.append(" ".join(r.cells))
                page_cells[r.name] = []
            elif mode != "triple" and not any(o.truth["target"] is not None and o.truth["actual"] is None
                                              and fills(o.truth["target"], a, rt) for o in others_open):
                page_cells[r.name] = [r.cells[0]]
                if mode == "actual_rate":
                    displaced.append(f"{r.cells[1]} {r.cells[2]}")
                else:
                    displaced.append(r.cells[1])
                    top.append(r.cells[2])

        for r in rows:
            cells = page_cells[r.name]
            if fullwidth:
                cells = [c.translate(FW) for c in cells]
            kpi_lines += [f"ＫＰＩ {r.name}（{r.unit}）" + (" " + " ".join(cells) if cells else ""), ""]
        fy_line = f"指標内容 {fy}n目標 {fy}n実績 達成率"
        note_lines = [f"補足 {n}" for n in notes.values()]
        tail = kpi_lines + [fy_line, ""] + [x for n in note_lines for x in (n, "")]
        for d in displaced:
            pos = rng.randint(0, len(tail))
            tail[pos:pos] = ["", d.translate(FW) if fullwidth else d, ""]
        if rng.random() >= 0.3:
            lines = top + header + ["", title_line] + body + tail
        else:  # the header comes out last, on one line
            lines = [*top, title_line, *body, *tail, " ".join(x for x in header if x)]
        if rng.random() < 0.2:  # title drifts into the middle of the page
            lines.remove(title_line)
            lines.insert(len(lines) // 2, title_line)
        if pi == 0:
            lines = ["", title, *lines]
        pages.append(lines)
        budget = {fy: b1, f"{year2[0]}{year2[1]}": b2}
        projects.append(dict(no=no, title=ptitle, cities=cities, department=dept,
                             period=f"{jp_year(*start)}〜{jp_year(*end)}", period_raw=period_raw, purpose=purpose,
                             grant_type=grant, budget=budget, page=no))
        for r in rows:
            tr = r.truth
            kpis.append(dict(project_no=no, name=r.name, unit=r.unit, target=tr["target"], actual=tr["actual"],
                             rate=tr["rate"], fiscal_year=fy,
                             lower_is_better=direction(tr["target"], tr["actual"], tr["rate"]),
                             achieved=None if tr["rate"] is None else tr["rate"] >= 100, note=notes.get(r.name),
                             page=no))
    out: list[str] = []
    for i, lines in enumerate(pages):
        lines = list(lines)
        if i > 0:
            j = next(k for k, x in enumerate(lines) if x.strip())
            lines[j] = ("\f" if formfeed else " ") + lines[j].lstrip("\u3000 ")
        out += lines
    text = "\n".join(out) + "\n"
    name = f"synthetic-{idx:05d}_{fy}"
    truth = {"report": {"file": f"{name}.txt", "city": city, "fiscal_year": fy, "western_year": western,
                        "title": title.translate(str.maketrans("０１２３４５６７８９", "0123456789")),
                        "encoding": "cp932" if cp932 else "utf-8"},
             "projects": projects, "kpis": kpis}
    return name, text, truth


def generate(out_dir: Path, n_reports: int, seed: int = 0) -> list[Path]:
    """Write n_reports reports (and truth files) into out_dir; the same seed gives the same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n_reports):
        name, text, truth = generate_report(rng, i)
        p = out_dir / f"{name}.txt"
        p.write_bytes(text.encode("cp932" if truth["report"]["encoding"] == "cp932" else "utf-8"))
        (out_dir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate(args.out, args.reports, args.seed)
    print(f"wrote {len(paths)} reports to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
