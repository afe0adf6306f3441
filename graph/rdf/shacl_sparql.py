"""SHACL Core shapes compiled into SPARQL SELECT queries that return their violations.

Why: pyshacl walks the data graph in Python, focus node by focus node;
the same constraints as SPARQL run inside Oxigraph's engine. Each component follows its definition
in the SHACL recommendation (https://www.w3.org/TR/shacl/, section 4); a shapes graph using any
feature not listed in ``COMPONENTS``, ``SHAPE_KEYS`` or ``PATH_KEYS`` raises ``UnsupportedShapes``
naming it, at compile time, so that the caller validates with a complete engine instead (fail closed).

The queries read data as :mod:`graph.rdf.shacl_store` loads it: every typed literal other than an
xsd:string is stored under the datatype ``AS_WRITTEN`` + its datatype IRI. Oxigraph rewrites the
literals it recognises (``"05"^^xsd:nonNegativeInteger`` becomes ``"5"^^xsd:integer``, oxigraph#526)
while SHACL works on RDF terms as written: their datatype, their lexical form, their identity. The
queries restore the value (``_value``) where SHACL compares values.

Each ``Check`` has two forms: ``union_query`` validates the default graph (or the union of a
store's graphs), ``graph_query`` validates each named graph on its own and returns ``?g``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from graph.errors import TimelineKGError

from .nquads import quote, term_text

__all__ = ["AS_WRITTEN", "COMPONENTS", "Check", "UnsupportedShapes", "compile_shapes", "path_text", "stored_term"]

#: Prefix of the datatype IRI under which the store keeps a typed literal as written.
AS_WRITTEN = "urn:x-timeline-kg:as-written:"
# Datatype given to a literal whose lexical form is not in its datatype's lexical space, when its
# value is asked for: Oxigraph compares no literal of an unknown datatype, as SPARQL says of an
# ill-typed literal.
ILL_TYPED = "urn:x-timeline-kg:ill-typed"

#: Constraint parameter -> the component it belongs to (SHACL 4): what the compiler implements.
COMPONENTS = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent, SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent, SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent, SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent, SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent, SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["or"]: SH.OrConstraintComponent, SH["and"]: SH.AndConstraintComponent, SH["not"]: SH.NotConstraintComponent,
    SH.xone: SH.XoneConstraintComponent, SH.node: SH.NodeConstraintComponent,
}
#: Shape properties that are not constraints but are understood (sh:flags belongs to sh:pattern).
SHAPE_KEYS = {SH.path, SH.property, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode,
              SH.message, SH.deactivated, SH.severity, SH.flags}
PATH_KEYS = {SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath}
# Non-validating properties (SHACL 2.3.2): they change no result.
ANNOTATIONS = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue}
SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape, SH.PropertyGroup}
# sh:minCount / sh:maxCount inside sh:or, sh:node...: n distinct values are n joined triple patterns
# (a SPARQL subquery cannot see the outer focus node), so n stays small.
MAX_NESTED_COUNT = 3

_TYPE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"  # SHACL instance: rdf:type/rdfs:subClassOf* (SHACL 1.5)
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# parameter -> (the SPARQL comparison every value must pass, the default message)
_COMPARISONS = {SH.minInclusive: ("{c} <= {v}", "value is not >= {c}"), SH.minExclusive: ("{c} < {v}", "value is not > {c}"),
                SH.maxInclusive: ("{v} <= {c}", "value is not <= {c}"), SH.maxExclusive: ("{v} < {c}", "value is not < {c}")}


def _regex(pattern: str) -> str:
    return f"REGEX({{lex}}, {quote(pattern)})"


def _cast(datatype: URIRef) -> str:
    # Oxigraph's casts parse the XSD 1.1 lexical forms (and check the day exists in the month).
    return f"COALESCE(isLiteral(<{datatype}>({{lex}})), false)"


def _bounded(low: int, high: int) -> str:
    return (f"(REGEX({{lex}}, \"^[+-]?[0-9]+$\") && "
            f"COALESCE({low} <= <{XSD.integer}>({{lex}}) && <{XSD.integer}>({{lex}}) <= {high}, false))")


_FLOATING = r"^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$"
#: Datatype -> SPARQL test that the lexical form ``{lex}`` is in its lexical space (XSD 1.1 part 2):
#: the datatypes sh:datatype accepts. The integer types are checked by pattern, not by cast, since
#: Oxigraph's integers stop at 64 bits and XSD's do not.
LEXICAL_SPACES = {
    XSD.string: "true", RDF.langString: "true", XSD.anyURI: "true",
    XSD.boolean: _regex("^(true|false|1|0)$"),
    XSD.decimal: _regex(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"),
    XSD.integer: _regex("^[+-]?[0-9]+$"),
    XSD.nonNegativeInteger: _regex(r"^(\+?[0-9]+|-0+)$"),
    XSD.positiveInteger: _regex(r"^\+?0*[1-9][0-9]*$"),
    XSD.nonPositiveInteger: _regex(r"^(-[0-9]+|\+?0+)$"),
    XSD.negativeInteger: _regex("^-0*[1-9][0-9]*$"),
    XSD.long: _bounded(-2 ** 63, 2 ** 63 - 1), XSD.int: _bounded(-2 ** 31, 2 ** 31 - 1),
    XSD.short: _bounded(-2 ** 15, 2 ** 15 - 1), XSD.byte: _bounded(-128, 127),
    XSD.unsignedInt: _bounded(0, 2 ** 32 - 1), XSD.unsignedShort: _bounded(0, 2 ** 16 - 1),
    XSD.unsignedByte: _bounded(0, 255),
    XSD.double: _regex(_FLOATING), XSD.float: _regex(_FLOATING),
    XSD.date: _cast(XSD.date), XSD.dateTime: _cast(XSD.dateTime), XSD.time: _cast(XSD.time),
}


class UnsupportedShapes(TimelineKGError):
    """The shapes use a SHACL feature the compiler does not implement ("sh:sparql (shape ...): ...")."""

    def __init__(self, feature: str, shape: Node | None = None) -> None:
        self.feature = feature
        where = f" (shape {shape.n3()})" if shape is not None else ""
        super().__init__(f"{feature}{where}: not compiled to SPARQL; validate with pyshacl instead")


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as queries whose rows (``?focus``, ``?value`` when the component
    reports one, ``?g`` in ``graph_query``) are its validation results."""

    shape: Node
    component: URIRef
    path: str  # the result path as text (``path_text``); "" for a node shape's own constraints
    messages: tuple[str, ...]
    union_query: str
    graph_query: str

    def query(self, *, each_graph: bool = False, subclasses: bool = True) -> str:
        """``graph_query`` (``each_graph``) or ``union_query``. Without ``subclasses`` (data that
        states no ``rdfs:subClassOf``), an instance of a class is what is typed with it: the same
        results, without a property path that costs a fifth of the checks' time."""
        query = self.graph_query if each_graph else self.union_query
        return query if subclasses else query.replace(_TYPE, f"<{RDF.type}>")


