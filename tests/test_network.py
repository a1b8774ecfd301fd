"""`kg neighbors` and `kg path`: connections with their evidence."""


def test_neighbors_of_butterfly(graph):
    names = {n["label"]: n for n in graph.neighbors("Butterfly", depth=1)}
    assert {"Meta", "Manus"} <= set(names)
    assert all(n["distance"] == 1 for n in names.values())


def test_neighbors_deeper(kg):
    out = kg("neighbors", "Butterfly", "--depth", "2").output
    assert "Mark Zuckerberg" in out or "Llama" in out


def test_path_from_manus_to_zuckerberg_has_evidence(graph):
    steps = graph.path("Manus", "Mark Zuckerberg")
    assert steps
    assert steps[0]["subject"] in ("Butterfly", "Manus")
    assert all(step.get("evidence") for step in steps)


def test_path_on_the_command_line(kg):
    result = kg("path", "Butterfly", "Mark Zuckerberg")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    steps = [line for line in lines if "→" in line and not line.startswith(" ")]
    assert steps and "Butterfly" in steps[0] and "Mark Zuckerberg" in steps[-1]
    assert len([line for line in lines if line.strip().startswith("↳")]) == len(steps)
