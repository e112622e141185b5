"""Deterministic synthetic 地方創生関連交付金事業の実施状況 reports, in the seed's format and mess, with truth files."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------------------------------------------
# Vocabulary (every string here must encode in CP932: no ㉑.., no ®, no 〜 in report text)
# ---------------------------------------------------------------------------------------------------------------

CITIES: dict[str, tuple[str, ...]] = {
    "北海道": ("札幌市", "旭川市", "函館市", "帯広市", "ニセコ町", "東川町", "上士幌町", "音威子府村"),
    "岩手県": ("盛岡市", "遠野市", "釜石市", "住田町", "西和賀町", "田野畑村"),
    "宮城県": ("仙台市", "石巻市", "気仙沼市", "女川町", "南三陸町", "大衡村"),
    "福島県": ("会津若松市", "いわき市", "喜多方市", "猪苗代町", "北塩原村"),
    "新潟県": ("新潟市", "長岡市", "十日町市", "佐渡市", "湯沢町", "粟島浦村"),
    "長野県": ("松本市", "上田市", "飯田市", "小布施町", "白馬村", "阿智村"),
    "石川県": ("金沢市", "加賀市", "七尾市", "能登町", "川北町"),
    "静岡県": ("浜松市", "沼津市", "熱海市", "南伊豆町", "川根本町"),
    "京都府": ("舞鶴市", "京丹後市", "福知山市", "伊根町", "南山城村"),
    "大阪府": ("堺市", "豊中市", "枚方市", "能勢町", "千早赤阪村"),
    "兵庫県": ("姫路市", "豊岡市", "洲本市", "香美町", "佐用町"),
    "島根県": ("松江市", "出雲市", "浜田市", "海士町", "隠岐の島町", "飯南町"),
    "岡山県": ("岡山市", "倉敷市", "真庭市", "奈義町", "西粟倉村"),
    "徳島県": ("徳島市", "美馬市", "神山町", "上勝町", "佐那河内村"),
    "高知県": ("高知市", "四万十市", "室戸市", "馬路村", "大川村", "黒潮町"),
    "福岡県": ("福岡市", "北九州市", "久留米市", "飯塚市", "八女市", "糸島市", "宗像市", "宇美町", "志免町",
             "須恵町", "篠栗町", "芦屋町", "東峰村", "添田町"),
    "佐賀県": ("佐賀市", "唐津市", "嬉野市", "有田町", "玄海町"),
    "熊本県": ("熊本市", "天草市", "阿蘇市", "小国町", "南阿蘇村", "産山村"),
    "大分県": ("大分市", "別府市", "日田市", "九重町", "姫島村"),
    "鹿児島県": ("鹿児島市", "奄美市", "指宿市", "屋久島町", "十島村", "三島村"),
    "沖縄県": ("那覇市", "石垣市", "名護市", "恩納村", "竹富町", "与那国町"),
}

CITY_BUREAUS = ("経済観光局", "総合政策局", "企画調整局", "こども未来局", "保健福祉局", "農林水産局", "市民局",
                "都市整備局", "環境局", "産業振興局", "総務企画局", "危機管理局", "教育委員会事務局", "地域振興局")
CITY_DIVISIONS = ("観光振興部", "政策推進部", "地域振興部", "子育て支援部", "健康づくり部", "農政部", "商工部",
                  "デジタル推進部", "防災部", "文化スポーツ部", "国際部", "創業・立地推進部", "環境政策部")
TOWN_SECTIONS = ("企画課", "総務企画課", "まちづくり推進課", "産業振興課", "地方創生推進室", "農林振興課",
                 "健康福祉課", "子育て支援課", "商工観光課", "政策推進課", "未来創造課")
TOWN_GROUPS = ("企画係", "商工観光係", "地域づくり係", "移住定住係", "農業振興係", "健康推進係", "DX推進係")

GRANTS = (("地方創生推進交付金事業", "横展開タイプ"), ("地方創生推進交付金事業", "先駆タイプ"))
GRANT_NO_TYPE = "地方創生拠点整備交付金事業"


@dataclass(frozen=True)
class KpiDef:
    name: str
    unit: str  # as printed inside （）
    kind: str  # value generator
    lower: bool = False  # lower is better: 達成率 = 目標 / 実績


@dataclass(frozen=True)
class Theme:
    key: str
    sections: tuple[str, ...]  # 課 names for the department
    titles: tuple[str, ...]  # "{c}" = city stem
    reasons: tuple[str, ...]  # purpose, first half (ends with 、)
    goals: tuple[str, ...]  # purpose, second half (ends with 。)
    activities: tuple[tuple[str, tuple[str, ...]], ...]
    kpis: tuple[KpiDef, ...]


K = KpiDef
THEMES: tuple[Theme, ...] = (
    Theme(
        "観光", ("観光企画課", "観光振興課", "観光戦略課"),
        ("{c}インバウンド観光推進事業", "滞在型観光プロモーション事業", "観光DX推進事業",
         "歴史文化を活かした観光まちづくり事業", "{c}サイクルツーリズム推進事業", "温泉地再生による観光誘客事業",
         "食と農を活かした体験型観光推進事業"),
        ("観光客の多くが日帰りで消費額が伸び悩んでいることから、", "外国人観光客の回復が遅れていることから、",
         "地域の歴史や文化資源が十分に活用されていないことから、"),
        ("{c}ならではの体験や食の魅力を磨き上げ、滞在時間の延長と観光消費額の拡大を図る。",
         "官民一体で観光地域づくりを進め、持続可能な観光産業の確立を目指す。",
         "デジタル技術を活用した情報発信と受入環境の整備により、交流人口の拡大を図る。"),
        (("体験型観光コンテンツの造成", ("地域事業者と連携し、農泊や伝統工芸体験など滞在型の観光プログラムを造成した。",
                                     "モニターツアーを実施し、参加者アンケートの結果を商品改善に反映した。")),
         ("観光プロモーションの実施", ("旅行博への出展やSNSを活用した情報発信を行った。",
                                     "海外の旅行会社を招請し、ファムトリップを実施した。")),
         ("受入環境の整備", ("観光案内所にタブレット端末を配置し、多言語での案内体制を整備した。",
                           "キャッシュレス決済の導入を支援し、宿泊施設や飲食店の利便性向上を図った。")),
         ("観光人材の育成", ("観光ガイドの養成講座を開催し、新たに地域ガイドを認定した。",))),
        (K("観光入込客数", "人", "n_large"), K("宿泊者数", "人", "n_large"), K("外国人観光客の延べ宿泊数", "人泊", "n_large"),
         K("観光消費額", "千円", "yen"), K("体験型観光プログラムの造成数", "件", "n_small"),
         K("観光案内所の利用者数", "人", "n"), K("ガイドツアー参加者数", "人", "n"), K("観光客満足度", "点", "score"),
         K("リピーター率", "％", "pct")),
    ),
    Theme(
        "子育て", ("こども政策課", "子育て支援課", "保育課"),
        ("子育て世代包括支援事業", "{c}子育て応援パッケージ事業", "保育人材確保推進事業",
         "結婚・出産・子育ての切れ目ない支援事業", "地域で支える子育てネットワーク構築事業"),
        ("出生数の減少と子育て世帯の転出が続いていることから、", "共働き世帯の増加により保育需要が高まっていることから、",
         "子育てに関する不安や孤立感を抱える保護者が増えていることから、"),
        ("妊娠期から子育て期まで切れ目のない支援体制を構築し、安心して子どもを産み育てられるまちを目指す。",
         "保育人材の確保と保育環境の充実を図り、待機児童の解消を目指す。",
         "地域全体で子育てを支える仕組みをつくり、子育て世帯の定住促進を図る。"),
        (("子育て相談体制の充実", ("子育て世代包括支援センターに専門職を配置し、オンライン相談を開始した。",
                                 "乳幼児健診の機会を活用し、保護者の相談に対応した。")),
         ("保育士の確保", ("保育士養成校と連携した就職説明会を開催した。",
                          "潜在保育士の復職を支援するため、研修と職場体験を実施した。")),
         ("子育て応援イベントの開催", ("親子で参加できる交流イベントを開催し、子育て世帯同士の交流を促進した。",)),
         ("病児保育の拡充", ("医療機関と連携し、病児保育の受入枠を拡大した。",))),
        (K("待機児童数", "人", "n_small", True), K("子育て支援センターの利用者数", "人", "n"),
         K("病児保育の利用件数", "件", "n"), K("子育て世帯の転入数", "世帯", "n_small"), K("子育て相談件数", "件", "n"),
         K("子育てしやすいと感じる保護者の割合", "％", "pct"), K("保育士の新規就労者数", "人", "n_small"),
         K("一時預かりの平均待ち日数", "日", "days", True)),
    ),
    Theme(
        "移住", ("移住定住推進課", "地域振興課", "定住促進課"),
        ("{c}移住・定住促進事業", "空き家を活用した移住促進事業", "関係人口創出・拡大事業", "お試し暮らし推進事業",
         "UIJターン就職支援事業"),
        ("人口減少と少子高齢化が進み地域の担い手が不足していることから、", "若年層の転出超過が続いていることから、",
         "空き家の増加が地域の景観や防災上の課題となっていることから、"),
        ("{c}の暮らしの魅力を発信し、移住者と関係人口の増加を図る。",
         "空き家の利活用と移住相談体制の充実により、移住・定住を促進する。",
         "地域と継続的に関わる人材を呼び込み、将来的な移住につなげる。"),
        (("移住相談の実施", ("首都圏での移住フェアに出展し、個別相談に対応した。",
                            "オンライン移住相談会を定期的に開催した。")),
         ("空き家バンクの運営", ("空き家の所有者への意向調査を行い、登録物件を増やした。",
                                "改修費用の一部を補助し、移住者の住まい確保を支援した。")),
         ("お試し住宅の運営", ("短期滞在できるお試し住宅を運営し、地域の暮らしを体験する機会を提供した。",)),
         ("関係人口の創出", ("ワーケーション受入れのためのモニターツアーを実施した。",
                            "地域おこし協力隊と連携し、都市部の若者との交流事業を行った。"))),
        (K("移住者数", "人", "n"), K("移住相談件数", "件", "n"), K("空き家バンクの成約件数", "件", "n_small"),
         K("お試し住宅の利用組数", "組", "n_small"), K("転出超過数", "人", "n", True), K("管理不全の空き家数", "戸", "n", True),
         K("移住支援金の交付件数", "件", "n_small"), K("関係人口登録者数", "人", "n")),
    ),
    Theme(
        "DX", ("デジタル戦略課", "情報政策課", "DX推進課"),
        ("行政手続オンライン化推進事業", "{c}デジタル・トランスフォーメーション推進事業", "スマートシティ推進事業",
         "デジタル人材育成事業", "地域のキャッシュレス化推進事業"),
        ("行政手続の多くが窓口での対面に限られていることから、", "中小企業におけるデジタル化の遅れが課題となっていることから、",
         "高齢者を中心にデジタル機器の利用に不安を持つ住民が多いことから、"),
        ("行政サービスのデジタル化を進め、住民の利便性向上と業務の効率化を図る。",
         "地域企業のDXを支援し、生産性の向上と新たなビジネスの創出を目指す。",
         "誰一人取り残さないデジタル社会の実現に向けて、住民のデジタル活用を支援する。"),
        (("オンライン申請の拡充", ("子育てや介護に関する手続をオンライン化した。",
                                  "電子申請システムの操作説明会を開催した。")),
         ("スマートフォン教室の開催", ("公民館等でスマートフォンの基本操作を学ぶ教室を開催した。",)),
         ("企業のDX支援", ("専門家を派遣し、中小企業の業務改善とデジタルツール導入を支援した。",
                          "DXセミナーを開催し、先進事例を紹介した。")),
         ("オープンデータの推進", ("統計データや施設情報をオープンデータとして公開した。",))),
        (K("オンライン申請可能な手続数", "手続", "n"), K("窓口平均待ち時間", "分", "minutes", True),
         K("電子申請の利用件数", "件", "n_large"), K("デジタル人材育成講座の受講者数", "人", "n"),
         K("キャッシュレス決済導入店舗数", "店舗", "n"), K("行政手続の平均処理日数", "日", "days", True),
         K("スマートフォン教室の参加者数", "人", "n"), K("オープンデータの公開件数", "件", "n")),
    ),
    Theme(
        "農業", ("農業振興課", "農政課", "農林振興課"),
        ("{c}ブランド農産物販路拡大事業", "スマート農業推進事業", "新規就農者育成支援事業", "農産物輸出促進事業",
         "６次産業化推進事業"),
        ("農業者の高齢化と担い手不足が深刻化していることから、", "農産物の価格低迷により農業所得が伸び悩んでいることから、",
         "耕作放棄地の増加が地域の課題となっていることから、"),
        ("{c}産農産物のブランド化と販路拡大を進め、農業所得の向上を図る。",
         "スマート農業技術の導入を支援し、省力化と生産性の向上を目指す。",
         "新規就農者の確保と育成により、持続可能な農業の実現を図る。"),
        (("新規就農者の支援", ("就農相談会を開催し、研修先の紹介や農地のあっせんを行った。",
                              "研修期間中の生活費の一部を支援した。")),
         ("スマート農業の実証", ("ドローンによる農薬散布や自動操舵トラクターの実証を行った。",)),
         ("販路拡大", ("首都圏の百貨店で物産展を開催した。", "海外バイヤーとの商談会に出展した。")),
         ("加工品の開発", ("農業者と食品事業者の連携による加工品開発を支援した。",))),
        (K("新規就農者数", "人", "n_small"), K("農産物直売所の販売額", "千円", "yen"),
         K("耕作放棄地面積", "ha", "area", True), K("スマート農業機械の導入件数", "件", "n_small"),
         K("６次産業化商品の開発数", "品目", "n_small"), K("農産物の輸出額", "千円", "yen"),
         K("認定農業者数", "経営体", "n")),
    ),
    Theme(
        "創業", ("商工振興課", "産業政策課", "企業誘致課", "新産業振興課"),
        ("創業支援ネットワーク構築事業", "{c}スタートアップ支援事業", "サテライトオフィス誘致事業", "事業承継支援事業",
         "地域企業の人材確保支援事業"),
        ("開業率が全国平均を下回っていることから、", "地域企業の後継者不足が深刻化していることから、",
         "若者の就職先となる魅力ある企業が不足していることから、"),
        ("創業しやすい環境を整備し、新たな雇用と地域経済の好循環を生み出す。",
         "企業誘致と地元企業の成長支援により、若者の地元定着を図る。",
         "円滑な事業承継を支援し、地域の雇用と技術の継承を図る。"),
        (("創業相談の実施", ("創業支援窓口を設置し、事業計画の作成や資金調達の相談に対応した。",
                            "創業塾を開催し、受講者の事業化を支援した。")),
         ("コワーキングスペースの運営", ("起業家やフリーランスが利用できるコワーキングスペースを運営した。",)),
         ("企業誘致活動", ("首都圏のIT企業を訪問し、サテライトオフィスの進出を働きかけた。",
                          "進出企業の初期費用の一部を補助した。")),
         ("事業承継の支援", ("金融機関と連携し、後継者マッチングを行った。",))),
        (K("創業者数", "人", "n_small"), K("創業支援相談件数", "件", "n"), K("企業誘致件数", "社", "n_small"),
         K("新規雇用者数", "人", "n"), K("コワーキングスペース利用者数", "人", "n_large"),
         K("事業承継の成約件数", "件", "n_small"), K("サテライトオフィス進出企業数", "社", "n_small")),
    ),
    Theme(
        "健康", ("健康増進課", "地域包括ケア推進課", "高齢福祉課", "健康づくり課"),
        ("健康寿命延伸プロジェクト", "{c}健康ポイント事業", "介護人材確保・定着支援事業", "フレイル予防推進事業",
         "地域包括ケア推進事業"),
        ("高齢化の進行に伴い医療費や介護給付費が増加していることから、", "生活習慣病の予備群が増加していることから、",
         "介護現場の人材不足が深刻化していることから、"),
        ("住民の主体的な健康づくりを促し、健康寿命の延伸を図る。",
         "介護人材の確保と定着を支援し、安心して暮らせる地域をつくる。",
         "医療、介護、地域が連携し、高齢者が住み慣れた地域で暮らし続けられる体制を構築する。"),
        (("健康ポイント事業", ("健診受診や運動教室への参加にポイントを付与し、地域商品券と交換できる仕組みを運用した。",)),
         ("運動教室の開催", ("地域の集会所で体操教室を開催し、住民リーダーを育成した。",
                            "フレイルチェックを実施し、参加者に個別の助言を行った。")),
         ("介護人材の確保", ("介護職員初任者研修の受講費用を助成した。", "介護の仕事の魅力を伝える出前講座を行った。")),
         ("健康相談の実施", ("保健師による健康相談を実施した。",))),
        (K("特定健診受診率", "％", "pct"), K("健康ポイント事業参加者数", "人", "n"),
         K("運動教室の延べ参加者数", "人", "n_large"), K("要介護認定率", "％", "pct", True),
         K("救急搬送の平均所要時間", "分", "minutes", True), K("フレイル予防教室の開催回数", "回", "n_small"),
         K("介護職の有効求人倍率", "倍", "ratio", True), K("健康相談件数", "件", "n")),
    ),
    Theme(
        "防災", ("防災課", "危機管理課", "防災危機管理課"),
        ("地域防災力強化事業", "{c}防災DX推進事業", "自主防災組織育成事業", "災害に強いまちづくり推進事業"),
        ("近年、豪雨災害が頻発化・激甚化していることから、", "地域の防災活動の担い手が高齢化していることから、",
         "災害時の情報伝達に課題があることから、"),
        ("自助・共助の取組を支援し、地域の防災力の向上を図る。",
         "防災情報をデジタルで迅速に届ける体制を整備し、住民の安全確保を図る。",
         "避難体制の強化と防災人材の育成により、災害に強いまちづくりを進める。"),
        (("防災訓練の実施", ("自主防災組織と連携し、避難所開設訓練を実施した。",
                            "要配慮者の避難支援を想定した訓練を行った。")),
         ("防災アプリの導入", ("防災情報を配信するアプリを導入し、登録を呼びかけた。",)),
         ("防災士の養成", ("防災士資格の取得費用を助成し、地域の防災リーダーを養成した。",)),
         ("避難所の環境整備", ("避難所に備蓄品と通信設備を整備した。",))),
        (K("自主防災組織の結成数", "団体", "n_small"), K("防災訓練参加者数", "人", "n"),
         K("防災アプリ登録者数", "人", "n_large"), K("避難所の整備箇所数", "箇所", "n_small"),
         K("個別避難計画の作成率", "％", "pct"), K("防災士の養成人数", "人", "n_small"),
         K("交通事故発生件数", "件", "n", True)),
    ),
    Theme(
        "人材", ("人材育成課", "学校教育課", "政策企画課"),
        ("地元就職促進事業", "産学官連携人材育成事業", "{c}未来人材育成事業", "リカレント教育推進事業"),
        ("高校や大学の卒業後に多くの若者が地域外へ流出していることから、", "地域企業の人材不足が続いていることから、",
         "社会人の学び直しの機会が限られていることから、"),
        ("地域の大学や企業と連携し、若者の地元就職と定着を図る。",
         "地域を支える人材を育成し、地域産業の持続的な発展を目指す。",
         "学び直しの機会を提供し、社会人のキャリアアップと地域企業の生産性向上を図る。"),
        (("インターンシップの実施", ("地元企業でのインターンシップを実施し、学生と企業のマッチングを行った。",)),
         ("連携講座の開講", ("大学と連携し、地域課題をテーマとした講座を開講した。",
                            "社会人向けのリカレント講座を開催した。")),
         ("企業説明会の開催", ("地元企業合同説明会をオンラインで開催した。",))),
        (K("地元就職率", "％", "pct"), K("インターンシップ参加学生数", "人", "n"), K("大学との連携講座数", "講座", "n_small"),
         K("リカレント講座の受講者数", "人", "n"), K("不登校児童生徒数", "人", "n_small", True),
         K("外国人留学生の地元就職者数", "人", "n_small")),
    ),
    Theme(
        "商店街", ("商工振興課", "中心市街地活性化推進室", "にぎわい創出課"),
        ("中心市街地にぎわい創出事業", "{c}商店街再生事業", "空き店舗活用推進事業", "地域通貨導入事業"),
        ("中心市街地の空き店舗が増加し、にぎわいが失われていることから、", "郊外型店舗の進出により商店街の売上が減少していることから、"),
        ("空き店舗の活用とイベントの開催により、中心市街地のにぎわいを取り戻す。",
         "地域内での消費を促し、地域経済の循環を高める。"),
        (("空き店舗の活用", ("空き店舗への出店者に改修費と家賃の一部を補助した。",)),
         ("にぎわいイベントの開催", ("商店街と連携し、マルシェや夜市を開催した。",
                                    "歩行者天国を実施し、来街者の回遊性向上を図った。")),
         ("地域通貨の運用", ("電子地域通貨を導入し、加盟店の拡大に取り組んだ。",))),
        (K("中心市街地の歩行者通行量", "人", "n_large"), K("空き店舗への出店数", "店舗", "n_small"),
         K("商店街イベントの来場者数", "人", "n_large"), K("中心商店街の空き店舗率", "％", "pct", True),
         K("地域通貨の流通額", "千円", "yen"), K("ふるさと納税の寄附件数", "件", "n_large")),
    ),
    Theme(
        "環境", ("環境政策課", "ゼロカーボン推進課", "環境保全課"),
        ("脱炭素先行地域づくり事業", "{c}ゼロカーボンシティ推進事業", "再生可能エネルギー導入促進事業", "資源循環型社会推進事業"),
        ("地球温暖化対策が急務となっていることから、", "ごみの排出量が県内でも高い水準にあることから、"),
        ("再生可能エネルギーの導入と省エネルギー化を進め、脱炭素社会の実現を目指す。",
         "ごみの減量とリサイクルを推進し、循環型社会の形成を図る。"),
        (("再生可能エネルギーの導入支援", ("住宅用太陽光発電と蓄電池の設置費用を補助した。",
                                          "公共施設に太陽光発電設備を導入した。")),
         ("環境学習の実施", ("小中学校で環境出前授業を実施した。",)),
         ("ごみ減量の啓発", ("食品ロス削減キャンペーンを実施した。",))),
        (K("温室効果ガス排出量", "t", "tons", True), K("再生可能エネルギー導入量", "kW", "n_large"),
         K("一人一日当たりごみ排出量", "g", "n", True), K("EV充電設備の設置数", "基", "n_small"),
         K("環境学習の参加者数", "人", "n"), K("木質バイオマスの利用量", "t", "tons")),
    ),
    Theme(
        "交通", ("交通政策課", "都市計画課", "地域交通課"),
        ("地域公共交通再編事業", "{c}デマンド交通導入事業", "MaaS推進事業", "シェアサイクル導入事業"),
        ("路線バスの減便により高齢者の移動手段の確保が課題となっていることから、",
         "中心部と周辺地域を結ぶ公共交通の利便性が低いことから、"),
        ("地域の実情に応じた移動手段を確保し、誰もが移動しやすいまちづくりを進める。",
         "公共交通の利便性を高め、中心部への回遊性向上と地域の活性化を図る。"),
        (("デマンド交通の運行", ("予約型の乗合タクシーを運行し、運行区域を拡大した。",)),
         ("交通アプリの導入", ("バスの運行情報をリアルタイムで確認できるアプリを導入した。",)),
         ("シェアサイクルの運営", ("駅や観光地にシェアサイクルのステーションを設置した。",))),
        (K("デマンド交通の利用者数", "人", "n_large"), K("コミュニティバスの年間利用者数", "人", "n_large"),
         K("シェアサイクルの利用回数", "回", "n_large"), K("運転免許の自主返納者数", "人", "n")),
    ),
    Theme(
        "文化", ("文化振興課", "スポーツ推進課", "生涯学習課"),
        ("{c}スポーツツーリズム推進事業", "伝統工芸継承支援事業", "文化芸術によるまちづくり事業", "スポーツ合宿誘致事業"),
        ("伝統工芸の後継者が不足していることから、", "地域の文化施設の利用者が減少していることから、",
         "スポーツを通じた交流人口の拡大が期待されることから、"),
        ("地域の文化資源を磨き上げ、住民の誇りと交流人口の拡大につなげる。",
         "スポーツ合宿や大会の誘致により、地域経済の活性化を図る。"),
        (("伝統工芸の担い手育成", ("職人による後継者育成講座を開催した。",)),
         ("合宿の誘致", ("大学や実業団に対して合宿誘致活動を行った。", "合宿受入れに係る宿泊費の一部を助成した。")),
         ("文化イベントの開催", ("アートイベントを開催し、地域内外から来場者を集めた。",))),
        (K("文化施設の入館者数", "人", "n_large"), K("スポーツ合宿の誘致件数", "件", "n_small"),
         K("伝統工芸の後継者数", "人", "n_small"), K("イベント参加者満足度", "点", "score"),
         K("スポーツ大会の参加者数", "人", "n")),
    ),
    Theme(
        "女性活躍", ("男女共同参画課", "人権・男女共同参画課", "雇用労働課"),
        ("女性の就労支援事業", "{c}ダイバーシティ推進事業", "テレワーク普及促進事業"),
        ("出産や育児を機に離職する女性が多いことから、", "働き方の多様化への対応が遅れていることから、"),
        ("女性が働きやすい環境を整備し、多様な人材が活躍できる地域をつくる。",
         "テレワークの普及により、場所にとらわれない働き方を推進する。"),
        (("再就職の支援", ("子育て中の女性を対象とした再就職セミナーと職場見学会を開催した。",)),
         ("テレワーク導入支援", ("中小企業にテレワーク導入の専門家を派遣した。",))),
        (K("女性の再就職者数", "人", "n_small"), K("テレワーク導入企業数", "社", "n_small"),
         K("男性の育児休業取得率", "％", "pct"), K("ワークショップ開催回数", "回", "n_small")),
    ),
)

NOTE_REASONS = (
    "は、統計調査の結果公表待ち。", "は、{next}中に調査予定。", "は、年度末時点の数値を{next}に公表予定。",
    "は、新型コロナウイルス感染症の影響によりイベントを中止したため実績なし。", "は、集計中のため記載なし。",
    "については、{next}にアンケート実施予定。{next}目標 {pct}％", "は、国の統計の公表時期の変更により{next}に把握予定。",
)
PROJECT_NOTES = ("新型コロナウイルス感染症の影響により、一部の事業を縮小して実施した。",
                 "事業の一部は翌年度に繰り越して実施した。")
LECTURES = ("地域経済とDXの最前線", "これからの観光まちづくり", "データで読み解く地域の未来", "人口減少時代の地域経営",
            "スタートアップが変える地方の仕事", "誰もが活躍できる職場づくり", "防災とデジタル技術")
WEEKDAYS = "月火水木金土日"

FW_DIGITS = str.maketrans("0123456789,.%", "０１２３４５６７８９，．％")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕"
CP932_MAX_PROJECTS = 20  # ㉑.. are not in CP932
DASH = "－"
_TOL = 0.1 + 1e-9  # the loosest reading of a one-decimal rate (rounded or truncated): used to rule out rivals
_BULLET_STARTS = set("・●○■◆◇※(（、。，．」）)？！ー")


# ---------------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------------

def norm(text: str) -> str:
    """The project's normal form of a text field: NFKC (circled numbers kept), one space for runs of spaces."""
    parts = re.split(f"([{CIRCLED}])", text)
    s = "".join(p if p and p in CIRCLED else unicodedata.normalize("NFKC", p) for p in parts)
    s = re.sub(r"[‐‑‒–—―−]", "-", s).replace("\u3000", " ")
    return re.sub(r" {2,}", " ", s).strip()


