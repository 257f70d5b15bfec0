"""The catalogue is complete and each record agrees with its own C text."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tests.cases import loop_cases
from tsvc.judge import checker
from tsvc.record import catalog, inputs
from tsvc.record.csource import CType, Real

# TSVC_2's 151 loops with their categories, as read from TSVC_2's source (a copy kept here).
INVENTORY = Path(__file__).resolve().parent / "data" / "tsvc_inventory.tsv"
# The markers a user types (`pytest -m reductions`): renaming one breaks their commands.
MARKERS = {
    "linear_dependence_testing", "vectorizable", "induction_variable_recognition", "global_data_flow_analysis",
    "nonlinear_dependence_testing", "interprocedural_data_flow_analysis", "control_flow", "symbolics",
    "statement_reordering", "loop_distribution", "loop_interchange", "node_splitting",
    "scalar_and_array_expansion", "crossing_thresholds", "loop_peeling", "diagonals", "wavefronts", "reductions",
    "recurrences", "search_loops", "packing", "loop_rerolling", "storage_classes_and_equivalencing", "parameters",
    "non_logical_ifs", "intrinsic_functions", "call_statements", "non_local_gotos", "vector_semantics",
    "indirect_addressing", "statement_functions", "control_loops",
}


def test_catalogue_holds_exactly_the_151_tsvc2_loops():
    order = (catalog.LOOPS_DIR / "ORDER").read_text().split()
    assert len(order) == len(set(order)) == 151
    assert list(catalog.catalog()) == order


def test_categories_match_the_inventory():
    rows = [line.split("\t") for line in INVENTORY.read_text().splitlines()[1:]]
    want = {row[0]: row[1] for row in rows}
    got = {loop.name: loop.category for loop in catalog.catalog().values()}
    assert got == want


def test_markers_are_the_documented_ones():
    assert set(catalog.categories()) == MARKERS


@pytest.mark.parametrize("marker", sorted(MARKERS))
def test_a_marker_is_a_clean_name_no_near_duplicate_of_another(marker):
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", marker), marker
    assert not [w for w in marker.split("_") if w in TSVC_TYPOS], marker
    near = [m for m in MARKERS - {marker} if m.startswith(marker) or marker.startswith(m)]
    assert not near, f"{marker} and {near} name one category twice"


TSVC_TYPOS = {"varibale", "s"}


def test_each_loop_keeps_tsvcs_own_category_and_its_marker_selects_it():
    for loop in catalog.catalog().values():
        assert loop.category in catalog.categories()[loop.marker]


def test_a_category_with_a_typo_gets_a_clean_marker():
    assert catalog.marker_of("induction varibale recognition") == "induction_variable_recognition"
    assert catalog.marker_of("non-logical if's") == "non_logical_ifs"
    assert catalog.marker_of("loop interchanging") == catalog.marker_of("loop interchange")


@pytest.mark.parametrize("loop", loop_cases())
def test_c_reference_writes_every_array_declared_written_and_no_other(loop):
    changed: set[str] = set()
    for size in loop.sizes:
        for seed in loop.seeds:
            want = checker.expected(loop, size, seed)  # raises on a blind or non-finite configuration
            for spec in loop.arrays:
                if not np.array_equal(want.exact.arrays[spec.name], want.inputs[spec.name]):
                    changed.add(spec.name)
    declared = {spec.name for spec in loop.writes}
    assert changed <= declared, f"the C loop writes {sorted(changed - declared)}, declared read-only"
    assert changed == declared, f"declared written but never changed: {sorted(declared - changed)}"


@pytest.mark.parametrize("loop", loop_cases())
def test_inputs_scalars_and_calls_take_their_types_from_the_specs(loop):
    size = loop.sizes[0]
    arrays, scalars = inputs.make_inputs(loop, size, 0), inputs.scalar_values(loop, size)
    assert {name: a.dtype for name, a in arrays.items()} == {spec.name: spec.dtype for spec in loop.arrays}
    assert all(type(scalars[s.name]) is s.ctype.python_type for s in loop.scalars)
    assert list(loop.bind(arrays, scalars)) == list(loop.params)


BIND_ERRORS = {
    "array-missing": (lambda a, s: ({k: v for k, v in a.items() if k != "b"}, s), r"lacks \['b'\]"),
    "size-missing": (lambda a, s: (a, {}), r"lacks \['LEN_1D'\]"),
    "unknown-array": (lambda a, s: ({**a, "c": a["a"]}, s), r"unknown arguments \['c'\]"),
    "unknown-scalar": (lambda a, s: (a, {**s, "alpha": 1.0}), r"unknown arguments \['alpha'\]"),
    "array-as-scalar": (lambda a, s: ({k: v for k, v in a.items() if k != "b"}, {**s, "b": 1.0}),
                        r"lacks \['b'\] and has unknown arguments \['b'\]"),
}


@pytest.mark.parametrize("wrong", BIND_ERRORS.values(), ids=BIND_ERRORS.keys())
def test_a_call_with_a_missing_or_unknown_argument_is_refused(wrong):
    loop = catalog.get("s000")
    arrays = inputs.make_inputs(loop, loop.sizes[0], 0)
    change, message = wrong
    with pytest.raises(ValueError, match=message):
        loop.bind(*change(arrays, inputs.scalar_values(loop, loop.sizes[0])))


def test_the_c_types_say_what_each_side_receives():
    assert [(t.dtype(), t.torch_name, t.python_name) for t in CType] == [
        (np.dtype(np.int32), "torch.int32", "int"), (np.dtype(np.float32), "torch.float32", "float")]
    assert CType.REAL.dtype(Real.DOUBLE) == np.float64 and CType.INT.dtype(Real.DOUBLE) == np.int32
    assert [r.value for r in catalog.Role] == list(catalog.ROLES) == ["read", "write", "readwrite"]
