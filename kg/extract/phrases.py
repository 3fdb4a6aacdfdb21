"""Concept phrases no lexicon lists, found by the shape of the sentence around them.

Patterns common in ML titles and abstracts:
- problem gerunds: "Solving High-Dimensional PDEs ...", "the problem of learning hierarchical
  polynomials", "an approach to solving ODEs": a problem-solving verb in -ing plus its object;
- title templates: "<method> for <task>", "<task> with/using/via <method>";
- purposes and uses: "used for optimal control", "an application to DP classification";
- head-noun phrases: a specific modifier run before a method or task head noun ("spectral mixture
  kernel", "fluid dynamics simulations", "quantized neural networks");
- kind nouns: "the gradient regularization technique", "QNN-based methods".
Without a part-of-speech tagger, phrase boundaries come from closed-class words (determiners,
prepositions, pronouns, auxiliaries), punctuation and a list of frequent abstract verbs; a word
right after a modal or an infinitive "to" is taken as a verb by its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from kg.extract.candidates import METHOD, TASK, Candidate, add_candidates, candidates_of
from kg.extract.gazetteer import plural
from kg.extract.heads import METHOD_HEADS, TASK_HEADS, WEAK_HEADS, is_shaped_name, type_by_head
from kg.extract.lexicon import GENERIC_TERMS, GENERIC_WORDS, concept_key, singular
from kg.extract.tokens import TokenTable, Words, WordTest, sentence_bounds, title_end, token_table

PROBLEM_GERUNDS: Final = frozenset(
    """solving approximating learning estimating predicting computing simulating forecasting
    detecting classifying generating reconstructing identifying recovering measuring interpreting
    studying modeling modelling discovering inferring segmenting tracking ranking recommending
    translating answering summarizing optimizing maximizing minimizing sampling explaining
    characterizing quantifying understanding verifying""".split()
)
CLOSED_CLASS: Final = frozenset(
    """a an the this that these those its their our his her my your we they it he she i you
    which who whom whose what where when while whereas although though because since if unless
    than then thus hence therefore however moreover furthermore also only even just very more most
    much many such both either neither each every all any some no not nor and or but as at by for
    from in into of off on onto out over per to under until up upon via with within without across
    after against along among around before behind below beneath beside between beyond during
    except inside near outside since through toward towards is are was were be been being am has
    have had having do does did can could may might must shall should will would one two three
    several various other others own same so too here there how why whether yet e.g. i.e. e.g i.e
    etc etc. cf. vs vs. viz""".split()
)
FREQUENT_VERBS: Final = frozenset(
    """use uses used propose proposes proposed introduce introduces introduced present presents
    presented develop develops developed apply applies applied employ employs employed train trains
    trained achieve achieves achieved outperform outperforms outperformed show shows showed shown
    demonstrate demonstrates demonstrated study studies studied consider considers considered
    analyze analyzes analyzed analyse analyses analysed improve improves improved enable enables
    enabled provide provides provided require requires required leverage leverages leveraged yield
    yields yielded obtain obtains obtained combine combines combined extend extends extended
    design designs designed build builds built construct constructs constructed allow allows
    allowed make makes made perform performs performed evaluate evaluates evaluated compare
    compares compared reduce reduces reduced increase increases increased solve solves solved
    estimate estimates estimated predict predicts predicted address addresses addressed focus
    focuses focused based called named termed known leads lead led remains remain become becomes
    find finds found give gives given take takes taken capture captures captured describe
    describes described learn learns learned learnt suggest suggests suggested prove proves proved
    establish establishes established derive derives derived offer offers offered exhibit exhibits
    exhibited explore explores explored investigate investigates investigated achieve relies rely
    tailored motivated inspired via using accelerating improving enhancing enabling rethinking
    revisiting unifying unify bridging closing going applying preserving leveraging scaling
    achieving beyond towards toward""".split()
)
EVALUATIVE: Final = frozenset(
    """novel new efficient simple standard general generic high-quality low-cost fast faster
    accurate powerful popular existing proposed recent modern typical conventional traditional
    effective robust scalable flexible principled improved better best key main first second
    different similar certain specific particular important significant strong weak good large
    small whole entire another further unlike corresponding previous current competing largest
    complex related limited usual common customary revised adjusted customized detailed thorough consistent
    sophisticated explicit classic precise resulting chosen practical successful individual basic
    nontrivial unknown real low-cost cheap expensive
    widely used well-known famous celebrated vanilla plain naive large-scale small-scale
    high-capacity low-capacity high-performance state-of-the-art pre-trained pretrained
    fine-tuned""".split()
)
TITLE_SPLITTERS: Final = frozenset(
    {"for", "with", "via", "using", "by", "through", "from", "in", "on", "under", "as"}
)
MAX_MODIFIERS: Final = 4
# Problem verbs end a modifier run ("solving linear systems"), except those that are also nouns.
_NOUN_GERUNDS: Final = frozenset(
    {"learning", "sampling", "modeling", "modelling", "computing", "ranking", "training"}
)
_GERUND_BOUNDARIES: Final = PROBLEM_GERUNDS - _NOUN_GERUNDS


def is_boundary_word(lexeme: Lexeme) -> bool:
    """A word that cannot be inside a concept phrase (a lone hyphen or slash joins words)."""
    lower = lexeme.lower_
    if lexeme.is_punct and lower not in ("-", "/"):
        return True
    if lexeme.is_space or (lexeme.like_num and not lower[:1].isdigit()):
        return True
    return lower in CLOSED_CLASS or lower in FREQUENT_VERBS or (lower.endswith("ly") and len(lower) > 4)


_IS_BOUNDARY: Final = WordTest(is_boundary_word)


def is_boundary(doc: Doc, index: int) -> bool:
    """``is_boundary_word`` for token ``index``."""
    return _IS_BOUNDARY(token_table(doc), index)


def is_joiner(table: TokenTable, index: int) -> bool:
    """A hyphen or slash written inside a word ("physics-informed", "input/output")."""
    return (  # the offset comparisons first: most tokens have a space before or after them
        index > 0
        and table.glued_to_next(index - 1)
        and table.glued_to_next(index)
        and table.token_text(index) in ("-", "/")
    )


def modifier_start(doc: Doc, head: int, floor: int) -> int:
    """Walk left from ``head`` over up to MAX_MODIFIERS words that can modify it."""
    table = token_table(doc)
    start = head
    words = 0
    while start > floor:
        if is_joiner(table, start - 1) and start - 1 > floor:
            start -= 2  # the hyphen and the word before it belong to the same compound word
            continue
        previous = start - 1
        # a verb glued into a compound modifier ("score-based") is part of it
        glued = previous - 1 > floor and is_joiner(table, previous - 1)
        glued = glued and table.lower_text(previous) in FREQUENT_VERBS
        if (is_boundary(doc, previous) and not glued) or words >= MAX_MODIFIERS:
            break
        if table.lower_text(previous) in _GERUND_BOUNDARIES:
            break
        start -= 1
        words += 1
    while start < head:  # drop leading verbs and vague words ("showing", "high-capacity")
        if is_leading_verb(table, start) or follows_verb_marker(table, start):
            start += 1
        elif (kept := without_vague_words(doc, start, head)) > start:
            start = kept
        else:
            break
    return start


def is_leading_verb(table: TokenTable, index: int) -> bool:
    """An -ing word opening a run is a verb ("showing", "fitting"), unless hyphen-bound."""
    word = table.lower_text(index)
    glued = is_joiner(table, index + 1) if index + 1 < len(table.starts) else False
    return word.endswith("ing") and not glued and word not in _NOUN_GERUNDS


# After a modal or an auxiliary "do" comes a verb ("can mimic Gaussian processes"); so after "to"
# when a verb or adjective before it takes an infinitive ("learning to optimize", "able to rival").
VERB_MARKERS: Final = Words("can cannot could may might must shall should will would do does did".split())
INFINITIVE_TAKERS: Final = Words(
    """learn learning learns learned how able unable aim aims aiming order seek seeks need needs
    try tries trying want wants attempt attempts strive strives""".split()
)


def follows_verb_marker(table: TokenTable, index: int) -> bool:
    """The word at ``index`` is a verb by its place: right after a modal ("can rival backprop"),
    after an infinitive "to" that a verb takes ("Learning to Optimize ..."), or a participle
    right after an adverb ("commonly adopted end-to-end neural operator")."""
    if index == 0:
        return False
    if table.is_in(index - 1, VERB_MARKERS):
        return True
    if table.is_word(index - 1, "to"):
        return index > 1 and table.is_in(index - 2, INFINITIVE_TAKERS)
    if not is_adverb(table.token_text(index - 1)):
        return False
    marker = index - 2  # past the adverb: "can near-perfectly mimic"
    while marker > max(0, index - 6) and (
        is_adverb(table.token_text(marker)) or is_joiner(table, marker) or is_joiner(table, marker + 1)
    ):
        marker -= 1
    if table.is_in(marker, VERB_MARKERS):
        return True
    glued = index + 1 < len(table.starts) and is_joiner(table, index + 1)
    return table.lower_text(index).endswith("ed") and not glued


def is_adverb(word: str) -> bool:
    return word.lower().endswith("ly") and len(word) > 4


def is_specific(text: str) -> bool:
    """At least one word that is neither generic nor evaluative, and not a generic term as a whole."""
    key = concept_key(text)
    words = key.split()
    if key in GENERIC_TERMS or len(words) < 2:
        return False
    if words[-1] not in GENERIC_WORDS and words[0] not in EVALUATIVE:
        return True  # a specific head makes the phrase specific: "neural operator"
    return any(word not in GENERIC_WORDS and word not in EVALUATIVE for word in words[:-1])


_STRONG_HEADS: Final = (METHOD_HEADS | TASK_HEADS) - WEAK_HEADS
_STRONG_HEAD_FORMS: Final = Words(_STRONG_HEADS | {plural(head) for head in _STRONG_HEADS})
_GERUNDS: Final = Words(PROBLEM_GERUNDS)


def head_noun_phrases(doc: Doc, floor: int = 0) -> Iterator[Candidate]:
    """Modifier runs ending in a method or task head noun."""
    table = token_table(doc)
    for index in table.find(_STRONG_HEAD_FORMS, floor):
        if singular(table.lower_text(index)) not in _STRONG_HEADS:
            continue
        if index + 1 < len(doc) and (is_joiner(table, index + 1) or continues_compound(doc, index + 1)):
            continue  # "kernel-based", "Data Reconstruction Attack": the head is further right
        start = modifier_start(doc, index, floor)
        text = table.span_text(start, index + 1)
        if start < index and is_specific(text):
            concept_type = type_by_head(text)
            if concept_type in (METHOD, TASK):
                yield Candidate(start, index + 1, concept_type, "head-noun", 0.5)


def continues_compound(doc: Doc, index: int) -> bool:
    """A capitalised content word after a capitalised head makes the head a modifier in a title
    case compound ("Reconstruction" in "Data Reconstruction Attack"); a generic kind noun does
    not ("Gradient Descent Methods"). Lower-case words are left alone: they may be verbs."""
    table = token_table(doc)
    word, head = table.token_text(index), table.token_text(index - 1)
    if not (word[:1].isupper() and head[:1].isupper() and word.isalpha()):
        return False
    return not is_boundary(doc, index) and singular(word.lower()) not in NAME_KINDS


# Nouns that say what kind of thing a name is, after it ("Gradient Descent Methods"); other
# capitalised words after a head make it a modifier ("Quadratic Ensemble Complexity").
NAME_KINDS: Final = frozenset(
    """method model algorithm approach framework technique architecture network scheme procedure
    strategy system estimator solver optimizer optimiser variant family""".split()
)


# "the gradient regularization technique", "an evolutionary search method": a kind noun after a
# specific name says that the name is a method.
METHOD_KINDS: Final = frozenset("technique approach method algorithm framework".split())
_METHOD_KINDS: Final = Words(METHOD_KINDS)
_DETERMINERS: Final = Words({"a", "an", "the", "our"})


def kind_noun_methods(doc: Doc) -> Iterator[Candidate]:
    """ "the <two or more specific words> technique/approach/method/...": the words name one
    method, introduced as such. Plurals ("memory reduction techniques") and runs without an
    article ("currently available X algorithm") are too often descriptions. After "our" the
    method is the paper's own ("Our target optimization framework")."""
    table = token_table(doc)
    for index in table.find(_METHOD_KINDS, 2):
        if index + 1 < len(doc) and is_joiner(table, index + 1):
            continue  # "method-agnostic"
        if not table.any_in(_DETERMINERS, max(0, index - 2 * MAX_MODIFIERS - 1), index - 2):
            continue  # no determiner far enough before: nothing to find, and modifier_start is costly
        start = modifier_start(doc, index, sentence_bounds(doc, index)[0])
        determiner = table.lower_text(start - 1) if start > 0 else ""
        if start == index or determiner not in _DETERMINERS:
            continue
        words = table.span_text(start, index).split()
        if len(words) < 2 or not is_specific(" ".join(words)) or is_adjective_shaped(words[-1]):
            continue  # "a learning-based approach", "a two-stage approach" describe, not name
        if not any(word[:1].isdigit() for word in words):
            proposed = determiner == "our"
            yield Candidate(start, index, METHOD, "head-noun:kind", 0.5, proposed=proposed)