def fw(n: int | str) -> str:
    """Full-width digits: 2 → ２."""
    return str(n).translate(FW_DIGITS)


ERA_START = {"R": 2018, "H": 1988}
ERA_NAME = {"R": "令和", "H": "平成"}
FISCAL_YEARS = ("H28", "H29", "H30", "R1", "R2", "R3", "R4", "R5", "R6")


def western(code: str) -> int:
    return ERA_START[code[0]] + int(code[1:])


def code_of(year: int) -> str:
    return f"R{year - 2018}" if year >= 2019 else f"H{year - 1988}"


def jp_year(code: str) -> str:
    n = int(code[1:])
    return f"{ERA_NAME[code[0]]}{'元' if n == 1 else n}年度"


def budget_label(code: str, report_fy: str) -> str:
    """"２年度" in the report's era; "令和元年度" when the year crosses into another era (H30 report, R1 budget)."""
    n = int(code[1:])
    num = "元" if n == 1 else fw(n)
    return f"{num}年度" if code[0] == report_fy[0] else f"{ERA_NAME[code[0]]}{num}年度"


def json_number(text: str) -> int | float:
    t = text.replace(",", "")
    return float(t) if "." in t else int(t)


def fmt(v: Decimal, decimals: int) -> str:
    return f"{v:,.{decimals}f}"


