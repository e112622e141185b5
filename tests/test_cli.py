"""The command line through a real subprocess: JSON schemas, env vars, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

KPI_KEYS = {"report", "city", "fiscal_year", "project_no", "project_title", "name", "unit", "target", "actual",
            "rate", "lower_is_better", "achieved", "note", "page"}
PROJECT_KEYS = {"report", "city", "fiscal_year", "no", "title", "department", "period", "purpose", "grant_type",
                "budget", "page"}


def run(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    p = subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=full_env, capture_output=True,
                       text=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(p.stderr)
    return p


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli-index")
    run("index", "--index", str(d), "--corpus", str(CORPUS))
    return d


def test_kpis_json(index_dir: Path) -> None:
    rows = json.loads(run("kpis", "--json", "--index", str(index_dir)).stdout)
    assert len(rows) == 15 and all(set(r) >= KPI_KEYS for r in rows)
    r = next(r for r in rows if r["name"] == "エンジニアからの相談対応件数")
    assert (r["target"], r["actual"], r["rate"], r["achieved"], r["lower_is_better"]) == (120, 253, 210.8, True, False)
    assert (r["city"], r["fiscal_year"], r["project_no"], r["page"]) == ("福岡市", "R2", 1, 1)
    assert r["project_title"] == "エンジニアフレンドリーシティ福岡の推進"
    low = next(r for r in rows if "有効求人倍率" in r["name"])
    assert (low["target"], low["actual"], low["rate"], low["lower_is_better"]) == (2.5, 1.45, 172.4, True)


def test_projects_json_and_env_vars(index_dir: Path) -> None:
    out = run("projects", "--json", env={"ASSISTANT_INDEX": str(index_dir), "ASSISTANT_CORPUS": str(CORPUS)}).stdout
    rows = json.loads(out)
    assert [r["no"] for r in rows] == [1, 2, 3, 4] and all(set(r) >= PROJECT_KEYS for r in rows)
    assert rows[0]["budget"] == {"R2": 67055, "R3": 81801}
    assert rows[3]["budget"] == {"R2": 81939, "R3": None} and rows[3]["period"] == "平成28年度〜令和2年度"


def test_human_table(index_dir: Path) -> None:
    out = run("kpis", "--index", str(index_dir)).stdout
    assert "エンジニアからの相談対応件数" in out and "210.8%" in out and "2.50倍" in out


def test_search_json(index_dir: Path) -> None:
    hits = json.loads(run("search", "キックオフイベント", "--json", "-k", "3", "--index", str(index_dir)).stdout)
    assert len(hits) == 3 and hits[0]["project_no"] == 2
    assert {"report", "project_no", "project_title", "page", "text", "score", "sparse_score", "dense_score"} <= set(hits[0])


def test_ask_conversation_json(index_dir: Path) -> None:
    out = run("ask", "AIエンジニア支援事業のKPIは？", "その中で一番低いのは？", "東京都の待機児童数は？", "--json",
              "--index", str(index_dir)).stdout
    turns = [json.loads(line) for line in out.splitlines()]
    assert len(turns) == 3
    assert {"question", "answer", "intent", "citations", "kpis"} <= set(turns[0])
    assert "33.3%" in turns[1]["answer"] and turns[1]["kpis"][0]["name"] == "実践訓練における解決課題数"
    assert turns[1]["citations"][0] == {"report": "fukuoka-city_R2_chihou-sousei-koufukin.txt", "project_no": 2,
                                        "project_title": "Society5.0を支えるAIエンジニア支援", "page": 2}
    assert "資料に記載が見つかりません" in turns[2]["answer"] and turns[2]["kpis"] == []


def test_question_length_and_empty(index_dir: Path) -> None:
    p = run("ask", "あ" * 600, "--index", str(index_dir), check=False)
    assert p.returncode == 2 and "長すぎます" in p.stderr
    p = run("ask", "   ", "--index", str(index_dir), check=False)
    assert p.returncode == 2 and "空" in p.stderr


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    p = run("kpis", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "i"), check=False)
    assert p.returncode == 2 and "corpus folder not found" in p.stderr