_BASED: Final = Words({"based"})


def based_names(doc: Doc) -> Iterator[Candidate]:
    """ "QNN-based methods", "VQC or CNN-based models": a shaped name that methods are built on
    is a method, and so is a shaped name coordinated with it."""
    table = token_table(doc)
    for index in table.find(_BASED, 2, len(doc) - 1):
        if not is_joiner(table, index - 1) or singular(table.lower_text(index + 1)) not in METHOD_HEADS:
            continue
        name = index - 2
        while (
            is_shaped_name(table.token_text(name))
            and concept_key(table.token_text(name)) not in GENERIC_TERMS
        ):
            yield Candidate(name, name + 1, METHOD, "head-noun:based", 0.5)
            if name < 2 or table.lower_text(name - 1) not in ("or", "and", ","):
                break
            name -= 2


MAX_EXTENSION_WORDS: Final = 2


def specialised_methods(doc: Doc) -> Iterator[Candidate]:
    """ "projected stochastic gradient descent", "layerwise gradient descent": a known method
    with a specific modifier written before it is a variant, named by the longer phrase."""
    table = token_table(doc)
    for candidate in candidates_of(doc):
        if candidate.type is not METHOD or candidate.component != "gazetteer":
            continue
        start = modifier_start(doc, candidate.start, max(0, candidate.start - 2 * MAX_EXTENSION_WORDS - 2))
        while start < candidate.start and (
            len(table.span_text(start, candidate.start).split()) > MAX_EXTENSION_WORDS
            or table.token_text(start) in ("-", "/")
        ):
            start += 1  # keep the words nearest the name
        start = without_vague_words(doc, start, candidate.start)
        modifier_text = table.span_text(start, candidate.start) if start < candidate.start else ""
        words = modifier_text.split()
        if any(word.lower().startswith("non-") for word in words):
            continue  # "non-gradient-based evolutionary algorithms" says what it is not
        # each word says something: "low-rank" and "score-based" do, "low" or "based" alone not
        specific = all(any(part not in GENERIC_WORDS for part in concept_key(word).split()) for word in words)
        if words and specific and all(is_adjective_shaped(word) for word in words):
            yield Candidate(start, candidate.end, METHOD, "head-noun", 0.55)