def wrap(text: str, width: int, rng: random.Random) -> list[str]:
    """Cut text into lines of about `width` characters, only where a reader re-joins them without a space."""
    lines: list[str] = []
    rest = text
    while len(rest) > width + 4:
        cut = None
        for i in sorted(range(width - 4, width + 3), key=lambda x: (abs(x - width), x)):
            if 0 < i < len(rest) and _safe_cut(rest, i):
                cut = i
                break
        if cut is None:
            break
        lines.append(rest[:cut])
        rest = rest[cut:]
        width = width + rng.randint(-1, 1)
    lines.append(rest)
    return lines


def _safe_cut(s: str, i: int) -> bool:
    a, b = norm(s[i - 1]), norm(s[i])
    if not a or not b or b[0] in _BULLET_STARTS or b[0].isdigit() or a[-1] in "（「(":
        return False
    if a[-1].isascii() and b[0].isascii():
        return False
    return not unicodedata.category(b[0]).startswith("P")


# ---------------------------------------------------------------------------------------------------------------
# KPI values
# ---------------------------------------------------------------------------------------------------------------

def _target(kind: str, rng: random.Random) -> tuple[Decimal, int]:
    r = rng.randint
    if kind == "n_small":
        return Decimal(r(2, 60)), 0
    if kind == "n":
        return Decimal(r(10, 999) if rng.random() < 0.6 else r(1, 60) * 50), 0
    if kind == "n_large":
        return Decimal(r(1000, 250000) if rng.random() < 0.6 else r(2, 500) * 1000), 0
    if kind == "yen":
        return Decimal(r(500, 90000) * 10), 0
    if kind == "ratio":
        return Decimal(r(50, 450)) / 100, 2
    if kind == "pct":
        return (Decimal(r(10, 95)), 0) if rng.random() < 0.5 else (Decimal(r(100, 950)) / 10, 1)
    if kind == "days":
        return (Decimal(r(3, 60)), 0) if rng.random() < 0.5 else (Decimal(r(20, 450)) / 10, 1)
    if kind == "minutes":
        return (Decimal(r(5, 60)), 0) if rng.random() < 0.4 else (Decimal(r(50, 600)) / 10, 1)
    if kind == "score":
        return Decimal(r(30, 48)) / 10, 1
    if kind == "area":
        return Decimal(r(50, 5000)) / 10, 1
    if kind == "tons":
        return Decimal(r(100, 90000)), 0
    raise ValueError(kind)


