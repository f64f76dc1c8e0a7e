"""The package's imports run one way: cli -> run/integrations/... -> pipeline -> stages -> models -> the bottom floor.

Walks every module's imports (also those inside functions) with `ast`, so a new import from a
higher layer, or an import cycle, fails here with the modules named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import piu_filter

PACKAGE = Path(piu_filter.__file__).parent

# Higher numbers sit higher; a module may import its own layer and those below.
LAYERS = {
    "piu_filter.cli": 5,
    "piu_filter.run": 4, "piu_filter.engines": 4, "piu_filter.integrations": 4, "piu_filter.blocklist": 4, "piu_filter.classifier": 4,
    "piu_filter.scan": 4, "piu_filter.index": 4, "piu_filter.report": 4,
    "piu_filter.pipeline": 3,
    "piu_filter.stages": 2,
    "piu_filter.models": 1,
}


def layer(module: str) -> int:
    for prefix, number in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return number
    return 0


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Module -> the piu_filter modules it imports, at top level or inside functions."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = module_name(path)
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("piu_filter"):
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names if alias.name.startswith("piu_filter"))
        found[module] = names - {module}
    return found


def test_no_module_imports_from_a_higher_layer():
    upward = sorted(f"{module} (layer {layer(module)}) imports {target} (layer {layer(target)})"
                    for module, targets in imports().items() for target in targets
                    if layer(target) > layer(module))
    assert upward == []


def test_the_package_has_no_import_cycle():
    found = imports()
    graph = {module: {t for t in targets if t in found} for module, targets in found.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [module, target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_walk_sees_the_layers_it_judges():
    """Guards the two tests above against walking nothing: the known edges are found."""
    found = imports()
    assert "piu_filter.pipeline" in found["piu_filter.run.runner"]
    assert "piu_filter.stages.redact" in found["piu_filter.pipeline"]
    assert layer("piu_filter.cli.run") > layer("piu_filter.run.runner") > layer("piu_filter.pipeline") > layer("piu_filter.stages.pii")


def test_a_worker_that_loads_no_model_never_imports_torch():
    """The modules a local worker runs a shard or a scan part with import torch only when a model loads."""
    import subprocess
    import sys

    code = ("import sys, piu_filter.engines.local, piu_filter.run.shard_job, piu_filter.scan.task; "
            "print('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