@dataclass(frozen=True)
class _Constraint:
    component: URIRef
    message: str  # the default message, when the shape has no sh:message
    # focus variable -> (a group pattern with one solution per violation, the value node's variable)
    violations: Callable[[str], tuple[str, str | None]]
    count: tuple[str, int] | None = None  # sh:minCount ("<", n) / sh:maxCount (">", n)
    path: str | None = None


def compile_shapes(shapes: Graph) -> tuple[Check, ...]:
    """Every constraint of every shape with a target in ``shapes``, as SPARQL queries.

    Raises
    ------
    UnsupportedShapes
        When ``shapes`` use a feature the compiler does not implement, named in the message.

    Examples
    --------
    >>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ...   <urn:S> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ] .''')
    >>> [(str(c.component).split("#")[1], c.path) for c in compile_shapes(shapes)]
    [('MinCountConstraintComponent', 'urn:p')]
    """
    _refuse_unknown_terms(shapes)
    return tuple(_Compiler(shapes).checks())


def stored_term(term: Node) -> str:
    r"""``term`` in N-Triples (and SPARQL) syntax as the validation store holds it.

    >>> stored_term(Literal("05", datatype=XSD.nonNegativeInteger, normalize=False))
    '"05"^^<urn:x-timeline-kg:as-written:http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'
    >>> stored_term(Literal('say "hi"\n'))
    '"say \\"hi\\"\\n"'
    """
    return term_text(term, AS_WRITTEN)