def rate_of(target: Decimal, actual: Decimal, lower: bool) -> Decimal:
    """達成率 as printed: actual/target (or target/actual) in percent, rounded half up to one decimal."""
    exact = (target / actual if lower else actual / target) * 100
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _other_formula_close(t: Decimal, a: Decimal, r: Decimal, lower: bool) -> bool:
    """Would the other formula also reproduce the printed rate (so the direction could not be told)?"""
    if a == 0:
        return False
    other = a / t * 100 if lower else t / a * 100
    return abs(float(other) - float(r)) <= _TOL


def _values(kd: KpiDef, rng: random.Random) -> tuple[str, str, str]:
    """(target, actual, rate%) as printed, ASCII digits."""
    t, d = _target(kd.kind, rng)
    q = Decimal(1).scaleb(-d)
    for _ in range(30):
        if rng.random() < 0.04:
            a = t
        else:
            f = Decimal(str(round(min(2.4, max(0.08, rng.gauss(0.93, 0.28))), 3)))
            a = (t / f if kd.lower else t * f).quantize(q, rounding=ROUND_HALF_UP)
            if kd.kind == "pct":
                a = min(a, Decimal(100))
            if kd.kind == "score":
                a = min(a, Decimal(5))
        if a <= 0 and (kd.lower or rng.random() < 0.9):
            continue
        r = rate_of(t, a, kd.lower) if a > 0 or not kd.lower else None
        if r is None or r >= 1000:
            continue
        if a != t and _other_formula_close(t, a, r, kd.lower):
            continue
        return fmt(t, d), fmt(a, d), f"{r}%"
    return fmt(t, d), fmt(t, d), "100.0%"


