"""C text that executes one claim of the analysis: the loop rewritten as the claim's actions say
(snapshots, private scalars, closed forms of counters, dead stores skipped, distribution), its
iterations run in a permuted order. analysis.verify compiles it and compares it with the loop.

The permutation is chosen at run time by the global `tsvc_perm_` (0, 1: two xorshift shuffles,
2: reversed order), so one build serves every permutation.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

import islpy as isl
from pycparser import c_ast, c_generator

from analysis import frontend
from analysis.cexpr import text
from analysis.cparse import _replace
from analysis.model import Action, AnalysisError, LoopAnalysis, LoopVerdict
from tsvc.catalog import Loop

HEADER = """int tsvc_perm_ = 0;
#define floord(n, d) (((n) < 0) ? -((-(n) + (d) - 1) / (d)) : (n) / (d))
static void tsvc_permute_(int *v, int n, unsigned seed)
{
    if (tsvc_perm_ == 2) {
        for (int k = 0; k < n / 2; k++) { int t = v[k]; v[k] = v[n - 1 - k]; v[n - 1 - k] = t; }
        return;
    }
    unsigned s = (seed + 7919u * (unsigned) tsvc_perm_) | 1u;
    for (int k = n - 1; k > 0; k--) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int j = (int) (s % (unsigned) (k + 1));
        int t = v[k]; v[k] = v[j]; v[j] = t;
    }
}
"""
_GEN = c_generator.CGenerator()
_HOLE = "tsvc_claim_loop_"


class Unexecutable(AnalysisError):
    """The claim cannot be turned into C (the reason is the message)."""


@dataclass
class Plan:
    """Pieces of C around the permuted loop, filled in by the actions."""

    preamble: list[str] = field(default_factory=list)  # before the loop, after the iterations are listed
    prefix: list[str] = field(default_factory=list)  # at the start of every iteration
    suffix: list[str] = field(default_factory=list)  # at the end of every iteration
    post: list[str] = field(default_factory=list)  # after the loop


def _isl_to_c(expr: str, names: list[str]) -> str:
    try:
        pw = isl.PwAff(f"[{', '.join(names)}] -> {{ [({expr})] }}")
    except isl.Error as exc:
        raise Unexecutable(f"not an affine expression: {expr}") from exc
    build = isl.AstBuild.from_context(isl.Set(f"[{', '.join(names)}] -> {{ : }}"))
    return build.expr_from_pw_aff(pw).to_C_str()


def _set_to_c(isl_set: str) -> str:
    s = isl.Set(isl_set)
    s = s.gist_params(isl.Set(f"[LEN_1D, LEN_2D] -> {{ : LEN_1D >= 8 and LEN_2D >= 8 }}"))
    n = s.dim(isl.dim_type.set)
    s = s.move_dims(isl.dim_type.param, s.dim(isl.dim_type.param), isl.dim_type.set, 0, n).params()
    names = [s.get_dim_name(isl.dim_type.param, k) for k in range(s.dim(isl.dim_type.param))]
    build = isl.AstBuild.from_context(isl.Set(f"[{', '.join(names)}] -> {{ : }}"))
    return build.expr_from_set(s).to_C_str()


def _walk(node: c_ast.Node):
    yield node
    for _, child in node.children():
        yield from _walk(child)


def _parent(root: c_ast.Node, target: c_ast.Node) -> tuple[c_ast.Node, str]:
    for n in _walk(root):
        for slot, child in n.children():
            if child is target:
                return n, slot
    raise Unexecutable("a statement of the model is not in the C text")


def _decl_type(root: c_ast.Node, name: str) -> str:
    for n in _walk(root):
        if isinstance(n, c_ast.Decl) and n.name == name and isinstance(n.type, c_ast.TypeDecl) \
                and isinstance(n.type.type, c_ast.IdentifierType):
            return " ".join(n.type.type.names)
    raise Unexecutable(f"no declaration of scalar {name}")


def _rename(root: c_ast.Node, old: str, new: str) -> None:
    for n in _walk(root):
        if isinstance(n, c_ast.ID) and n.name == old:
            n.name = new
        elif isinstance(n, c_ast.Decl) and n.name == old:
            raise Unexecutable(f"{old} is declared inside the loop: already private")


class Claim:
    """One loop level's claim, turned into C."""

    def __init__(self, loop: Loop, result: LoopAnalysis, lv: LoopVerdict):
        self.loop, self.result, self.lv = loop, result, lv
        self.walker = frontend.walk(loop)
        self.main = self.walker.cfile.main
        index = [lp.id for lp in result.program.loops].index(lv.id)
        self.node: c_ast.For = self.walker.loop_nodes[index]
        self.info = result.program.loops[index]
        self.plan = Plan()
        self.tol = False  # compare with a rounding tolerance (reductions reorder additions)
        self.snaps: dict[str, str] = {}  # array -> its snapshot's name
        self.cases: list[tuple[dict[str, int], bool]] = [({}, False)]  # (scalar values over the record's, tolerant)

    # -- the actions ----------------------------------------------------------------------
    def apply(self, action: Action) -> None:
        handler = getattr(self, f"_{action.kind}", None)
        if handler is None:
            raise Unexecutable(f"no executable form for action {action.kind}")
        handler(action.details)

    def _war_copy(self, d: dict) -> None:
        self._snapshot(d["array"], set(d["reads"]))

    def _snapshot(self, array: str, reads: set[str]) -> str:
        spec = self.loop.array(array)
        snap = f"{array}_snap_"
        n = " * ".join(f"({x})" for x in spec.dims)
        ctype = "real_t" if spec.ctype == "real_t" else "int"
        ptr = f"(*{snap})[{spec.dims[1]}]" if len(spec.dims) == 2 else f"*{snap}"
        self.plan.preamble.append(f"{ctype} {ptr} = malloc(sizeof({ctype}) * {n});"
                                  f" for (long q_ = 0; q_ < {n}; q_++) (({ctype} *) {snap})[q_] = (({ctype} *) {array})[q_];")
        self.plan.post.append(f"free({snap});")
        lvalues = {id(n.lvalue) for n in _walk(self.node) if isinstance(n, c_ast.Assignment)}
        for n in _walk(self.node.stmt):
            if isinstance(n, c_ast.ArrayRef) and id(n) not in lvalues and text(n) in reads:
                base = n
                while isinstance(base.name, c_ast.ArrayRef):
                    base = base.name
                base.name = c_ast.ID(snap)
        return snap

    def _reduction(self, d: dict) -> None:
        self.tol = True  # the permuted order is the claim; only rounding may differ
        if d.get("ties"):
            self._ties(d)

    def _ties(self, d: dict) -> None:
        """The tie-break as a kernel applies it: an equal value replaces the running extreme only if it
        comes earlier (ties: first) or later (last) in iteration order. Also run on inputs with ties."""
        ifs = [n for n in _walk(self.node.stmt) if isinstance(n, c_ast.If) and _GEN.visit(n.cond) == d["comparison"]]
        if len(ifs) != 1 or not isinstance(ifs[0].iftrue, c_ast.Compound) or ifs[0].iffalse is not None:
            raise Unexecutable("the argmax/argmin guard is not a plain if")
        node = ifs[0]
        value = next((_GEN.visit(x.rvalue) for x in node.iftrue.block_items if isinstance(x, c_ast.Assignment)
                      and _GEN.visit(x.lvalue) == d["target"]), None)
        if value is None:
            raise Unexecutable("the argmax/argmin guard does not assign its target")
        key = self._order_key(node)
        cmp = "<" if d["ties"] == "first" else ">"
        node.cond = c_ast.ID(f"({d['comparison']}) || (({value}) == {d['target']} && {key} {cmp} best_key_)")
        node.iftrue.block_items.append(c_ast.ID(f"best_key_ = {key}"))
        self.plan.preamble.append("long best_key_ = -1;")
        self.cases = [({}, False), ({"__ties__": 1}, False)]

    def _order_key(self, target: c_ast.Node) -> str:
        """The iteration order of the statement instance, as one number (outer loops, this one, inner)."""
        key = "0L"
        for x in _outer(self.result, self.info.id):
            key = f"({key} * 4096 + {self.result.program.loop(x).var})"
        key = f"({key} * 4096 + idx_)"
        for n in _walk(self.node.stmt):
            if isinstance(n, c_ast.For) and any(m is target for m in _walk(n.stmt)):
                if not (isinstance(n.next, c_ast.UnaryOp) and "++" in n.next.op):
                    raise Unexecutable("an inner loop of the argmax does not count up by one")
                key = f"({key} * 4096 + {self._head(n)[1]})"
        return key

    def _scan(self, d: dict) -> None:
        self.scan = d
        self.tol = True  # the contribution is summed on its own before it joins the running value

    def _scan_code(self) -> str:
        """A scan executed as a kernel would: the contributions e of `X = X' op e` for every iteration
        (permuted, with the statements before the update), the running values in iteration order,
        then the statements after the update (permuted) reading those values. An update inside an
        inner loop (s1119: a scan over i in every lane j) keeps one contribution per execution."""
        if any(a.kind not in ("scan", "induction_variable") for a in self.lv.actions):
            raise Unexecutable("a scan together with actions other than closed forms is not executed")
        d, body = self.scan, self.node.stmt
        stmts = self.result.program.statements
        found = [(st, n) for st, n in zip(stmts, self.walker.nodes) for u in self.result.program.updates
                 if u.stmt == st.name and u.target == d["target"] and self.info.id in st.loops]
        if len(found) != 1 or not isinstance(body, c_ast.Compound):
            raise Unexecutable("the scan's update is not one statement of this loop")
        st, node = found[0]
        k = next((j for j, item in enumerate(body.block_items) if any(m is node for m in _walk(item))), None)
        item = body.block_items[k] if k is not None else None
        inside = {id(m) for m in _walk(item)} if item is not None else set()
        if item is None or any(id(n) in inside and s2.position > st.position for s2, n in zip(stmts, self.walker.nodes)):
            raise Unexecutable("a statement follows the scan's update inside its inner loop")
        before, after = body.block_items[:k], body.block_items[k + 1:]
        declared = {n.name for x in [*before, item] for n in _walk(x) if isinstance(n, c_ast.Decl)}
        if any(isinstance(n, c_ast.ID) and n.name in declared for x in after for n in _walk(x)):
            raise Unexecutable("a scalar declared before the scan's update is read after it")
        ident = {"+": "0", "*": "1"}.get(d["op"])
        if ident is None or not isinstance(node, c_ast.Assignment):
            raise Unexecutable(f"a scan with {d['op']} is not executed")
        target, reads = d["target"], set(d.get("reads", []))
        contribution = copy.deepcopy(node.rvalue)
        if node.op == "=":
            for n in list(_walk(contribution)):
                for slot, child in n.children():
                    if _GEN.visit(child) in reads | {target}:
                        _replace(n, slot, c_ast.Constant("int", ident))
            if _GEN.visit(contribution) in reads | {target}:
                contribution = c_ast.Constant("int", ident)
            update = f"{target} = {sorted(reads)[0] if reads - {target} else target} {d['op']} E_[q_ * M_ + c_++]"
        else:
            update = f"{target} {node.op} E_[q_ * M_ + c_++]"
        scalar = target not in {a.text for a in self.result.program.accesses if not self._is_scalar(a.array)}
        head, var = self._head(self.node)
        phase_a = copy.deepcopy(self.node)
        phase_a.stmt = c_ast.Compound([c_ast.ID("int c_ = 0"), *copy.deepcopy(before),
                                       self._swapped(item, node, f"E_[idx_ * M_ + c_++] = ({_GEN.visit(contribution)})")])
        phase_c = copy.deepcopy(self.node)
        phase_c.stmt = c_ast.Compound(copy.deepcopy(after))
        if scalar:
            _rename(phase_c.stmt, target, "S_[idx_]")
        record = f" S_[q_] = {target};" if scalar else ""
        count = _GEN.visit(self._swapped(item, node, "c_++", alone=True))
        run = _GEN.visit(self._swapped(item, node, update, alone=True))
        return ("{\n" + "\n".join(self.plan.preamble)
                + f"\n  int nn_ = 0, M_ = 1; for ({head}) {{ int c_ = 0; {count} if (c_ > M_) M_ = c_; nn_++; }}\n"
                f"  double *E_ = malloc(sizeof(double) * (nn_ + 1) * M_), *S_ = malloc(sizeof(double) * (nn_ + 1));\n"
                + self._permuted(phase_a, first=False, last=False)
                + f"  {{ int q_ = 0; for ({head}) {{ int c_ = 0; {run}{record} q_++; }} }}\n"
                + self._permuted(phase_c, first=False, last=False)
                + "  free(E_); free(S_);\n  { int n_ = nn_; (void) n_;\n" + "\n".join(self.plan.post) + "}\n}\n")

    def _swapped(self, item: c_ast.Node, node: c_ast.Node, code: str, alone: bool = False) -> c_ast.Node:
        """A copy of `item` with the statement `node` replaced by `code`; with `alone`, every other
        statement of the model inside it is left out (the loops and conditions around it stay)."""
        marker = c_ast.ID(code)
        gone = [(n, *_parent(item, n)) for n in self.walker.nodes if alone and n is not node
                and any(m is n for m in _walk(item)) and not isinstance(n, c_ast.Decl) and _is_statement(item, n)]
        if item is node:
            return c_ast.Compound([marker])
        parent, slot = _parent(item, node)
        _replace(parent, slot, marker)
        for n, p, sl in gone:
            _replace(p, sl, c_ast.EmptyStatement())
        out = copy.deepcopy(item)
        for n, p, sl in gone:
            _replace(p, sl, n)
        _replace(parent, slot, node)
        return out

    def _is_scalar(self, name: str) -> bool:
        return name in self.result.program.scalars

    def _head(self, node: c_ast.For) -> tuple[str, str]:
        init = node.init
        var = init.decls[0].name if isinstance(init, c_ast.DeclList) else init.lvalue.name
        return f"{_GEN.visit(node.init)}; {_GEN.visit(node.cond)}; {_GEN.visit(node.next)}", var

    def _induction_variable(self, d: dict) -> None:
        if d.get("per_iteration") is None:
            raise Unexecutable(f"no per-iteration step of {d['var']}")
        step = d["per_iteration"] if _is_float(d["per_iteration"]) else _isl_to_c(d["per_iteration"], self._names())
        var = d["var"]
        kind = "double" if _is_float(step) else "long"
        self.plan.preamble.append(f"{kind} {var}_entry_ = {var};")
        self.plan.prefix.append(f"{var} = {var}_entry_ + ({step}) * (long) idx_;")
        self.plan.post.append(f"{var} = {var}_entry_ + ({step}) * (long) n_;")

    def _stream_compaction(self, d: dict) -> None:
        if "per_iteration" not in d:
            return self._counted(d["counter"])
        var, terms, final = d["counter"], [], []
        self.plan.preamble.append(f"long {var}_entry_ = {var};")
        for k, (cond, m) in enumerate(d["guarded"]):
            p = f"{var}_P{k}_"
            self.plan.preamble.append(
                f"long *{p} = malloc(sizeof(long) * (n_ + 1)); {p}[0] = 0;"
                f" for (int q_ = 0; q_ < n_; q_++) {{ int {self.info.var} = it_[q_]; {p}[q_ + 1] = {p}[q_] + (({cond}) ? 1 : 0); }}")
            self.plan.post.append(f"free({p});")
            terms.append(f" + {m} * {p}[idx_]")
            final.append(f" + {m} * {p}[n_]")
        self.plan.prefix.append(f"{var} = {var}_entry_ + {d['per_iteration']} * (long) idx_{''.join(terms)};")
        self.plan.post.insert(0, f"{var} = {var}_entry_ + {d['per_iteration']} * (long) n_{''.join(final)};")

    def _counted(self, var: str) -> None:
        """A counter bumped in inner loops (s343 over i): how far each iteration moves it, counted in
        iteration order by the loop with every other statement left out; each iteration starts
        from the exclusive prefix sum of those counts."""
        from analysis.patterns.compaction import _is_increment

        stmts = self.result.program.statements
        incs = [n for st, n in zip(stmts, self.walker.nodes) if self.info.id in st.loops and _is_increment(st.text, var)]
        others = [n for st, n in zip(stmts, self.walker.nodes) if self.info.id in st.loops and n not in incs
                  and not isinstance(n, c_ast.Decl) and _is_statement(self.node, n)]
        places = [(n, *_parent(self.node, n)) for n in others]
        for _, parent, slot in places:
            _replace(parent, slot, c_ast.EmptyStatement())
        only = copy.deepcopy(self.node.stmt)
        for n, parent, slot in places:
            _replace(parent, slot, n)
        _rename(only, var, f"{var}_c_")
        p = f"{var}_P_"
        self.plan.preamble.append(f"long {var}_entry_ = {var};")
        self.plan.preamble.append(
            f"long *{p} = malloc(sizeof(long) * (n_ + 1)); {p}[0] = 0;"
            f" for (int q_ = 0; q_ < n_; q_++) {{ int {self.info.var} = it_[q_]; long {var}_c_ = 0;"
            f" {_GEN.visit(only)} {p}[q_ + 1] = {p}[q_] + {var}_c_; }}")
        self.plan.prefix.append(f"{var} = {var}_entry_ + {p}[idx_];")
        self.plan.post.insert(0, f"{var} = {var}_entry_ + {p}[n_]; free({p});")

    def _scalar_expansion(self, d: dict) -> None:
        x = d["scalar"]
        ctype = _decl_type(self.main, x)
        priv = f"{x}_p_"
        _rename(self.node.stmt, x, priv)
        self._flag_writes(priv)
        if d.get("wraparound"):
            self._entry(x)
            init = self._previous(x, d.get("snapshot") or {})
        else:
            init = x
        self.plan.prefix.append(f"{ctype} {priv} = {init}; int {priv}w_ = 0;")
        self.plan.preamble.append(f"long {x}_last_ = -1;")
        self.plan.suffix.append(f"if ({priv}w_ && key_ > {x}_last_) {{ {x}_last_ = key_; {x} = {priv}; }}")

    def _previous(self, x: str, snapshot: dict) -> str:
        """x's value at the top of iteration idx_: its defining expression for the previous iteration,
        with the scalars that expression reads followed back the same way (s255: y = x = b[i-2]);
        arrays the loop writes come from the snapshots the claim names."""
        for a in snapshot:
            if a not in self.snaps:
                self.snaps[a] = self._snapshot_name(a)
        return self._scalar_at(x, 0, -1)

    def _definition(self, x: str) -> tuple[int, c_ast.Node] | None:
        found = [(st.position, n) for st, n in zip(self.result.program.statements, self.walker.nodes)
                 if self.info.id in st.loops and isinstance(n, c_ast.Assignment) and n.op == "="
                 and isinstance(n.lvalue, c_ast.ID) and n.lvalue.name in (x, f"{x}_p_")]
        if len(found) > 1:
            raise Unexecutable(f"scalar {x} has more than one definition in the loop")
        return found[0] if found else None

    def _entry(self, x: str) -> None:
        line = f"{_decl_type(self.main, x)} {x}_entry_ = {x};"
        if line not in self.plan.preamble:
            self.plan.preamble.append(line)

    def _eval(self, rvalue: c_ast.Node, k: int, pos: int) -> str:
        """The expression evaluated in iteration idx_ - k (before position `pos`)."""
        rv = copy.deepcopy(rvalue)
        inside = {st.name for st in self.result.program.in_loop(self.info.id)}
        written = {a.array for a in self.result.program.accesses if a.write and a.stmt in inside}
        scalars = set(self.result.program.scalars)
        for n in list(_walk(rv)):
            if not isinstance(n, c_ast.ID):
                continue
            name = n.name[:-3] if n.name.endswith("_p_") and n.name[:-3] in scalars else n.name
            if name == self.info.var:
                n.name = f"it_[idx_ - {k}]"
            elif name in scalars and name in written:
                n.name = f"({self._scalar_at(name, k, pos)})"
            elif name in self.snaps:  # an array the claim reads from its snapshot; any other is read live
                n.name = self.snaps[name]
        return _GEN.visit(rv)

    def _scalar_at(self, x: str, k: int, pos: int) -> str:
        """Scalar x read at position `pos` of iteration idx_ - k."""
        if k > 4:
            raise Unexecutable(f"wrap-around chain through {x} is too deep")
        found = self._definition(x)
        if found is None:
            return x
        dpos, node = found
        if dpos < pos:
            return self._eval(node.rvalue, k, dpos)
        self._entry(x)
        return f"((idx_ - {k}) <= 0 ? {x}_entry_ : ({self._eval(node.rvalue, k + 1, dpos)}))"

    def _snapshot_name(self, array: str) -> str:
        return self._snapshot(array, set())

    def _flag_writes(self, priv: str) -> None:
        """Every assignment to the private copy also raises its flag: the last writer in sequential
        order is the one whose value the loop leaves behind."""
        for n in list(_walk(self.node.stmt)):
            for slot, child in n.children():
                if not (isinstance(child, (c_ast.Assignment, c_ast.UnaryOp)) and
                        isinstance(getattr(child, "lvalue", getattr(child, "expr", None)), c_ast.ID) and
                        getattr(child, "lvalue", getattr(child, "expr", None)).name == priv):
                    continue
                if isinstance(child, c_ast.UnaryOp) and child.op not in ("++", "--", "p++", "p--"):
                    continue
                if not isinstance(n, (c_ast.Compound, c_ast.If)) or (isinstance(n, c_ast.If) and slot == "cond"):
                    raise Unexecutable(f"{priv[:-3]} is assigned inside an expression")
                flag = c_ast.Assignment("=", c_ast.ID(f"{priv}w_"), c_ast.Constant("int", "1"))
                _replace(n, slot, c_ast.Compound([child, flag]))

    def _privatise(self, d: dict) -> None:
        """Each iteration on its own copy of the array (taken when the loop starts); after it, the
        elements it wrote land unless a later iteration (in sequential order) wrote them too."""
        array = d["array"]
        spec = self.loop.array(array)
        ctype = "real_t" if spec.ctype == "real_t" else "int"
        n = " * ".join(f"({x})" for x in spec.dims)
        priv, orig, wrote, last = f"{array}_p_", f"{array}_o_", f"{array}_w_", f"{array}_l_"
        ptr = (lambda v: f"(*{v})[{spec.dims[1]}]") if len(spec.dims) == 2 else (lambda v: f"*{v}")
        self.plan.preamble.append(
            f"{ctype} {ptr(orig)} = malloc(sizeof({ctype}) * {n}); {ctype} {ptr(priv)} = malloc(sizeof({ctype}) * {n});"
            f" char *{wrote} = malloc({n}); int *{last} = malloc(sizeof(int) * {n});"
            f" for (long q_ = 0; q_ < {n}; q_++) {{ (({ctype} *) {orig})[q_] = (({ctype} *) {array})[q_]; {last}[q_] = -1; }}")
        self.plan.prefix.append(f"for (long q_ = 0; q_ < {n}; q_++) {{ (({ctype} *) {priv})[q_] = (({ctype} *) {orig})[q_];"
                                f" {wrote}[q_] = 0; }}")
        self.plan.suffix.append(f"for (long q_ = 0; q_ < {n}; q_++) if ({wrote}[q_] && idx_ > {last}[q_]) {{"
                                f" {last}[q_] = idx_; (({ctype} *) {array})[q_] = (({ctype} *) {priv})[q_]; }}")
        self.plan.post.append(f"free({orig}); free({priv}); free({wrote}); free({last});")
        _rename(self.node.stmt, array, priv)
        for n_ in list(_walk(self.node.stmt)):
            for slot, child in n_.children():
                if not (isinstance(child, c_ast.Assignment) and isinstance(child.lvalue, c_ast.ArrayRef)
                        and _base(child.lvalue) == priv):
                    continue
                if not isinstance(n_, (c_ast.Compound, c_ast.If)) or slot == "cond":
                    raise Unexecutable(f"a store to {array} inside an expression")
                subs = _subscripts(child.lvalue)
                flat = subs[0] if len(subs) == 1 else f"({subs[0]}) * ({spec.dims[1]}) + ({subs[1]})"
                mark = c_ast.ID(f"{wrote}[{flat}] = 1")
                _replace(n_, slot, c_ast.Compound([child, mark]))

    def _last_write_wins(self, d: dict) -> None:
        for isl_set in d["dead_stores"].values():
            stmt = isl_set[isl_set.index("{") + 1:].split("[", 1)[0].strip()
            node = self.walker.nodes[int(stmt[1:])]
            parent, slot = _parent(self.main, node)
            _replace(parent, slot, c_ast.If(c_ast.ID(f"!({_set_to_c(isl_set)})"), node, None))

    def _distribute(self, d: dict) -> None:
        self.order = d["order"]

    def _runtime_check(self, d: dict) -> None:
        """Both branches run: the record's value of the parameter, and 0 (the reduction branch)."""
        if "sequentially" in d["otherwise"]:
            raise Unexecutable(f"the {d['param']} == 0 branch is sequential and is not executed")
        self.cases = [({}, False), ({d["param"]: 0}, True)]

    def _index_set_split(self, d: dict) -> None:
        self.split = d

    def _split_code(self) -> str:
        """The two phases, one after the other, each permuted; a phase's snapshots are taken when it starts."""
        if any(a.kind in ("induction_variable", "stream_compaction", "privatise") or a.details.get("wraparound")
               for a in self.lv.actions):
            raise Unexecutable("a split together with counters, wrap-arounds or private arrays is not executed")
        d, var = self.split, self.info.var
        at = _isl_to_c(d["at"], [*self.result.program.params, var])
        parts = ["\n".join(self.plan.preamble)]
        for n, op in enumerate(("<", ">=")):
            node = copy.deepcopy(self.node)
            saved, self.node, self.plan.preamble, self.plan.post = (self.node, self.plan.preamble, self.plan.post), \
                node, [], []
            for array, refs in d["snapshot"][n].items():
                self._snapshot(array, set(refs))
            parts += [*self.plan.preamble, self._permuted(node, first=False, last=False, part=n << 40,
                                                            keep=f"{var} {op} ({at})"), *self.plan.post]
            self.node, self.plan.preamble, self.plan.post = saved
        return "{\n" + "\n".join([*parts, *self.plan.post]) + "}\n"

    def _names(self) -> list[str]:
        outer = [self.result.program.loop(x).var for x in _outer(self.result, self.info.id)]
        return [*self.result.program.params, *outer, self.info.var]

    # -- the C text -------------------------------------------------------------------------
    def c_text(self) -> str:
        self.order, self.split, self.scan = None, None, None
        for a in self.lv.actions:
            self.apply(a)
        parent, slot = _parent(self.main, self.node)
        if self.scan is not None:
            code = self._scan_code()
        elif self.split is not None:
            code = self._split_code()
        elif self.order is None:
            code = self._permuted(self.node)
        else:
            code = self._distributed(self.order)
        _replace(parent, slot, c_ast.ID(_HOLE))
        exts = self.walker.cfile.ast.ext[1:]
        out = "".join(_GEN.visit(e) + ("\n" if isinstance(e, c_ast.FuncDef) else ";\n") for e in exts)
        return HEADER + out.replace(_HOLE + ";", code, 1)

    def _distributed(self, order: list[list[str]]) -> str:
        stmts = self.result.program.statements
        movable = {st.name: n for st, n in zip(stmts, self.walker.nodes)
                   if self.info.id in st.loops and st.kind in ("assign", "call") and not isinstance(n, c_ast.Decl)}
        if any(a.kind in ("induction_variable", "stream_compaction", "privatise") or a.details.get("wraparound")
               for a in self.lv.actions):
            raise Unexecutable("distribution together with counters, wrap-arounds or private arrays is not executed")
        if self.lv.actions[-1].details.get("expanded"):
            raise Unexecutable("a scalar whose value crosses parts of the distribution is not executed")
        pos = {st.name: st.position for st in stmts}
        parts = ["\n".join(self.plan.preamble)]
        for comp in order:
            gone = [(n, *_parent(self.node, n)) for name, n in movable.items() if name not in comp]
            for n, parent, slot in gone:
                _replace(parent, slot, c_ast.EmptyStatement())
            parts.append(self._permuted(copy.deepcopy(self.node), first=False, last=False,
                                        part=max(pos[x] for x in comp)))
            for n, parent, slot in gone:
                _replace(parent, slot, n)
        return "{\n" + "\n".join([*parts, *self.plan.post]) + "}\n"

    def _permuted(self, node: c_ast.For, first: bool = True, last: bool = True, part: int = 0,
                  keep: str = "1") -> str:
        """The loop with its iterations permuted; `part` orders the parts of a distribution within one
        iteration (the textual position of the part's last statement) for the last-writer rule."""
        init = node.init
        if isinstance(init, c_ast.DeclList) and len(init.decls) == 1:
            var, declared = init.decls[0].name, True
        elif isinstance(init, c_ast.Assignment) and isinstance(init.lvalue, c_ast.ID):
            var, declared = init.lvalue.name, False
        else:
            raise Unexecutable("the loop has no simple iterator")
        head = f"{_GEN.visit(node.init)}; {_GEN.visit(node.cond)}; {_GEN.visit(node.next)}"
        body = _GEN.visit(node.stmt) if isinstance(node.stmt, c_ast.Compound) else "{ " + _GEN.visit(node.stmt) + "; }"
        line = self.info.line
        pre = "\n".join(self.plan.preamble) if first else ""
        post = "\n".join(self.plan.post) if last else ""
        return (
            f"{{ int n_ = 0;\n  for ({head}) if ({keep}) n_++;\n"
            f"  int *it_ = (int *) malloc(sizeof(int) * (n_ + 1)), *ord_ = (int *) malloc(sizeof(int) * (n_ + 1));\n"
            f"  n_ = 0;\n  for ({head}) if ({keep}) it_[n_++] = {var};\n"
            f"  for (int q_ = 0; q_ < n_; q_++) ord_[q_] = q_;\n"
            f"  tsvc_permute_(ord_, n_, 12345u + {line}u);\n"
            f"  {pre}\n"
            f"  for (int k_ = 0; k_ < n_; k_++) {{\n"
            f"    int idx_ = ord_[k_]; long key_ = (long) idx_ * 4096 + {part}L;\n"
            f"    {'int ' if declared else ''}{var} = it_[idx_];\n"
            f"    {' '.join(self.plan.prefix)}\n"
            f"    do {body} while (0);\n"
            f"    {' '.join(self.plan.suffix)}\n"
            f"  }}\n"
            f"  {post}\n"
            f"  free(it_); free(ord_);\n"
            + ("" if declared else f"  for ({head});\n")
            + "}\n"
        )