def without_vague_words(doc: Doc, start: int, end: int) -> int:
    """Skip leading modifier words that are evaluative or wholly generic: "low-cost stochastic
    MCMC" is a "stochastic MCMC", "high-capacity Transformers" are Transformers."""
    table = token_table(doc)
    while start < end:
        last = word_end(table, start, end)
        word = table.span_text(start, last + 1).lower()
        if word not in EVALUATIVE and not all(
            part in GENERIC_WORDS or part in EVALUATIVE for part in concept_key(word).split()
        ):
            return start
        start = last + 1
    return start


def word_end(table: TokenTable, start: int, end: int) -> int:
    """The last token, before ``end``, of the written word that starts at ``start`` ("low-cost"
    is one word of three tokens)."""
    last = start
    while last < end - 1 and table.glued_to_next(last):
        last += 1
    return last


_ADJECTIVE_ENDINGS: Final = (
    "ed",
    "al",
    "ic",
    "ive",
    "ous",
    "ar",
    "wise",
    "ant",
    "ent",
    "ful",
    "less",
    "ary",
    "ible",
    "able",
)


def is_adjective_shaped(word: str) -> bool:
    """Without a tagger: a hyphenated compound ("infinitely-wide") or a word with an adjective
    ending ("projected", "layerwise", "stochastic"); "/" marks alternatives, never a modifier."""
    if "/" in word:
        return False
    return "-" in word.strip("-") or word.lower().endswith(_ADJECTIVE_ENDINGS)