# ---------------------------------------------------------------------------------------------------------------
# One KPI row, its displacement, and the page-level uniqueness check
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Row:
    kd: KpiDef
    shape: str  # full | target | target_dash | dash3 | rate_dash
    t: str | None
    a: str | None
    r: str | None  # "92.9%"
    full_width: bool = False
    on_line: list[str] = field(default_factory=list)  # tokens kept on the KPI line
    orphans: list[list[str]] = field(default_factory=list)  # token lines displaced elsewhere on the page
    note: str | None = None
    displaced: str | None = None  # how the values were moved (see DISPLACEMENTS)

    def tokens(self) -> list[str]:
        if self.shape == "full":
            return [self.t or "", self.a or "", self.r or ""]
        if self.shape == "target":
            return [self.t or ""]
        if self.shape == "target_dash":
            return [self.t or "", DASH, DASH]
        if self.shape == "rate_dash":
            return [self.t or "", self.a or "", DASH]
        return [DASH, DASH, DASH]


def _slots(row: Row) -> dict[str, str | None]:
    """What a reader fills from the KPI line itself (the parser's rule: a short row's trailing % is the rate)."""
    toks = row.on_line
    unit_pct = norm(row.kd.unit) == "%"
    if len(toks) < 3 and toks and toks[-1].endswith("%") and not unit_pct:
        order = [*("target", "actual")[: len(toks) - 1], "rate"]
    else:
        order = ["target", "actual", "rate"][: len(toks)]
    filled: dict[str, str | None] = {"target": None, "actual": None, "rate": None}
    for slot, tok in zip(order, toks, strict=True):
        filled[slot] = tok
    return filled