def path_text(graph: Graph, path: Node) -> str:
    """A SHACL path as report lines show it: the IRI of a predicate path, else the SPARQL property path
    (``^<http://x/p>``, ``(<http://x/p>/<http://x/q>)``)."""
    return str(path) if isinstance(path, URIRef) else _sparql_path(graph, path)


def _iri(term: Node, shape: Node | None = None) -> str:
    if not isinstance(term, URIRef):
        raise UnsupportedShapes(f"{term.n3()} where an IRI is expected", shape)
    if any(char in '<>"{}|^`\\' or ord(char) <= 0x20 for char in term):
        raise UnsupportedShapes(f"IRI {str(term)!r} that SPARQL cannot write", shape)
    return f"<{term}>"


# Integer types Oxigraph parses as xsd:integer without checking their range ("-5" as an
# xsd:nonNegativeInteger compares as -5): _value checks the range itself, by a cast (a REGEX per
# value tripled the time of sh:lessThan). Oxigraph's other parsers accept only their lexical space.
_RANGES = {XSD.nonNegativeInteger: (0, None), XSD.positiveInteger: (1, None), XSD.nonPositiveInteger: (None, 0),
           XSD.negativeInteger: (None, -1), XSD.long: (-2 ** 63, 2 ** 63 - 1), XSD.int: (-2 ** 31, 2 ** 31 - 1),
           XSD.short: (-2 ** 15, 2 ** 15 - 1), XSD.byte: (-128, 127), XSD.unsignedInt: (0, 2 ** 32 - 1),
           XSD.unsignedShort: (0, 2 ** 16 - 1), XSD.unsignedByte: (0, 255)}


def _value(var: str) -> str:
    """The SPARQL expression of the value of the term in ``var``: a literal stored as written gets its
    datatype back, unless its value is out of its datatype's range (then SPARQL comparisons fail on
    it, as on any ill-typed literal); any other term is itself."""
    datatype = f"DATATYPE({var})"
    number = f"<{XSD.integer}>(STR({var}))"
    in_range = "true"
    for name, (low, high) in _RANGES.items():  # nested IFs: Oxigraph evaluates both sides of ||
        bounds = ([f"{low} <= {number}"] if low is not None else []) + ([f"{number} <= {high}"] if high is not None else [])
        in_range = f"IF(sameTerm({datatype}, <{AS_WRITTEN}{name}>), COALESCE({' && '.join(bounds)}, false), {in_range})"
    return (f'IF(isLiteral({var}) && STRSTARTS(STR({datatype}), "{AS_WRITTEN}"), STRDT(STR({var}), '
            f'IF({in_range}, IRI(STRAFTER(STR({datatype}), "{AS_WRITTEN}")), <{ILL_TYPED}>)), {var})')


