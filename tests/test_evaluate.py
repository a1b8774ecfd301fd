"""kg eval: precision, recall and F1 per article and micro-averaged, on the development set."""

from __future__ import annotations

import json

from click.testing import CliRunner
from ingest_helpers import DATA

from kg.cli import cli
from kg.evaluate import canonical_value, score
from kg.extract.gazetteer import Entry, Gazetteer


def test_matching_folds_case_aliases_and_numbers():
    gazetteer = Gazetteer()
    meta = Entry("https://w3id.org/tech-kg/id/Meta", "Meta", "Org")
    gazetteer.add("Meta", meta)
    gazetteer.add("Facebook, Inc.", meta, alias=True)
    result = score(
        [("Meta", "acquired", "Butterfly"), ("Meta", "laid_off", "1 500")],
        [
            ("facebook inc", "acquired", "BUTTERFLY"),
            ("Meta", "laid_off", "1500"),
            ("Meta", "acquired", "Manus"),
        ],
        gazetteer,
    )
    assert (result.correct, result.gold, result.predicted) == (2, 2, 3)
    assert canonical_value("72 milliards") == "72000000000"


def test_eval_prints_the_table_and_meets_the_targets_on_held_out_articles(tmp_path):
    runner = CliRunner()
    store = tmp_path / "no-store"
    result = runner.invoke(cli, ["--store", str(store), "eval", str(DATA / "heldout"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert len(report["articles"]) == 7
    micro = report["micro"]
    assert micro["precision"] >= 0.80 and micro["recall"] >= 0.60
    table = runner.invoke(cli, ["--store", str(store), "eval", str(DATA / "heldout")])
    assert "micro-average" in table.output and "precision" in table.output


def test_eval_refuses_a_bad_gold_file(tmp_path):
    (tmp_path / "a.txt").write_text("Meta a racheté Butterfly.", "utf-8")
    (tmp_path / "a.tsv").write_text("subject\tpredicate\tobject\nMeta\towns\tButterfly\n", "utf-8")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "eval", str(tmp_path)])
    assert result.exit_code == 2 and "unknown predicate" in result.output


def test_symmetric_properties_match_in_either_direction():
    gold = [("A", "partnered_with", "B"), ("C", "competes_with", "D"), ("E", "acquired", "F")]
    predicted = [("B", "partnered_with", "A"), ("D", "competes_with", "C"), ("F", "acquired", "E")]
    result = score(gold, predicted, Gazetteer())
    assert result.correct == 2


def write_article(folder, text: str, gold: list[str]) -> None:
    """An article ``a.txt`` and its gold file ``a.tsv`` (one tab-separated fact a line)."""
    (folder / "a.txt").write_text(text, encoding="utf-8")
    header = "subject\tpredicate\tobject\tdate\tvalue\tevidence\n"
    (folder / "a.tsv").write_text(header + "".join(f + "\n" for f in gold), encoding="utf-8")


def micro_scores(kg, folder, *options: str) -> dict:
    result = kg("eval", str(folder), "--json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output[result.output.index("{") :])["micro"]


def test_eval_scores_what_ingest_would_accept(kg, tmp_path):
    """A guess below --min-confidence is proposed for review but not scored."""
    write_article(
        tmp_path,
        "date: 2024-06-04\n\nDatabricks rachète Tabular. "
        "Le cofondateur Ryan Blue rejoint les équipes.\n",
        ["Databricks\tacquired\tTabular\t\t\tDatabricks rachète Tabular"],
    )
    micro = micro_scores(kg, tmp_path)
    assert micro == {**micro, "predicted": 1, "correct": 1, "precision": 1.0}
    loose = micro_scores(kg, tmp_path, "--min-confidence", "0")
    assert loose["predicted"] == 2 and loose["precision"] == 0.5


def test_names_the_article_equates_match(kg, tmp_path):
    """ "Advanced Micro Devices (AMD)": a gold file that says AMD matches the full name."""
    write_article(
        tmp_path,
        "date: 2022-02-14\n\nAdvanced Micro Devices (AMD) completed its purchase of Xilinx. "
        "AMD also cut 400 jobs.\n",
        ["AMD\tacquired\tXilinx\t\t\t", "AMD\tlaid_off\t400\t\t400\t"],
    )
    micro = micro_scores(kg, tmp_path)
    assert (micro["correct"], micro["gold"]) == (2, 2)