def _verifies(t: str, a: str, r: str) -> bool:
    tv, av, rv = float(t.replace(",", "")), float(a.replace(",", "")), float(r.rstrip("%"))
    hi = tv != 0 and abs(av / tv * 100 - rv) <= _TOL
    lo = av != 0 and abs(tv / av * 100 - rv) <= _TOL
    return hi or lo


def unique_on_page(rows: list[Row]) -> bool:
    """True when the only arithmetically consistent attachments of orphan lines are the true ones.

    Every KPI with open slots is tried against every combination of up to three orphan lines (any line order,
    tokens in order) that fills exactly its open slots; a fill counts when target, actual and rate then agree
    (actual/target or target/actual ≈ rate within 0.1). The set of counted fills must be exactly the truth.
    """
    orphans = [(i, toks) for i, row in enumerate(rows) for toks in row.orphans]
    if not orphans:
        return True
    found: set[tuple[int, frozenset[int]]] = set()
    for ki, row in enumerate(rows):
        have = _slots(row)
        open_ = [s for s in ("target", "actual", "rate") if have[s] is None]
        if row.shape in ("target_dash", "dash3", "rate_dash") or not open_:
            continue
        for size in range(1, min(3, len(open_)) + 1):
            for combo in itertools.combinations(range(len(orphans)), size):
                if sum(len(orphans[j][1]) for j in combo) != len(open_):
                    continue
                for perm in itertools.permutations(combo):
                    seq = [tok for j in perm for tok in orphans[j][1]]
                    fill = dict(have)
                    if any((slot == "rate") != tok.endswith("%") for slot, tok in zip(open_, seq, strict=True)):
                        continue
                    fill.update(zip(open_, seq, strict=True))
                    if _verifies(fill["target"] or "", fill["actual"] or "", fill["rate"] or ""):
                        found.add((ki, frozenset(combo)))
                        break
    want = set()
    for ki in range(len(rows)):
        mine = frozenset(j for j, (owner, _) in enumerate(orphans) if owner == ki)
        if mine:
            want.add((ki, mine))
    return found == want


DISPLACEMENTS = (("triple", 0.35), ("actual", 0.2), ("rate", 0.2), ("actual_rate_apart", 0.15),
                 ("actual_rate_together", 0.1))


def _displace(row: Row, how: str) -> bool:
    t, a, r = row.t or "", row.a or "", row.r or ""
    if how == "actual" and norm(row.kd.unit) == "%":
        return False  # "40 95.0%" on a ％ KPI reads as target, actual
    row.on_line, row.orphans = {
        "triple": ([], [[t, a, r]]),
        "actual": ([t, r], [[a]]),
        "rate": ([t, a], [[r]]),
        "actual_rate_apart": ([t], [[a], [r]]),
        "actual_rate_together": ([t], [[a, r]]),
    }[how]
    return True


# ---------------------------------------------------------------------------------------------------------------
# Report generation
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Mess:
    header_to_end: float
    title_mid: float
    displace: float
    rate_top: float
    full_width: float
    split_column_header: float
    stray_note_label: float
    two_space_indent: float


def _mess(level: float) -> Mess:
    def p(x: float) -> float:
        return min(1.0, x * level)
    return Mess(p(0.25), p(0.2), p(0.15), p(0.5), p(0.08), p(0.1), p(0.05), p(0.03))


def _stem(city: str) -> str:
    return city[:-1] if len(city) > 2 else city


def _department(city: str, theme: Theme, rng: random.Random) -> list[str]:
    if city.endswith("市") and rng.random() < 0.8:
        head = rng.choice(CITY_BUREAUS) + rng.choice(CITY_DIVISIONS)
        sec = rng.choice(theme.sections)
        return [head, sec] if rng.random() < 0.6 else [head + sec]
    sec = rng.choice((*TOWN_SECTIONS, *theme.sections))
    return [sec, rng.choice(TOWN_GROUPS)] if rng.random() < 0.3 else [sec]


def _period(fy: str, rng: random.Random) -> tuple[str, str]:
    y = western(fy)
    start = y - rng.choice((0, 0, 1, 1, 2, 2, 3, 4))
    end = max(y, start + rng.choice((1, 2, 2, 2, 3, 4))) if rng.random() < 0.85 else y
    return code_of(start), code_of(end)


def _pick_kpis(theme: Theme, n: int, rng: random.Random) -> list[KpiDef]:
    pool = list(theme.kpis)
    rng.shuffle(pool)
    extra = [k for th in rng.sample(THEMES, 2) if th is not theme for k in th.kpis]
    rng.shuffle(extra)
    out: list[KpiDef] = []
    for kd in pool + extra:
        if len(out) == n:
            break
        if any(kd.name in o.name or o.name in kd.name for o in out):
            continue
        out.append(kd)
    return out