def supported(doc: Doc, candidates: list[Candidate], title_end: int) -> list[Candidate]:
    """Head-noun phrases the paper stands behind: written in the title or at least twice, or a
    network family named by one adjective ("equivariant neural networks")."""
    counts: dict[str, int] = {}
    in_title: set[str] = set()
    table = token_table(doc)
    keys = [concept_key(table.span_text(c.start, c.end)) for c in candidates]
    for index, candidate in enumerate(candidates):  # (compiled, zip(strict=True) is a generic call)
        key = keys[index]
        counts[key] = counts.get(key, 0) + 1
        if candidate.start < title_end:
            in_title.add(key)
    return [
        c
        for c, key in zip(candidates, keys)  # noqa: B905 (compiled, strict= is a generic call)
        if counts[key] >= 2 or key in in_title or is_network_family(key)
    ]


def is_network_family(key: str) -> bool:
    """ "quantized neural network", "hyperbolic neural network": one specific adjective before
    the generic "neural network" names a family of architectures."""
    modifier, _, rest = key.partition(" ")
    vague = modifier in GENERIC_WORDS or modifier in EVALUATIVE
    return rest == "neural network" and is_adjective_shaped(modifier) and not vague


def object_end(doc: Doc, start: int, limit: int, in_title: bool, definite: bool = False) -> int:
    """End of the noun phrase that starts at ``start``, up to a boundary.

    Titles name their problem in full: there one "of", "and" and a leading "the" are kept
    ("Measuring the Intrinsic Dimension of Objective Landscapes"); in running text a definite
    object ("computing the logarithm") is an instance, not a problem, and ends nothing, unless
    ``definite`` allows it with one "of" ("for computing the logarithm of Bessel functions").
    """
    table = token_table(doc)
    end = start
    used = set()
    definite = definite and table.lower_text(start) == "the"
    joiners = ("of", "and") if in_title else ("of",) if definite else ()
    while end < limit and end - start < 8:
        word = table.lower_text(end)
        if word in joiners and word not in used and end > start:
            used.add(word)
            end += 1
            continue
        if word == "the" and end == start:
            if not (in_title or definite):
                return start
            end += 1
            continue
        if is_boundary(doc, end) and not is_joiner(table, end):
            break
        end += 1
    while end > start and table.lower_text(end - 1) in ("of", "the", "and", "-"):
        end -= 1
    return end