def _is_statement(root: c_ast.Node, node: c_ast.Node) -> bool:
    """`node` sits where a statement goes (a block item or an if/loop body), not inside an expression."""
    parent, slot = _parent(root, node)
    return isinstance(parent, c_ast.Compound) or (isinstance(parent, (c_ast.If, c_ast.For)) and slot in
                                                   ("iftrue", "iffalse", "stmt"))


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return "." in text or "e" in text


def _base(ref: c_ast.ArrayRef) -> str | None:
    while isinstance(ref, c_ast.ArrayRef):
        ref = ref.name
    return ref.name if isinstance(ref, c_ast.ID) else None


def _subscripts(ref: c_ast.ArrayRef) -> list[str]:
    out = []
    while isinstance(ref, c_ast.ArrayRef):
        out.append(_GEN.visit(ref.subscript))
        ref = ref.name
    return list(reversed(out))


def _outer(result: LoopAnalysis, loop_id: str) -> list[str]:
    chain, lp = [], result.program.loop(loop_id)
    while lp.parent is not None:
        chain.append(lp.parent)
        lp = result.program.loop(lp.parent)
    return list(reversed(chain))


def claim_c_text(loop: Loop, result: LoopAnalysis, lv: LoopVerdict) -> str:
    """The loop function with loop level `lv` rewritten by its actions and permuted; raises Unexecutable."""
    if not lv.verdict.startswith("parallel"):
        raise Unexecutable(f"{lv.verdict} is not a parallel claim")
    return Claim(loop, result, lv).c_text()


def unexecutable(loop: Loop, result: LoopAnalysis, lv: LoopVerdict) -> str | None:
    """Why the claim cannot be executed, or None (builds the C text, compiles nothing)."""
    try:
        claim_c_text(loop, result, lv)
    except Unexecutable as exc:
        return str(exc)
    return None