def _rows(kds: list[KpiDef], fy: str, rng: random.Random, mess: Mess, fw_bias: float) -> list[Row]:
    nxt = code_of(western(fy) + 1) + "n"
    rows: list[Row] = []
    for kd in kds:
        shape = rng.choices(("full", "target", "target_dash", "dash3", "rate_dash"), (78, 7, 6, 5, 4))[0]
        t, a, r = _values(kd, rng)
        if shape in ("target", "target_dash"):
            a = r = None
        elif shape == "dash3":
            t = a = r = None
        elif shape == "rate_dash":
            r = None
        row = Row(kd, shape, t, a, r, full_width=rng.random() < mess.full_width * fw_bias)
        row.on_line = row.tokens()
        p_note = {"full": 0.06, "target": 0.3, "target_dash": 0.7, "dash3": 0.75, "rate_dash": 0.4}[shape]
        if rng.random() < p_note:
            reason = rng.choice(NOTE_REASONS).format(next=nxt, pct=fw(rng.randint(3, 9) * 10))
            row.note = f"「{kd.name}」{reason}"
        rows.append(row)
    # Displace some complete rows, keeping only displacements that stay uniquely recoverable.
    for row in rng.sample(rows, len(rows)):
        if row.shape != "full" or rng.random() >= mess.displace:
            continue
        how = rng.choices([d for d, _ in DISPLACEMENTS], [w for _, w in DISPLACEMENTS])[0]
        if sum(1 for x in rows if x.orphans and not x.on_line) and how == "triple":
            continue  # two bare triples on one page could always swap
        if not _displace(row, how):
            continue
        if unique_on_page(rows):
            row.displaced = how
        else:
            row.on_line, row.orphans = row.tokens(), []
    return rows


def _kpi_line(row: Row) -> str:
    vals = [v.translate(FW_DIGITS) if row.full_width else v for v in row.on_line]
    head = f"ＫＰＩ {row.kd.name}（{row.kd.unit}）"
    return " ".join([head, *vals])


def _activity_blocks(theme: Theme, fy: str, rng: random.Random, mess: Mess) -> list[list[str]]:
    acts = rng.sample(theme.activities, rng.randint(1, len(theme.activities)))
    blocks: list[list[str]] = []
    for i, (title, bullets) in enumerate(acts, 1):
        lines = [f"{fw(i)}　{title}"]
        for b in rng.sample(bullets, rng.randint(1, len(bullets))):
            for j, part in enumerate(wrap(b, rng.randint(26, 46), rng)):
                indent = "　・" if j == 0 else ("  " if rng.random() < mess.two_space_indent else "　　")
                lines.append(indent + part)
        if rng.random() < 0.2:
            y = int(fy[1:])
            day = datetime.date(western(fy), rng.randint(4, 12), rng.randint(1, 28))
            lines += ["　（開催実績）",
                      f"　　日　　時：{ERA_NAME[fy[0]]}{'元' if y == 1 else fw(y)}年{day.month}月"
                      f"{fw(day.day) if day.day < 10 else day.day}日（{WEEKDAYS[day.weekday()]}）"
                      f"{rng.randint(10, 15)}：00～{rng.randint(16, 18)}：30"]
            if rng.random() < 0.6:
                talks = rng.sample(LECTURES, rng.randint(2, 4))
                lines.append(f"　　講演内容：①「{talks[0]}」")
                lines += [f"　　　　　　　{CIRCLED[k]}「{x}」" for k, x in enumerate(talks[1:], 1)]
            lines.append(f"　　参加者数：{rng.randint(12, 480)}人")
        blocks.append(lines)
    return blocks


@dataclass
class Built:
    lines: list[str]
    project: dict[str, Any]
    kpis: list[dict[str, Any]]