def _sparql_path(graph: Graph, path: Node, shape: Node | None = None) -> str:
    """The SPARQL property path of a SHACL path (SHACL 2.3.1)."""
    if isinstance(path, URIRef):
        return _iri(path, shape)
    if not isinstance(path, BNode):
        raise UnsupportedShapes(f"sh:path {path.n3()}", shape)
    if graph.value(path, RDF.first) is not None:
        steps = [_sparql_path(graph, step, shape) for step in Collection(graph, path)]
        if len(steps) < 2:
            raise UnsupportedShapes("a sequence path of fewer than two steps", shape)
        return "(" + "/".join(steps) + ")"
    keys = {p for p in graph.predicates(path, None)}
    if len(keys) != 1 or not keys <= PATH_KEYS:
        raise UnsupportedShapes(f"path with {', '.join(sorted(graph.qname(k) for k in keys)) or 'no key'}", shape)
    key = keys.pop()
    inner = graph.value(path, key)
    if key == SH.alternativePath:
        return "(" + "|".join(_sparql_path(graph, step, shape) for step in Collection(graph, inner)) + ")"
    operator = {SH.inversePath: "^{}", SH.zeroOrMorePath: "{}*", SH.oneOrMorePath: "{}+", SH.zeroOrOnePath: "{}?"}
    return operator[key].format("(" + _sparql_path(graph, inner, shape) + ")")