def gerund_tasks(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "solving PDEs", "learning hierarchical polynomials": a problem gerund and its object."""
    table = token_table(doc)
    for index in table.find(_GERUNDS, 0, len(doc) - 1):
        in_title = index < title_end
        if index != 0 and not after_problem_cue(doc, index):
            continue  # a title names its problem with an opening gerund or "for solving ..."
        limit = title_end if in_title else sentence_bounds(doc, index)[1]
        definite = not in_title and index > 0 and table.lower_text(index - 1) in ("for", "of")
        end = object_end(doc, index + 1, limit, in_title, definite)
        text = table.span_text(index + 1, end) if end > index + 1 else ""
        if (
            not in_title
            and text.lower().startswith("the ")
            and (" of " not in text or len(text.split()[-1]) < 2)
        ):
            continue  # "for computing the gradient" is one computation, not a problem
        if end - index >= 2 and names_an_object(text):
            yield Candidate(index, end, TASK, "pattern:gerund-task", 0.6)


def names_an_object(text: str) -> bool:
    """A gerund's object that says what is solved: not only generic or evaluative words
    ("modeling complex problems", "generating accurate samples"), and not a kind noun that the
    gerund modifies ("Ranking models lie at the heart of ...", "sampling methods")."""
    key = concept_key(text)
    words = key.split()
    if not words or singular(words[0]) in NAME_KINDS or key in GENERIC_TERMS:
        return False
    return any(word not in EVALUATIVE and word not in VAGUE_OBJECTS for word in words)


VAGUE_OBJECTS: Final = frozenset(
    "problem sample thing issue case question result data task objective function".split()
)


_PROBLEM_NOUNS: Final = Words({"problem", "problems", "task", "tasks", "challenge"})
_PURPOSES: Final = Words({"for", "towards", "toward"})


def purpose_tasks(doc: Doc) -> Iterator[Candidate]:
    """ "used for optimal control", "towards network compression": a purpose whose head is a
    problem noun is a task."""
    table = token_table(doc)
    for index in table.find(_PURPOSES, 0, len(doc) - 1):
        start = index + 1
        end = object_end(doc, start, sentence_bounds(doc, index)[1], in_title=False)
        if end - start < 2 or end - start > 5:
            continue
        text = table.span_text(start, end)
        head = singular(table.lower_text(end - 1))
        if head in TASK_HEADS and is_specific(text):
            yield Candidate(start, end, TASK, "pattern:purpose", 0.55)


_APPLICATIONS: Final = Words({"application", "applications"})


def application_tasks(doc: Doc) -> Iterator[Candidate]:
    """ "an application to DP classification", "applications to the sensitivity analysis of
    molecular dynamics": what a method is applied to is a task."""
    table = token_table(doc)
    for index in table.find(_APPLICATIONS, 0, len(doc) - 2):
        if table.lower_text(index + 1) != "to":
            continue
        start = index + 2
        end = object_end(doc, start, sentence_bounds(doc, index)[1], in_title=False, definite=True)
        if table.lower_text(start) == "the":
            start += 1
        if end - start >= 2 and is_specific(table.span_text(start, end)):
            yield Candidate(start, end, TASK, "pattern:application", 0.55)


def problem_of(doc: Doc) -> Iterator[Candidate]:
    """ "the problem of submodular maximization": the object of "problem/task of" is a task."""
    table = token_table(doc)
    for index in table.find(_PROBLEM_NOUNS, 0, len(doc) - 2):
        if table.lower_text(index + 1) != "of" or table.lower_text(index + 2) in PROBLEM_GERUNDS:
            continue  # gerund objects are found by gerund_tasks
        end = object_end(doc, index + 2, sentence_bounds(doc, index)[1], in_title=False)
        if end - (index + 2) >= 2 and is_specific(table.span_text(index + 2, end)):
            yield Candidate(index + 2, end, TASK, "pattern:problem-of", 0.6)


_TASK_NOUNS: Final = Words({"task", "tasks"})
# One word names a task before "task(s)" when it is a task head ("classification tasks") or
# "regression", which is otherwise a method head ("logistic regression").
BARE_TASK_WORDS: Final = (TASK_HEADS | {"regression"}) - WEAK_HEADS


def bare_task_words(doc: Doc) -> Iterator[Candidate]:
    """ "classification and regression tasks", "the segmentation task": one task-head word, or a
    coordination of them, before "task(s)" names those tasks."""
    table = token_table(doc)
    for index in table.find(_TASK_NOUNS, 1):
        position = index - 1
        while position >= 0 and table.lower_text(position) in BARE_TASK_WORDS:
            if position > 0 and is_joiner(table, position - 1):
                break  # part of a compound ("image-classification tasks"): other rules see it
            if position > 0 and not is_boundary(doc, position - 1):
                break  # a modified head ("image classification tasks") is a longer name
            yield Candidate(position, position + 1, TASK, "pattern:bare-task", 0.55)
            if position < 2 or table.lower_text(position - 1) not in ("and", "or", ","):
                break
            position -= 2


def title_nominal_task(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "Optimization of Multiparameter Persistent Homology", "Towards Exact Computation of
    Inductive Bias": a title opening with a problem noun and its "of" object names the problem."""
    table = token_table(doc)
    start = 1 if title_end > 2 and table.lower_text(0) in ("towards", "toward", "on") else 0
    if title_end > start + 2 and table.lower_text(start) in _TITLE_QUALITIES:
        start += 1
    if start + 2 >= title_end or table.lower_text(start + 1) != "of":
        return
    if singular(table.lower_text(start)) not in _TITLE_PROBLEM_HEADS:
        return
    end = object_end(doc, start + 2, title_end, in_title=False)
    if end > start + 2:
        yield Candidate(start, end, TASK, "pattern:title-problem", 0.6)


_TITLE_QUALITIES: Final = EVALUATIVE | {"exact", "accurate", "fast", "efficient"}
_TITLE_PROBLEM_HEADS: Final = TASK_HEADS | {"approximation", "computation"}


def after_problem_cue(doc: Doc, index: int) -> bool:
    """The gerund ``index`` names a problem after "of", "for", "in", "at", "on", "towards" (an
    adverb may come between: "for iteratively solving"), or opening a sentence."""
    if index == sentence_bounds(doc, index)[0]:
        return True
    table = token_table(doc)
    previous = table.lower_text(index - 1)
    if previous.endswith("ly") and index > 1:
        previous = table.lower_text(index - 2)  # "for iteratively solving"
    if previous == "to" and index > 1:  # "an approach to solving ODEs"
        return singular(table.lower_text(index - 2)) in METHOD_KINDS
    return previous in ("of", "for", "in", "at", "on", "towards", "toward")


def title_template(doc: Doc, title_end: int) -> Iterator[Candidate]:
    """ "<method> for <task>" and "... with/using/via <method>" in the title.

    "via", "using" and "through" name the means, so their object is a method whatever its head
    ("... via Optimal Transport", "... via Multigrid"); "with" also brings properties ("with
    Random Weights"), so its object must have a method head.
    """
    table = token_table(doc)
    for index in range(1, title_end):
        lower = table.lower_text(index)
        if lower not in TITLE_SPLITTERS:
            continue
        end = object_end(doc, index + 1, title_end, in_title=False)
        if end <= index + 1:
            continue
        start, phrase = index + 1, table.span_text(index + 1, end)
        phrase_type = type_by_head(phrase)
        if lower in MEANS_SPLITTERS and phrase_type is None and is_specific_name(phrase):
            yield Candidate(start, end, METHOD, "pattern:title-via", 0.6)
        if not is_specific_or_long(phrase, end - start):
            continue
        if lower in ("for", "in", "on", "towards") and phrase_type is TASK:
            yield Candidate(start, end, TASK, "pattern:title-for", 0.6)
        elif lower == "for" and phrase_type is None and method_ends_at(doc, index):
            # "<method> for <task>": after a method the purpose is a task whatever its head
            yield Candidate(start, end, TASK, "pattern:title-for", 0.55)
        elif lower in METHOD_SPLITTERS and phrase_type is METHOD:
            yield Candidate(start, end, METHOD, "pattern:title-with", 0.6)


MEANS_SPLITTERS: Final = ("via", "using", "through")
METHOD_SPLITTERS: Final = ("with", *MEANS_SPLITTERS)


def method_ends_at(doc: Doc, end: int) -> bool:
    """A method is named right before token ``end``: a known one, or a phrase with a method
    head ("... Covariance Net", "Quantization Methods"), not a result ("Exact Bounds")."""
    if end == 0:
        return False
    known = any(c.end == end and c.type is METHOD for c in candidates_of(doc))
    head = token_table(doc).lower_text(end - 1)
    return known or (type_by_head(head) is METHOD and singular(head) not in _RESULT_HEADS)


# Method heads that in a title name a result or a quantity ("Exact Bounds for ...").
_RESULT_HEADS: Final = frozenset("bound test function loss prior rule gradient".split())


def is_specific_name(text: str) -> bool:
    """A specific phrase, or one word that is not generic ("Multigrid", not "Learning")."""
    key = concept_key(text)
    return is_specific(text) or (" " not in key and key not in GENERIC_TERMS and key not in GENERIC_WORDS)


def is_specific_or_long(text: str, tokens: int) -> bool:
    return is_specific(text) or (tokens >= 2 and concept_key(text) not in GENERIC_TERMS)


@Language.factory("kg_phrases")
def create_phrases(nlp: Language, name: str) -> PhraseComponent:
    return PhraseComponent()


class PhraseComponent:
    def __call__(self, doc: Doc) -> Doc:
        end_of_title = title_end(doc)
        add_candidates(doc, gerund_tasks(doc, end_of_title))
        add_candidates(doc, title_template(doc, end_of_title))
        add_candidates(doc, title_nominal_task(doc, end_of_title))
        add_candidates(doc, problem_of(doc))
        add_candidates(doc, application_tasks(doc))
        add_candidates(doc, purpose_tasks(doc))
        add_candidates(doc, bare_task_words(doc))
        add_candidates(doc, supported(doc, list(head_noun_phrases(doc)), end_of_title))
        add_candidates(doc, kind_noun_methods(doc))
        add_candidates(doc, based_names(doc))
        add_candidates(doc, list(specialised_methods(doc)))
        return doc