def _project_page(no: int, report_city: str, fy: str, rng: random.Random, mess: Mess, fw_bias: float,
                  used_titles: set[str], city_pool: list[str]) -> Built:
    theme = rng.choice(THEMES)
    stem = _stem(report_city)
    title = ""
    for _ in range(10):
        title = rng.choice(theme.titles).format(c=stem)
        if title not in used_titles:
            break
    else:
        title = f"{title}（第{fw(no)}期）"
    used_titles.add(title)
    cities = [report_city]
    if rng.random() < 0.15:
        partners = [c for c in city_pool if c != report_city]
        cities += rng.sample(partners, min(len(partners), rng.randint(1, 3)))
    city_text = f"{cities[0]}（代表）、" + "、".join(cities[1:]) if len(cities) > 1 else cities[0]
    cities_truth = [f"{cities[0]}（代表）", *cities[1:]] if len(cities) > 1 else cities
    dept = _department(report_city, theme, rng)
    start, end = _period(fy, rng)
    period_raw = f"{start}n-{end}n"
    purpose = rng.choice(theme.reasons) + rng.choice(theme.goals).format(c=stem)
    program, gtype = rng.choice(GRANTS) if rng.random() < 0.95 else (GRANT_NO_TYPE, None)
    nxt = code_of(western(fy) + 1)
    b_now = rng.randint(8, 3000) * 100 + rng.randint(0, 99)
    b_next: int | None = rng.randint(8, 3000) * 100 + rng.randint(0, 99)
    if end == fy or rng.random() < 0.1:
        b_next = None
    elif rng.random() < 0.3:
        b_next = b_now
    unit = "千円" if rng.random() < 0.15 else None

    header_multi = [city_text, *dept, "", f"事業期間 {period_raw}"]
    header_one = [f"{city_text} {' '.join(dept)} 事業期間 {period_raw}"]
    b_title = [f"{CIRCLED[no - 1]}{title}"]
    b_label = [f"{report_city}交付対象事業経費" + ("（千円）" if unit else "")]
    b_purpose = ["目", "的", "", *(("　" if i == 0 else "") + x for i, x in enumerate(wrap(purpose, 37, rng)))]
    b_budget = [[f"{budget_label(fy, fy)} {b_now:,}"],
                [f"{budget_label(nxt, fy)} {DASH if b_next is None else f'{b_next:,}'}"]]
    grant_line = f"【{program}（{gtype}）】" if gtype else f"【{program}】"
    acts = _activity_blocks(theme, fy, rng, mess)

    kds = _pick_kpis(theme, rng.choices(range(1, 7), (18, 26, 22, 16, 10, 8))[0], rng)
    rows = _rows(kds, fy, rng, mess, fw_bias)
    kpi_blocks: list[list[str]] = [[_kpi_line(r)] for r in rows]
    col = f"指標内容 {fy}n目標 {fy}n実績 達成率"
    col_blocks = [[col]] if rng.random() >= mess.split_column_header else [[col.rsplit(" ", 1)[0]], ["達成率"]]
    kpos = rng.randint(0, len(kpi_blocks))
    kpi_blocks[kpos:kpos] = col_blocks[:1]
    if len(col_blocks) > 1:
        kpi_blocks.insert(rng.randint(kpos + 1, len(kpi_blocks)), col_blocks[1])
    for r in rows:
        if r.note:
            kpi_blocks.insert(rng.randint(0, len(kpi_blocks)), [f"補足 {r.note}"])
    if rng.random() < 0.05:
        kpi_blocks.insert(rng.randint(0, len(kpi_blocks)), [f"補足 {rng.choice(PROJECT_NOTES)}"])

    title_group = [b_title, b_label, b_purpose, *b_budget]
    body = [[grant_line], *acts, *kpi_blocks]
    header_at_end = rng.random() < mess.header_to_end
    tags = ["header_to_end"] if header_at_end else []
    tags += ["split_column_header"] if len(col_blocks) > 1 else []
    tags += [f"displaced:{r.displaced}" for r in rows if r.displaced]
    tags += ["full_width_values"] if any(r.full_width for r in rows) else []
    tags += ["two_space_indent"] if any(ln.startswith("  ") for b in acts for ln in b) else []
    blocks = ([] if header_at_end else [header_multi]) + title_group + body
    if rng.random() < mess.title_mid:
        tags.append("title_mid")
        if rng.random() < 0.5:  # the title line alone, somewhere below its usual place
            blocks.remove(b_title)
            lo = len(blocks) // 3 + 1
            blocks.insert(rng.randint(lo, len(blocks)), b_title)
        else:  # the whole title/purpose/budget group below the KPIs (as on the seed's pages 3 and 4)
            for b in title_group:
                blocks.remove(b)
            at = rng.randint(len(blocks) - len(kpi_blocks) // 2, len(blocks))
            blocks[at:at] = title_group
    top: list[str] | None = None
    for r in rows:
        for toks in r.orphans:
            shown = [v.translate(FW_DIGITS) if r.full_width else v for v in toks]
            line = [" ".join(shown)]
            if top is None and len(toks) == 1 and toks[0].endswith("%") and rng.random() < mess.rate_top:
                top = line
            elif rng.random() < 0.2:
                blocks.append(line)
            else:
                blocks.insert(rng.randint(1, len(blocks)), line)
    if header_at_end:
        at = len(blocks) if rng.random() < 0.4 else rng.randint(len(blocks) // 2, len(blocks))
        blocks.insert(at, header_one)
    if top is not None:
        blocks.insert(0, top)
        tags.append("rate_top")
    elif rng.random() < mess.stray_note_label:
        blocks.insert(0, ["補足"])
        tags.append("stray_note_label")
    lines: list[str] = []
    for b in blocks:
        if lines:
            lines.append("")
        lines.extend(b)
    if lines[0].startswith(("　", " ")) or not lines[0]:
        raise AssertionError(f"page would start with an indented or empty line: {lines[0]!r}")

    project = {
        "no": no, "title": norm(title), "cities": cities_truth, "department": norm(" ".join(dept)),
        "period": f"{jp_year(start)}〜{jp_year(end)}", "period_raw": period_raw, "purpose": norm(purpose),
        "grant_type": gtype, "budget": {fy: b_now, nxt: b_next}, "budget_unit": unit, "page": no,
        "mess": tags,
    }
    kpis = []
    for r in rows:
        t = json_number(r.t) if r.t else None
        a = json_number(r.a) if r.a else None
        rate = float(r.r.rstrip("%")) if r.r else None
        lower = None
        if t is not None and a is not None and rate is not None and r.a != r.t:
            lower = r.kd.lower
        kpis.append({
            "project_no": no, "name": norm(r.kd.name), "unit": norm(r.kd.unit), "target": t, "actual": a,
            "rate": rate, "fiscal_year": fy, "lower_is_better": lower,
            "achieved": None if rate is None else rate >= 100.0, "note": norm(r.note) if r.note else None,
            "page": no,
        })
    return Built(lines, project, kpis)


def build_report(index: int, seed: int = 0, mess_level: float = 1.0, formfeed_share: float = 0.3,
                 cp932_share: float = 0.15, max_projects: int = 25) -> tuple[str, bytes, dict[str, Any]]:
    """One report: (file name, file bytes, truth). Depends only on (seed, index) and the options."""
    rng = random.Random(f"jp-report-synth:{seed}:{index}")
    mess = _mess(mess_level)
    pref = rng.choice(sorted(CITIES))
    city_pool = list(CITIES[pref])
    city = rng.choice(city_pool)
    fy = rng.choice(FISCAL_YEARS)
    n = min(max_projects, rng.choice((rng.randint(1, 6), rng.randint(1, 12), rng.randint(1, 25))))
    want_cp932 = rng.random() < cp932_share
    formfeed = rng.random() < formfeed_share
    fw_bias = rng.choice((0.0, 1.0, 1.0, 4.0))
    if want_cp932:
        n = min(n, CP932_MAX_PROJECTS)
    y = int(fy[1:])
    title = f"{ERA_NAME[fy[0]]}{'元' if y == 1 else fw(y)}年度地方創生関連交付金事業の実施状況"
    used: set[str] = set()
    pages = [_project_page(no, city, fy, rng, mess, fw_bias, used, city_pool) for no in range(1, n + 1)]
    out = ["", title]
    for i, page in enumerate(pages):
        first, *rest = page.lines
        if formfeed:
            out.append(("\f" if i else "") + first)
        else:
            out.append(" " + first)
        out.extend(rest)
    text = "\n".join(out) + ("\n\f" if formfeed else "\n\n")
    name = f"synth{seed}-{index:05d}_{fy}{'_cp932' if want_cp932 else ''}.txt"
    encoding = "utf-8"
    data = text.encode("utf-8")
    if want_cp932:
        with contextlib.suppress(UnicodeEncodeError):
            data, encoding = text.encode("cp932"), "cp932"
    truth = {
        "report": {"file": name, "city": city, "fiscal_year": fy, "western_year": western(fy), "title": norm(title),
                   "encoding": encoding, "pages": n, "page_breaks": "formfeed" if formfeed else "space"},
        "projects": [p.project for p in pages],
        "kpis": [k for p in pages for k in p.kpis],
    }
    return name, data, truth


def generate(out_dir: Path, n_reports: int, seed: int = 0, *, mess: float = 1.0, formfeed_share: float = 0.3,
             cp932_share: float = 0.15, max_projects: int = 25) -> list[Path]:
    """Write n_reports synthetic reports and a <name>.truth.json beside each; return the report paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n_reports):
        name, data, truth = build_report(i, seed, mess, formfeed_share, cp932_share, max_projects)
        path = out_dir / name
        path.write_bytes(data)
        (out_dir / (path.stem + ".truth.json")).write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write synthetic 地方創生関連交付金 reports with truth files.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mess", type=float, default=1.0, help="scale every mess probability (0 = clean layout)")
    ap.add_argument("--formfeed-share", type=float, default=0.3)
    ap.add_argument("--cp932-share", type=float, default=0.15)
    ap.add_argument("--max-projects", type=int, default=25)
    args = ap.parse_args(argv)
    paths = generate(args.out_dir, args.reports, args.seed, mess=args.mess, formfeed_share=args.formfeed_share,
                     cp932_share=args.cp932_share, max_projects=args.max_projects)
    print(f"wrote {len(paths)} reports to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