def _refuse_unknown_terms(shapes: Graph) -> None:
    """Raise UnsupportedShapes on the first SHACL term (or owl:imports) the compiler does not know."""
    known = set(COMPONENTS) | SHAPE_KEYS | PATH_KEYS | ANNOTATIONS
    for subject, predicate, value in shapes:
        if predicate == OWL.imports:
            raise UnsupportedShapes("owl:imports", subject)
        if str(predicate).startswith(str(SH)) and predicate not in known:
            raise UnsupportedShapes(shapes.qname(predicate), subject)
        if predicate == RDF.type and str(value).startswith(str(SH)) and value not in SHAPE_TYPES:
            raise UnsupportedShapes(f"rdf:type {shapes.qname(value)}", subject)
        if predicate == SH.severity and value != SH.Violation:
            raise UnsupportedShapes(f"sh:severity {value.n3()}", subject)
        if predicate == SH.deactivated and not (isinstance(value, Literal) and value.datatype == XSD.boolean):
            raise UnsupportedShapes(f"sh:deactivated {value.n3()}", subject)


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._names = itertools.count()
        self._open: list[Node] = []  # shapes being expanded into a nested condition: a cycle is refused

    def checks(self) -> Iterator[Check]:
        g = self.shapes
        targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
                    for s in g.subjects(p, None)}
        targeted |= {s for s in g.subjects(RDF.type, RDFS.Class) if self._is_shape(s)}  # implicit class targets
        for shape in sorted(targeted, key=lambda s: s.n3()):
            if self._deactivated(shape):
                continue
            target = self._target(shape)
            for source in (shape, *self._property_shapes(shape)):
                if self._deactivated(source):
                    continue
                messages = tuple(sorted(str(m) for m in g.objects(source, SH.message)))
                path = g.value(source, SH.path)
                shown = "" if path is None else path_text(g, path)
                for constraint in self._constraints(source):
                    union, per_graph = self._queries(constraint, target)
                    yield Check(source, constraint.component, shown, messages or (constraint.message,),
                                union, per_graph)

    def _is_shape(self, node: Node) -> bool:
        g = self.shapes
        return any(t in (SH.NodeShape, SH.PropertyShape) for t in g.objects(node, RDF.type)) or any(
            p in COMPONENTS or p in (SH.path, SH.property) for p in g.predicates(node, None))

    def _deactivated(self, shape: Node) -> bool:
        return any(value.toPython() is True for value in self.shapes.objects(shape, SH.deactivated))

    def _var(self, stem: str) -> str:
        return f"?{stem}{next(self._names)}"

    def _target(self, shape: Node) -> str:
        """A group pattern binding ``?focus`` to each focus node of ``shape`` (SHACL 2.1.3)."""
        g = self.shapes
        groups = [f"{{ ?focus {_TYPE} {_iri(c, shape)} }}" for c in g.objects(shape, SH.targetClass)]
        if (shape, RDF.type, RDFS.Class) in g:
            groups.append(f"{{ ?focus {_TYPE} {_iri(shape, shape)} }}")
        groups += [f"{{ ?focus {_iri(p, shape)} [] }}" for p in g.objects(shape, SH.targetSubjectsOf)]
        groups += [f"{{ [] {_iri(p, shape)} ?focus }}" for p in g.objects(shape, SH.targetObjectsOf)]
        groups += [f"{{ VALUES ?focus {{ {self._constant(n, shape)} }} }}" for n in g.objects(shape, SH.targetNode)]
        return " UNION ".join(sorted(groups))

    def _constant(self, term: Node, shape: Node) -> str:
        if isinstance(term, BNode):
            raise UnsupportedShapes("a blank node as a constraint or target value", shape)
        return _iri(term, shape) if isinstance(term, URIRef) else stored_term(term)

    def _property_shapes(self, shape: Node) -> list[Node]:
        children = sorted(self.shapes.objects(shape, SH.property), key=lambda s: s.n3())
        if children and self.shapes.value(shape, SH.path) is not None:
            raise UnsupportedShapes("sh:property on a property shape", shape)
        return children

    def _queries(self, constraint: _Constraint, target: str) -> tuple[str, str]:
        """The union and per-graph SELECT queries of one top-level constraint."""
        if constraint.count is not None:
            operator, n = constraint.count
            inner = f"{target} OPTIONAL {{ ?focus {constraint.path} ?value }}"
            counted = "(COUNT(DISTINCT ?value) AS ?count)"
            return (f"SELECT ?focus WHERE {{ {{ SELECT ?focus {counted} WHERE {{ {inner} }} GROUP BY ?focus }} "
                    f"FILTER (?count {operator} {n}) }}",
                    f"SELECT ?g ?focus WHERE {{ {{ SELECT ?g ?focus {counted} WHERE {{ GRAPH ?g {{ {inner} }} }} "
                    f"GROUP BY ?g ?focus }} FILTER (?count {operator} {n}) }}")
        pattern, value = constraint.violations("?focus")
        projected = f"?focus ({value} AS ?value)" if value else "?focus"
        return (f"SELECT DISTINCT {projected} WHERE {{ {target} {pattern} }}",
                f"SELECT DISTINCT ?g {projected} WHERE {{ GRAPH ?g {{ {target} {pattern} }} }}")

    def _violated(self, shape: Node, focus: str) -> str:
        """A SPARQL expression true when the node in ``focus`` does not conform to ``shape``."""
        if shape in self._open:
            raise UnsupportedShapes("a shape that refers to itself", shape)
        if self._deactivated(shape):
            return "false"
        self._open.append(shape)
        try:
            parts = [self._condition(constraint, focus)
                     for source in (shape, *self._property_shapes(shape)) if not self._deactivated(source)
                     for constraint in self._constraints(source)]
        finally:
            self._open.pop()
        return "(" + " || ".join(parts) + ")" if parts else "false"

    def _condition(self, constraint: _Constraint, focus: str) -> str:
        if constraint.count is None:
            pattern, _ = constraint.violations(focus)
            return f"EXISTS {{ {pattern} }}"
        operator, n = constraint.count
        wanted = n if operator == "<" else n + 1  # fewer than n values / at least n + 1 values
        if wanted > MAX_NESTED_COUNT:
            raise UnsupportedShapes(f"a count of {n} inside sh:or, sh:and, sh:xone, sh:not or sh:node")
        if wanted == 0:
            return "false"
        values = [self._var("n") for _ in range(wanted)]
        triples = " ".join(f"{focus} {constraint.path} {v} ." for v in values)
        distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(values, 2))
        found = f"{triples} FILTER ({distinct})" if distinct else triples
        return f"{'NOT EXISTS' if operator == '<' else 'EXISTS'} {{ {found} }}"

    def _constraints(self, shape: Node) -> list[_Constraint]:
        """The constraints of ``shape`` itself (not of its sh:property shapes), in a stable order."""
        g = self.shapes
        paths = list(g.objects(shape, SH.path))
        if len(paths) > 1:
            raise UnsupportedShapes("several sh:path values", shape)
        path = _sparql_path(g, paths[0], shape) if paths else None
        found = []
        for parameter, value in sorted(g.predicate_objects(shape), key=lambda pv: (pv[0], pv[1].n3())):
            if parameter in COMPONENTS:
                found.append(self._constraint(shape, path, parameter, value))
        return found

    def _constraint(self, shape: Node, path: str | None, parameter: URIRef, value: Node) -> _Constraint:
        g = self.shapes
        component = COMPONENTS[parameter]
        shown = value.n3(g.namespace_manager)

        def each_value(test: Callable[[str, str], str]) -> Callable[[str], tuple[str, str]]:
            # the pattern finding each value node (the focus node itself for a node shape) failing test
            def violations(focus: str) -> tuple[str, str]:
                if path is None:
                    return test(focus, focus), focus
                v = self._var("v")
                return f"{focus} {path} {v} . {test(focus, v)}", v
            return violations

        def member_shapes() -> list[Node]:
            if value != RDF.nil and (not isinstance(value, BNode) or g.value(value, RDF.first) is None):
                raise UnsupportedShapes(f"{g.qname(parameter)} whose value is not a list", shape)
            return list(Collection(g, value))

        if parameter in (SH.minCount, SH.maxCount):
            if path is None:
                raise UnsupportedShapes(f"{g.qname(parameter)} on a node shape", shape)
            n = _count(value, parameter, shape)
            fewer = parameter == SH.minCount
            return _Constraint(component, f"{'fewer' if fewer else 'more'} than {n} values", lambda f: ("", None),
                               count=("<" if fewer else ">", n), path=path)
        if parameter == SH["class"]:
            test = each_value(lambda f, v: f"FILTER NOT EXISTS {{ {v} {_TYPE} {_iri(value, shape)} }}")
            return _Constraint(component, f"value is not an instance of {shown}", test)
        if parameter == SH.datatype:
            lexical = LEXICAL_SPACES.get(value)
            if lexical is None:
                raise UnsupportedShapes(f"sh:datatype {shown} (no lexical space check)", shape)
            stored = value if value in (XSD.string, RDF.langString) else URIRef(AS_WRITTEN + value)
            test = each_value(lambda f, v: f"FILTER (!(isLiteral({v}) && sameTerm(DATATYPE({v}), {_iri(stored)}) "
                                           f"&& {lexical.format(lex=f'STR({v})')}))")
            return _Constraint(component, f"value is not a well-formed literal of datatype {shown}", test)
        if parameter == SH.nodeKind:
            if value not in _NODE_KINDS:
                raise UnsupportedShapes(f"sh:nodeKind {shown}", shape)
            test = each_value(lambda f, v: f"FILTER (!{_NODE_KINDS[value].format(v=v)})")
            return _Constraint(component, f"value is not of node kind {shown}", test)
        if parameter in _COMPARISONS:
            if not isinstance(value, Literal):
                raise UnsupportedShapes(f"{g.qname(parameter)} {shown} (not a literal)", shape)
            bound = f"{quote(str(value))}^^<{value.datatype or XSD.string}>"  # a value, not stored as written
            comparison, message = _COMPARISONS[parameter]
            test = each_value(lambda f, v: f"FILTER (!COALESCE({comparison.format(c=bound, v=_value(v))}, false))")
            return _Constraint(component, message.format(c=value), test)
        if parameter in (SH.minLength, SH.maxLength):
            n = _count(value, parameter, shape)
            operator = ">=" if parameter == SH.minLength else "<="
            test = each_value(lambda f, v: f"FILTER (isBlank({v}) || !COALESCE(STRLEN(STR({v})) {operator} {n}, false))")
            return _Constraint(component, f"value is {'shorter' if operator == '>=' else 'longer'} than {n} characters",
                               test)
        if parameter == SH.pattern:
            flags = g.value(shape, SH.flags)
            arguments = quote(str(value)) + ("" if flags is None else ", " + quote(str(flags)))
            _check_regex(arguments, shape)
            test = each_value(lambda f, v: f"FILTER (isBlank({v}) || !COALESCE(REGEX(STR({v}), {arguments}), false))")
            return _Constraint(component, f"value does not match pattern {value}", test)
        if parameter == SH["in"]:
            members = [self._constant(m, shape) for m in member_shapes()]
            test = each_value(lambda f, v: "FILTER (!(" + (" || ".join(f"sameTerm({v}, {m})" for m in members)
                                                           or "false") + "))")
            return _Constraint(component, f"value is not in ({' '.join(members)})", test)
        if parameter == SH.hasValue:
            wanted = self._constant(value, shape)

            def missing(f: str) -> tuple[str, None]:
                if path is None:
                    return f"FILTER (!sameTerm({f}, {wanted}))", None
                return f"FILTER NOT EXISTS {{ {f} {path} {wanted} }}", None
            return _Constraint(component, f"missing the value {shown}", missing)
        if parameter in (SH.lessThan, SH.lessThanOrEquals):
            if path is None:
                raise UnsupportedShapes(f"{g.qname(parameter)} on a node shape", shape)
            operator = "<" if parameter == SH.lessThan else "<="
            other = _iri(value, shape)

            def pairs(f: str, v: str) -> str:
                o = self._var("o")
                return f"{f} {other} {o} . FILTER (!COALESCE({_value(v)} {operator} {_value(o)}, false))"
            return _Constraint(component, f"value is not {operator} the value of {shown}", each_value(pairs))
        if parameter in (SH["or"], SH["and"], SH.xone):
            members = member_shapes()
            if parameter == SH["or"]:  # no member conforms
                test = each_value(lambda f, v: "FILTER (" + (" && ".join(self._violated(m, v) for m in members)
                                                             or "true") + ")")
                return _Constraint(component, "value conforms to none of the sh:or shapes", test)
            if parameter == SH["and"]:  # some member does not conform
                test = each_value(lambda f, v: "FILTER (" + (" || ".join(self._violated(m, v) for m in members)
                                                             or "false") + ")")
                return _Constraint(component, "value does not conform to every sh:and shape", test)
            test = each_value(lambda f, v: "FILTER ((0" + "".join(f" + IF({self._violated(m, v)}, 0, 1)"
                                                                  for m in members) + ") != 1)")
            return _Constraint(component, "value does not conform to exactly one sh:xone shape", test)
        if parameter == SH["not"]:
            test = each_value(lambda f, v: f"FILTER (!{self._violated(value, v)})")
            return _Constraint(component, f"value conforms to the shape {shown}", test)
        test = each_value(lambda f, v: f"FILTER ({self._violated(value, v)})")  # sh:node
        return _Constraint(component, f"value does not conform to the shape {shown}", test)


def _count(value: Node, parameter: URIRef, shape: Node) -> int:
    number = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise UnsupportedShapes(f"{parameter.n3()} {value.n3()} (not a non-negative integer)", shape)
    return number


def _check_regex(arguments: str, shape: Node) -> None:
    """Refuse a pattern or flags Oxigraph's REGEX rejects: in a query it would be an error, no violation."""
    rows = list(ox.Store().query(f'SELECT (COALESCE(REGEX("", {arguments}), "bad") AS ?ok) WHERE {{}}'))
    if rows[0]["ok"].value == "bad":
        raise UnsupportedShapes(f"sh:pattern {arguments} that SPARQL REGEX rejects", shape)
